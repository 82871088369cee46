/*
 * Parcours: Tasklist speaks French first. The webapp takes the browser's first language
 * (navigator.languages[0]) when it is one of availableLocales, else fallbackLocale: a browser set to
 * English gets English, every other one French. The user menu offers no choice of language.
 * The French strings are Parcours' own (locales/fr.json); English is Camunda's (locales/en.json).
 */
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  },
  // dates in figures, as the locale orders them (locales/fr.json, dateLocales.longDateFormat):
  // French 31/03/2027 14:30, and "mardi 31/03/2027 14:30" in the tooltips of due dates
  dateFormat: {
    short: 'L',
    abbr: 'L LT',
    normal: 'L LT',
    long: 'dddd L LT'
  },
  // hides from each user the controls that the server refuses them (scripts/parcours-controls.js); links the
  // header to the dossiers' pages (scripts/parcours-dossiers-link.js); the Camunda Forms' dates (31/03/2027) and
  // list buttons in French (scripts/parcours-forms.js)
  customScripts: ['scripts/parcours-controls', 'scripts/parcours-dossiers-link', 'scripts/parcours-forms'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'prendre en charge la tâche ouverte (claim the open task)'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'aller au premier filtre (first filter)'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'aller à la première tâche de la liste (first task of the list)'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'aller au premier champ du formulaire (first field of the form)'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'démarrer un processus (start a process)'
    }
  }
};
