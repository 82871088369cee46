/*
 * Parcours: Admin speaks French first, as Tasklist does (see ../../tasklist/scripts/config.js):
 * English for a browser whose first language is English, French for every other one.
 */
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  },
  // dates as the locale writes them (French: 31/03/2027 14:30)
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  }
};
