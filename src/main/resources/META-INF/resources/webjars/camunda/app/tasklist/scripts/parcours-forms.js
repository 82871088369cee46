/*
 * Parcours: the Camunda Forms that Tasklist draws (form-js) in French for a French user, with the language rule
 * of config.js (the browser's first language when it is English, French otherwise).
 *
 * - Dates: form-js writes and reads a date field in the order of the browser's default locale (Intl), which a
 *   French Tasklist does not follow (a headless or English-installed browser says 3/1/2027 for the 1st of March).
 *   Its date picker is a flatpickr, reachable on the input (input._flatpickr): for a French user it is told to
 *   show and read 31/03/2027 (dateFormat d/m/Y), with French months and days, weeks starting on Monday. What the
 *   form sends is unchanged: form-js turns the picked day into 2027-03-31 itself, whatever the display.
 * - Lists (dynamic lists): "Add new", "Collapse", "Expand all (n)" and the remove button's name, in French.
 * - form-js's own messages under a field ("Field is required.", "Field must match pattern ^[0-9]{9}$."...) and its
 *   select fields' "Select", "No results", in French.
 *
 * form-js draws a field again when its data changes and may draw a whole form again: the fields are looked at
 * whenever the page changes, and every quarter of a second for pickers that form-js creates after drawing.
 * An English user's forms are left as form-js draws them, but for its pattern message (below).
 */
const french = !(navigator.languages && navigator.languages[0] || navigator.language || '').toLowerCase()
  .startsWith('en');

const FRENCH_PICKER = {
  weekdays: {
    shorthand: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    longhand: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
  },
  months: {
    shorthand: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    longhand: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
      'novembre', 'décembre']
  },
  firstDayOfWeek: 1,
  ordinal: day => (day === 1 ? 'er' : ''),
  rangeSeparator: ' au ',
  weekAbbreviation: 'Sem.',
  scrollTitle: 'Faire défiler pour changer',
  toggleTitle: 'Cliquer pour changer',
  yearAriaLabel: 'Année',
  monthAriaLabel: 'Mois',
  hourAriaLabel: 'Heure',
  minuteAriaLabel: 'Minute',
  time_24hr: true
};
/** What a French user types and reads in a date field. */
const FRENCH_DATE = 'd/m/Y';
const FRENCH_PLACEHOLDER = 'jj/mm/aaaa';

function frenchDates() {
  document.querySelectorAll('.fjs-form input.flatpickr-input').forEach(input => {
    const picker = input._flatpickr;
    if (!picker || !picker.config) {
      return; // form-js creates the picker just after drawing the field: the next look finds it
    }
    if (picker.config.dateFormat !== FRENCH_DATE || picker.l10n.firstDayOfWeek !== 1) {
      // set() reads the locale again, draws the calendar again and writes the chosen day in the new format
      picker.set({locale: FRENCH_PICKER, dateFormat: FRENCH_DATE, ariaDateFormat: 'j F Y'});
    }
    if (input.placeholder !== FRENCH_PLACEHOLDER) {
      input.placeholder = FRENCH_PLACEHOLDER;
    }
  });
}

const LIST_WORDS = [
  [/^Add new$/, () => 'Ajouter'],
  [/^Collapse$/, () => 'Replier'],
  [/^Expand all \((\d+)\)$/, (all, count) => 'Tout déplier (' + count + ')']
];

function frenchLists() {
  document.querySelectorAll('.fjs-form .fjs-repeat-render-footer button')
    .forEach(button => translate(button, LIST_WORDS));
  document.querySelectorAll('.fjs-form button.fjs-repeat-row-remove').forEach(button => {
    const label = button.getAttribute('aria-label') || '';
    const match = label.match(/^Remove list item (\d+)$/);
    if (match) {
      button.setAttribute('aria-label', 'Retirer l’élément ' + match[1]);
      button.title = 'Retirer l’élément ' + match[1];
    }
  });
}

