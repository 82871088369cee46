/*
 * Parcours: the Welcome page speaks French first, as Tasklist does (see ../../tasklist/scripts/config.js):
 * English for a browser whose first language is English, French for every other one.
 */
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  }
};
