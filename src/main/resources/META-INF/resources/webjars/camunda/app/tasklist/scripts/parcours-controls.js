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
 * server writes in the dossier whatever is typed (ans/CandidatureIntake.java refuses another one). Written as
 * typing would (form-js listens for input events) whenever the field is empty and the person has not gone into
 * it: form-js empties the field while it loads the form and may draw the field, or the whole form, again
 * afterwards (seen under load), which a single write loses. Once the person goes into the field (focus comes
 * before any clearing or typing), it is theirs: nothing is written in it any more, in this form, even when
 * form-js draws it again. A form is known by the field's id (fjs-form-<form>-Field_CompanyName), which form-js
 * keeps while it draws the same form again and changes for a new form.
 */
const COMPANY_FIELD = "input[id^='fjs-form-'][id$='-Field_CompanyName']";
/** The ids of company fields that a person has gone into. */
const companyFieldsTouched = new Set();
/** The inputs that this script listens to, and the one it has last written. */
const companyFieldsWatched = new WeakSet();

function prefillCompanyName() {
  if (!companyName) {
    return;
  }
  document.querySelectorAll(COMPANY_FIELD).forEach(input => {
    if (!companyFieldsWatched.has(input)) {
      companyFieldsWatched.add(input);
      const touched = event => {
        if (event.isTrusted) {
          companyFieldsTouched.add(input.id);
        }
      };
      ['focus', 'keydown', 'mousedown', 'paste'].forEach(type => input.addEventListener(type, touched));
      if (document.activeElement === input) {
        companyFieldsTouched.add(input.id);
      }
    }
    if (companyFieldsTouched.has(input.id) || input.value !== '') {
      return;
    }
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, companyName);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  });
}

// a redrawn field is seen at once; an emptied one (form-js sets the value without an event) within 250 ms
new MutationObserver(prefillCompanyName).observe(document.body, {childList: true, subtree: true});
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