/* form-js's own messages under a field, and its select fields' words (the forms' own texts are French already) */
const FIELD_WORDS = [
  [/^Field is required\.$/, () => 'Ce champ est obligatoire.'],
  [/^Field must have minimum length of (\d+)\.$/, (all, n) => 'Saisissez au moins ' + n + ' caractères.'],
  [/^Field must have maximum length of (\d+)\.$/, (all, n) => 'Saisissez au plus ' + n + ' caractères.'],
  [/^Field must have minimum value of (.+)\.$/, (all, n) => 'Saisissez une valeur d’au moins ' + n + '.'],
  [/^Field must have maximum value of (.+)\.$/, (all, n) => 'Saisissez une valeur d’au plus ' + n + '.'],
  [/^Field must match pattern .*$/, () => 'Ce n’est pas la forme attendue : voyez l’aide sous le champ.'],
  [/^Field must be a valid email\.$/, () => 'Saisissez une adresse électronique valide, par exemple nom@entreprise.fr.'],
  [/^Field must be a valid +international phone number\..*$/,
    () => 'Saisissez un numéro international valide, par exemple +33123456789.'],
  [/^Value is not a number\.$/, () => 'Saisissez un nombre.'],
  [/^Select$/, () => 'Choisir'],
  [/^No results$/, () => 'Aucun résultat'],
  [/^All values selected$/, () => 'Toutes les valeurs sont choisies']
];

function frenchFieldWords() {
  document.querySelectorAll('.fjs-form .fjs-form-field-error li, .fjs-form .fjs-select-placeholder,'
    + ' .fjs-form .fjs-dropdownlist-empty').forEach(element => translate(element, FIELD_WORDS));
}

/** Puts into French the text nodes of an element that say one of these English sentences. */
function translate(element, words) {
  element.childNodes.forEach(node => {
    if (node.nodeType !== Node.TEXT_NODE) {
      return;
    }
    const text = node.data.trim();
    for (const [english, inFrench] of words) {
      const match = text.match(english);
      if (match) {
        node.data = inFrench(...match);
        return;
      }
    }
  });
}

function frenchForms() {
  frenchDates();
  frenchLists();
  frenchFieldWords();
}

if (french) {
  new MutationObserver(frenchForms).observe(document.body, {childList: true, subtree: true, characterData: true});
  setInterval(frenchForms, 250);
  frenchForms();
}

/*
 * Parcours: an English user's forms keep form-js's own words, but not its pattern message, which quoted the field's
 * regular expression: "Field must match pattern ^[ .()-]*(?:0(?:[ .()-]*[0-9]){9}|…$." under a telephone number, and
 * in the notices that name the fields to correct (walk of 4 December 2026, a vendor corresponding in English). It
 * says, as the French one does, that the value is not in the expected form and where the expected form is written.
 */
const ENGLISH_FIELD_WORDS = [
  [/^Field must match pattern .*$/, () => 'Not in the expected form: see the help under the field.']
];

function englishFieldWords() {
  document.querySelectorAll('.fjs-form .fjs-form-field-error li')
    .forEach(element => translate(element, ENGLISH_FIELD_WORDS));
}

if (!french) {
  new MutationObserver(englishFieldWords).observe(document.body, {childList: true, subtree: true, characterData: true});
  englishFieldWords();
}

/*
 * Parcours: a day already past, typed into a date field that refuses past days (form-js's "disallowPassedDates": the
 * planned date of the complete evidence), was emptied by the picker and the field then said « Ce champ est
 * obligatoire. », under it and in the notices that name the fields to correct, for a field she had just filled
 * (walk 22). form-js gives its flatpickr minDate "today"; on Enter or on leaving the field, flatpickr drops a day
 * before it, empties the input and tells it so with an `input` event of its own (not the person's: isTrusted false).
 * What she last typed herself is kept; while the field is empty after a day before the first one allowed, its
 * required message says that day is past and what to choose, in her language. The field stays empty, as form-js
 * will send it: nothing is sent that she did not choose.
 */
const typedDays = new WeakMap();
const REQUIRED = [/^Field is required\.$/, /^Ce champ est obligatoire\.$/];
const passedDay = typed => (french ? 'Le ' + typed + ' est passé : choisissez aujourd’hui ou une date plus tard.'
  : typed + ' has passed: choose today or a later date.');

document.addEventListener('input', event => {
  const input = event.target;
  if (event.isTrusted && input instanceof HTMLInputElement && input.classList.contains('flatpickr-input')) {
    typedDays.set(input, input.value.trim());
  }
}, true);

