/*
 * Parcours: Cockpit speaks French where process owners look first (the dashboard, the process and
 * instance pages, incidents, the task dashboard; locales/fr.json); every other string stays in Camunda's
 * English. Hence English, not French, as the fallback: it fills the strings fr.json lacks, and it is
 * also what a browser whose first language is neither French nor English gets.
 */
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'en'
  },
  // dates in figures, as the locale orders them (locales/fr.json, dateLocales.longDateFormat):
  // French 31/03/2027 14:30, and "mardi 31/03/2027 14:30" in the tooltips of due dates
  dateFormat: {
    short: 'L',
    abbr: 'L LT',
    normal: 'L LT',
    long: 'dddd L LT'
  }
};
