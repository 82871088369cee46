/*
 * Parcours: Cockpit speaks French first, as Tasklist does (see ../../tasklist/scripts/config.js):
 * English for a browser whose first language is English, French for every other one.
 * locales/fr.json holds every key of Camunda's English (WebappLocalesTest keeps them in step).
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
  // Cockpit's start-up fixes its tables' dates to ISO after reading dateFormat: scripts/parcours-dates.js
  // gives them the formats above
  customScripts: ['scripts/parcours-dates']
};