function sayPassedDays() {
  document.querySelectorAll('.fjs-form input.flatpickr-input').forEach(input => {
    const picker = input._flatpickr;
    const typed = typedDays.get(input);
    const first = picker && picker.config && picker.config.minDate;
    if (input.value || !typed || !(first instanceof Date) || first.getFullYear() <= 1900) {
      return; // a day in the field, nothing typed, or past days allowed (form-js's minDate is then 01/01/1900)
    }
    const day = picker.parseDate(typed, picker.config.dateFormat);
    if (!day || day >= first) {
      return; // not a day: form-js's own message
    }
    const box = input.closest('.fjs-form-field');
    (box ? box.querySelectorAll('.fjs-form-field-error li') : [])
      .forEach(item => translate(item, REQUIRED.map(required => [required, () => passedDay(typed)])));
  });
}

// after the French words of form-js's sentences, before the notices that quote them (observers run in this order)
new MutationObserver(sayPassedDays).observe(document.body, {childList: true, subtree: true, characterData: true});

/*
 * Parcours: a start form refused a second time showed both refusals, the stale one ("Le processus n’a pas pu
 * démarrer : … marqué CE") above the new one (walk of 3 December 2026). The pop-up keeps only its newest notice: the
 * older ones are closed as the person would close them, each once (Tasklist appends a new notice after the others).
 * The pop-up's notices stay pinned in sight (styles/user-styles.css).
 */
const closedNotices = new WeakSet();

function keepTheNewestNotice() {
  document.querySelectorAll('.modal-body > [notifications-panel] .notifications').forEach(panel => {
    const notices = Array.from(panel.children).filter(child => child.classList.contains('alert'));
    notices.slice(0, -1).forEach(notice => {
      // the notice's own close button (uib-alert draws a hidden one of its own first)
      const close = notice.querySelector("button.close[ng-click^='removeNotification']");
      if (close && !closedNotices.has(notice)) {
        closedNotices.add(notice);
        close.click();
      }
    });
  });
}

new MutationObserver(keepTheNewestNotice).observe(document.body, {childList: true, subtree: true});

/*
 * Parcours: a start form that form-js refuses itself (a required field left empty, a value not in the expected
 * form) drew the pop-up's notice « Le processus n’a pas pu démarrer » and nothing more: the reason sat under its
 * field, often at the top of a long form, out of sight (walk of 4 December 2026, a generic-line candidature without
 * its line). The pinned notice now names each field to correct with form-js's sentence, each name a link to its
 * field; a field corrected stays listed, marked « corrigé », so that the notice keeps its size and the form does not
 * move; once every one is corrected, it says so and asks to press the button again. In the user's language
 * (config.js's rule). A refusal from the server (our start listeners' sentence) carries its own message and is
 * left alone. A task form refused by form-js drew the same bare notice, « Le formulaire de la tâche n’a pas pu être
 * envoyé », in the corner (walk of 4 December 2026, « Publier l’avis » without its box ticked): it now names the open
 * task's fields the same way, and closes once every one is corrected (it lies over « Valider »).
 */
const FIELDS_TO_CORRECT = 'parcours-fields-to-correct';
const REFUSAL_WORDS = french ? {
  one: 'Corrigez ce champ du formulaire (son nom y mène) :',
  many: 'Corrigez ces champs du formulaire (chaque nom y mène) :',
  corrected: 'Les champs signalés sont corrigés : appuyez de nouveau sur « Démarrer ».',
  done: 'corrigé.',
  unnamed: 'champ sans nom'
} : {
  one: 'Correct this field of the form (its name takes you there):',
  many: 'Correct these fields of the form (each name takes you there):',
  corrected: 'The fields shown are corrected: press “Start” again.',
  done: 'corrected.',
  unnamed: 'unnamed field'
};

function fieldName(field) {
  const label = field.querySelector('.fjs-form-field-label');
  const copy = label && label.cloneNode(true);
  if (copy) {
    copy.querySelectorAll('.fjs-asterix').forEach(star => star.remove());
  }
  return (copy && copy.textContent.replace(/\s+/g, ' ').trim()) || REFUSAL_WORDS.unnamed;
}

