/*
 * Parcours: Tasklist offers each user only the controls that serve them. The server refuses a vendor a
 * new task (no Task CREATE grant), a due date or follow-up date moved by hand, and a comment
 * (security/TaskHandover.java); a reviewer may not move a due date either, and neither changes a task's groups. This script marks <body> with
 * the signed-in user's role, read from the user's groups (security/Roles.java); styles/user-styles.css
 * hides what the role may not use. Tasklist's plugin exclusion cannot do it: it is one list for every
 * user, and the date fields are no plugins.
 */
const root = document.querySelector('base').getAttribute('app-root');
let markedFor = null;
/** The signed-in vendor's company name, from its group (see prefillCompanyName). */
let companyName = null;

async function json(path) {
  const answer = await fetch(root + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  return answer.ok ? answer.json() : null;
}

async function markRole() {
  const user = await json('/api/admin/auth/user/default');
  if (!user || !user.userId) {
    markedFor = null; // signed out: the next sign-in marks again
    companyName = null;
    return;
  }
  if (user.userId === markedFor) {
    return;
  }
  const groups = (await json('/api/engine/engine/default/group?maxResults=100&member=' + encodeURIComponent(user.userId))) || [];
  const ids = groups.map(group => group.id);
  document.body.classList.toggle('parcours-admin', ids.includes('camunda-admin'));
  document.body.classList.toggle('parcours-vendor', groups.some(group => group.type === 'vendor'));
  document.body.classList.toggle('parcours-repairer', ids.includes('camunda-admin') || ids.includes('process-owner'));
  document.body.classList.add('parcours-role-known');
  const company = groups.find(group => group.type === 'vendor');
  companyName = company && company.name ? company.name : null;
  markedFor = user.userId;
}

/*
 * A vendor's start form shows the company's name in "Raison sociale", from the company's group: the name the
 * server writes in the dossier whatever is typed (ans/CandidatureIntake.java refuses another one). Written once
 * per field, as typing would (form-js listens for input events), when the field has been on the page for a second
 * (form-js empties it while it loads the form) and only if it is still empty and nobody has gone into it.
 */
const COMPANY_FIELD = "input[id^='fjs-form-'][id$='-Field_CompanyName']";
const companyFieldsDone = new WeakSet();
const companyFieldsSeen = new WeakMap();

function prefillCompanyName() {
  if (!companyName) {
    return;
  }
  const now = Date.now();
  document.querySelectorAll(COMPANY_FIELD).forEach(input => {
    if (companyFieldsDone.has(input)) {
      return;
    }
    if (!companyFieldsSeen.has(input)) {
      companyFieldsSeen.set(input, now);
      // the person goes into the field (focus comes before any clearing or typing): it is theirs from then on
      input.addEventListener('focus', () => companyFieldsDone.add(input));
      input.addEventListener('keydown', () => companyFieldsDone.add(input));
      return;
    }
    if (now - companyFieldsSeen.get(input) < 1000) {
      return;
    }
    companyFieldsDone.add(input);
    if (input.value === '') {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, companyName);
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
  });
}

setInterval(prefillCompanyName, 250);

/*
 * The audit's start form opened from the auditors' list of certificates (/audits/certificates, audit/AuditStartPage)
 * carries the certificate's number in Tasklist's address (#/?processStart=compliance-audit&certificate=...): it is
 * written in "Numéro du certificat de conformité" once, as typing would, if the field is still empty. The server
 * checks the number whatever the field holds (audit/AuditIntake.java).
 */
const CERTIFICATE_FIELD = "input[id^='fjs-form-'][id$='-Field_CertificateNumber']";
const certificateFieldsDone = new WeakSet();
const certificateFieldsSeen = new WeakMap();

function certificateOfTheLink() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('certificate');
}

function prefillCertificate() {
  const number = certificateOfTheLink();
  if (!number) {
    return;
  }
  const now = Date.now();
  document.querySelectorAll(CERTIFICATE_FIELD).forEach(input => {
    if (certificateFieldsDone.has(input)) {
      return;
    }
    if (!certificateFieldsSeen.has(input)) {
      certificateFieldsSeen.set(input, now);
      input.addEventListener('keydown', () => certificateFieldsDone.add(input));
      return;
    }
    if (now - certificateFieldsSeen.get(input) < 1000) {
      return; // form-js empties its fields while it loads the form
    }
    certificateFieldsDone.add(input);
    if (input.value === '') {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, number);
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
  });
}

setInterval(prefillCertificate, 250);

window.addEventListener('hashchange', markRole);
markRole();
