/*
 * Parcours: Tasklist's header links to the dossiers' pages (/dossiers, dossierpage/DossierPages.java), beside
 * the account menu: "Mes dossiers", or "My dossiers" for a browser whose first language is English (the same
 * rule as config.js). Tasklist draws its header after this script runs and may draw it again: the link is put
 * back whenever the header is there without it.
 */
const english = (navigator.languages && navigator.languages[0] || navigator.language || '').toLowerCase()
  .startsWith('en');

function addLink() {
  const account = document.querySelector('[cam-widget-header] li.account');
  if (!account || account.parentElement.querySelector('li.parcours-dossiers')) {
    return;
  }
  const item = document.createElement('li');
  item.className = 'parcours-dossiers';
  const link = document.createElement('a');
  link.href = '/dossiers';
  link.textContent = english ? 'My dossiers' : 'Mes dossiers';
  link.title = english ? 'Where each of your dossiers stands, and until when'
    : 'Où en est chacun de vos dossiers, et jusqu’à quand';
  item.appendChild(link);
  account.parentElement.insertBefore(item, account);
}

new MutationObserver(addLink).observe(document.body, {childList: true, subtree: true});
addLink();