function fieldsToCorrect(modal) {
  return Array.from(modal.querySelectorAll('.fjs-form .fjs-form-field.fjs-has-errors'))
    .filter(field => !field.parentElement.closest('.fjs-form-field.fjs-has-errors'))
    .map(field => ({
      field,
      name: fieldName(field),
      reason: Array.from(field.querySelectorAll('.fjs-form-field-error li'))
        .map(item => item.textContent.trim()).filter(Boolean).join(' ')
    }));
}

function fieldLink(field, name) {
  const link = document.createElement('a');
  link.href = '#';
  link.textContent = french ? '« ' + name + ' »' : '“' + name + '”';
  link.addEventListener('click', event => {
    event.preventDefault();
    field.scrollIntoView({block: 'center'});
    const input = field.querySelector('input, select, textarea');
    if (input) {
      input.focus({preventScroll: true});
    }
  });
  return link;
}

/** The same field from one drawing of the form to the next: its input's id (unique in the form), else its name. */
function fieldKey({field, name}) {
  const input = field.querySelector('input, select, textarea');
  return (input && input.id) || name;
}

/** The form a refusal notice speaks of: the start form's pop-up around it, or the open task's form. */
function refusedForm(notice) {
  const modal = notice.closest('.modal-body');
  if (modal) {
    return modal;
  }
  const status = notice.querySelector('.status');
  const taskRefusal = status && TASK_REFUSAL_TITLES.some(title => status.textContent.trim().startsWith(title));
  return taskRefusal ? document.querySelector('.form-pane') : null;
}

function nameTheFieldsToCorrect() {
  document.querySelectorAll('.notifications > .alert-danger, .notifications > .alert-error').forEach(notice => {
    const message = notice.querySelector('.message');
    const ours = notice.querySelector('.' + FIELDS_TO_CORRECT);
    if (!message || (!ours && message.textContent.trim())) {
      return; // a refusal with its own reason
    }
    const form = refusedForm(notice);
    if (!form) {
      return;
    }
    const task = !notice.closest('.modal-body');
    const fields = fieldsToCorrect(form);
    if (!ours && !fields.length) {
      return; // not form-js's refusal
    }
    if (task && !fields.length) {
      // every field corrected: the corner notice, which lies over « Valider », is closed as the person would close it
      const close = notice.querySelector("button.close[ng-click^='removeNotification']");
      if (close && !closedNotices.has(notice)) {
        closedNotices.add(notice);
        close.click();
      }
      return;
    }
    // every field named since the person pressed the button stays listed, marked once corrected, until she presses
    // it again (a new notice): a line dropped shortened the pinned notice and moved the form under her pointer, and
    // her next click landed on another field (review of 4 December 2026); a field newly refused joins the list
    const reported = (ours && ours.reported) || [];
    fields.forEach(found => {
      const key = fieldKey(found);
      const known = reported.find(line => line.key === key);
      if (known) {
        known.field = found.field;
      } else {
        reported.push({key, field: found.field, name: found.name});
      }
    });
    const lines = reported.map(line => ({...line, now: fields.find(found => fieldKey(found) === line.key)}));
    const key = lines.map(({name, now}) => name + ' ' + (now ? now.reason : REFUSAL_WORDS.done)).join('\n')
      + (fields.length ? '' : '\n' + REFUSAL_WORDS.corrected);
    if (ours && ours.dataset.fields === key) {
      return;
    }
    const words = ours || document.createElement('div');
    words.className = FIELDS_TO_CORRECT;
    words.dataset.fields = key;
    words.reported = reported;
    words.textContent = '';
    words.append(!fields.length ? REFUSAL_WORDS.corrected : lines.length === 1 ? REFUSAL_WORDS.one
      : REFUSAL_WORDS.many);
    const list = document.createElement('ul');
    lines.forEach(({field, name, now}) => {
      const item = document.createElement('li');
      const reason = now ? now.reason : REFUSAL_WORDS.done;
      if (!now) {
        item.className = 'parcours-corrected';
      }
      item.append(fieldLink(field, name), reason ? (french ? ' : ' : ': ') + reason : '');
      list.append(item);
    });
    words.append(list);
    if (!ours) {
      message.after(words);
    }
    // never shorter until the next press (a shorter sentence may take one line fewer): the form stays where it is
    const height = words.getBoundingClientRect().height;
    if (height > (words.tallest || 0)) {
      words.tallest = height;
      words.style.minHeight = height + 'px';
    }
  });
}

