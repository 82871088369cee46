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

async function json(path) {
  const answer = await fetch(root + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  return answer.ok ? answer.json() : null;
}

async function markRole() {
  const user = await json('/api/admin/auth/user/default');
  if (!user || !user.userId) {
    markedFor = null; // signed out: the next sign-in marks again
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
  markedFor = user.userId;
}

window.addEventListener('hashchange', markRole);
markRole();
