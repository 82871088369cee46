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
  // dates as the locale writes them (French: 31/03/2027 14:30)
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  }
};