// after the French words of form-js's sentences (the observer above runs first), so that the notice quotes them
new MutationObserver(nameTheFieldsToCorrect).observe(document.body,
  {childList: true, subtree: true, characterData: true});

/*
 * Parcours: a task form that the server refused (« Le formulaire de la tâche n’a pas pu être envoyé : Cochez … »)
 * kept its red notice after the person corrected the form and « Valider » completed the task: the list said
 * « Choisissez une tâche », the notice still said that her form could not be sent (walk of 4 December 2026: the CEPS
 * price dossier, the date of the acknowledgement of receipt). Tasklist ties the notice to its task view, which outlives
 * the task. A refusal now belongs to the task open when it appeared, and is closed, as the person would close it, once
 * that task is no longer the one open (completed, or another one chosen). The start form's pop-up has its own rule
 * above.
 */
const TASK_REFUSAL_TITLES = ['Le formulaire de la tâche n’a pas pu être envoyé',
  'An error happened while submitting the task form'];
const refusedTask = new WeakMap();

function openTaskId() {
  const found = /[?&]task=([^&]+)/.exec(window.location.hash);
  return found ? found[1] : null;
}

function closeRefusalsOfTasksNoLongerOpen() {
  const task = openTaskId();
  document.querySelectorAll('.notifications > .alert-danger, .notifications > .alert-error').forEach(notice => {
    const status = notice.querySelector('.status');
    if (notice.closest('.modal') || !status
      || !TASK_REFUSAL_TITLES.some(title => status.textContent.trim().startsWith(title))) {
      return;
    }
    if (!refusedTask.has(notice)) {
      refusedTask.set(notice, task);
      return;
    }
    const close = notice.querySelector("button.close[ng-click^='removeNotification']");
    if (refusedTask.get(notice) !== task && close && !closedNotices.has(notice)) {
      closedNotices.add(notice);
      close.click();
    }
  });
}

new MutationObserver(closeRefusalsOfTasksNoLongerOpen).observe(document.body, {childList: true, subtree: true});
window.addEventListener('hashchange', closeRefusalsOfTasksNoLongerOpen);

/*
 * Parcours: « Valider » (a task) and « Démarrer » (a start form) are greyed while a field shows form-js's error (a
 * telephone number or an e-mail address not in the expected form), and pressing them does nothing: no notice, and the
 * field is often far above, out of sight (walk of 4 December 2026: the administrative dossier's forty fields,
 * « Téléphone du contact » typed 0123). Beside the buttons, a line now names each field to correct with form-js's
 * sentence, each name a link to its field, for as long as a field shows an error.
 */
const BESIDE_BUTTONS = 'parcours-fields-beside-buttons';
const BESIDE_WORDS = french ? {
  one: 'À corriger avant d’envoyer (son nom y mène) :',
  many: 'À corriger avant d’envoyer (chaque nom y mène) :'
} : {
  one: 'To correct before sending (its name takes you there):',
  many: 'To correct before sending (each name takes you there):'
};

function nameTheFieldsBesideTheButtons() {
  document.querySelectorAll('.form-pane .form-actions, .modal-content > .modal-footer').forEach(actions => {
    const form = actions.closest('.form-pane') || actions.closest('.modal-content');
    let line = form.querySelector('.' + BESIDE_BUTTONS);
    const fields = form.querySelector('.fjs-form') ? fieldsToCorrect(form) : [];
    if (!fields.length) {
      if (line) {
        line.remove();
      }
      return;
    }
    const key = fields.map(({name, reason}) => name + ' ' + reason).join('\n');
    if (line && line.dataset.fields === key) {
      return;
    }
    if (!line) {
      line = document.createElement('div');
      line.className = BESIDE_BUTTONS;
      line.setAttribute('role', 'alert');
      line.style.cssText = 'color:#a94442;margin:8px 15px;text-align:left';
      actions.before(line);
    }
    line.dataset.fields = key;
    line.textContent = '';
    line.append(fields.length === 1 ? BESIDE_WORDS.one : BESIDE_WORDS.many);
    const list = document.createElement('ul');
    fields.forEach(({field, name, reason}) => {
      const item = document.createElement('li');
      item.append(fieldLink(field, name), reason ? (french ? ' : ' : ': ') + reason : '');
      list.append(item);
    });
    line.append(list);
  });
}

new MutationObserver(nameTheFieldsBesideTheButtons).observe(document.body,
  {childList: true, subtree: true, characterData: true});

/*
 * Parcours: the task cards in English for an English user. The filters' card columns are shared by every user and
 * named in French (tasklist/TasklistFilters.VARIABLES), and a task's due date on its card is its dueUntil, which the
 * server writes in French (deadline/LegalDates.until, clock/Clocks.noDeadline; its English, dueUntilEn, is what the
 * English forms and mails show). An English user reads the columns' English names, and the due date in the words of
 * dueUntilEn (walk 16: « Échéance: jusqu’au 4 janvier 2027 inclus » on an English Tasklist; "Dossier" is the same):
 *   « jusqu’au 4 janvier 2027 inclus »                          "until 4 January 2027 included"
 *   « Aucun délai réglementaire ne s’applique à cette étape. »  "No regulatory time limit applies to this step."
 *   « … ; rappel de Parcours le 10 décembre 2026. »            "…; Parcours reminder on 10 December 2026."
 *   « … ; à faire à partir du 24 décembre 2026. »              "…; to be done from 24 December 2026 on."
 * A value in any other form is left as it is, and so are the pathway's, company's and device's names. Tasklist
 * writes a card's text again when its task changes: the text is put into English again each time.
 */
// never a word into itself ("Dossier"): writing a text, even the same, is a change the observer below would see again
const CARD_LABELS = [['Échéance', 'Due'], ['Parcours', 'Pathway'], ['Entreprise', 'Company'], ['Dispositif', 'Device']]
  .map(([label, english]) => [new RegExp('^' + label + ' ?:$'), () => english + ':']);

const ENGLISH_MONTHS = {
  'janvier': 'January', 'février': 'February', 'mars': 'March', 'avril': 'April', 'mai': 'May', 'juin': 'June',
  'juillet': 'July', 'août': 'August', 'septembre': 'September', 'octobre': 'October', 'novembre': 'November',
  'décembre': 'December'
};
const FRENCH_DAY = '(1er|[0-9]{1,2}) (' + Object.keys(ENGLISH_MONTHS).join('|') + ') ([0-9]{4})';
const NO_DEADLINE = 'Aucun délai réglementaire ne s’applique à cette étape';
const NO_DEADLINE_EN = 'No regulatory time limit applies to this step';

/** "1er janvier 2027" as LegalDates writes it in English: "1 January 2027". */
function englishDay(day, month, year) {
  return (day === '1er' ? '1' : day) + ' ' + ENGLISH_MONTHS[month] + ' ' + year;
}

const CARD_DUE_WORDS = [
  [new RegExp('^jusqu’au ' + FRENCH_DAY + ' inclus$'),
    (all, day, month, year) => 'until ' + englishDay(day, month, year) + ' included'],
  [new RegExp('^' + NO_DEADLINE + '\\.$'), () => NO_DEADLINE_EN + '.'],
  [new RegExp('^' + NO_DEADLINE + ' ; rappel de Parcours le ' + FRENCH_DAY + '\\.$'),
    (all, day, month, year) => NO_DEADLINE_EN + '; Parcours reminder on ' + englishDay(day, month, year) + '.'],
  [new RegExp('^' + NO_DEADLINE + ' ; à faire à partir du ' + FRENCH_DAY + '\\.$'),
    (all, day, month, year) => NO_DEADLINE_EN + '; to be done from ' + englishDay(day, month, year) + ' on.']
];

function englishTaskCards() {
  document.querySelectorAll('[cam-tasklist-variables] .variable-item').forEach(item => {
    const label = item.querySelector('.variable-label');
    if (label) {
      translate(label, CARD_LABELS);
      if (label.getAttribute('uib-tooltip') === 'dueUntil') {
        item.querySelectorAll('.variable-value').forEach(value => translate(value, CARD_DUE_WORDS));
      }
    }
  });
}

if (!french) {
  new MutationObserver(englishTaskCards).observe(document.body, {childList: true, subtree: true, characterData: true});
  englishTaskCards();
}
