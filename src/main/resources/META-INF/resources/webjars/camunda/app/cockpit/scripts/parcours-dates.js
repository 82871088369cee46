/*
 * Parcours: Cockpit writes the dates of its tables ("Démarrée le", "Terminée le") as its own code fixes them,
 * 2026-12-02T16:32:15, whatever config.js says: its start-up sets the format "normal" to ISO after reading the
 * configuration. This script, loaded before Cockpit starts (config.js, customScripts), adds a last word to that
 * start-up: the formats of config.js, so that a French reader sees 02/12/2026 16:32 (the locale orders the
 * figures: locales/fr.json, dateLocales.longDateFormat).
 */
const formats = {short: 'L', abbr: 'L LT', normal: 'L LT', long: 'dddd L LT'};

try {
  window.angular.module('cam.cockpit').config(['camDateFormatProvider', provider => {
    Object.entries(formats).forEach(([name, format]) => provider.setDateFormat(format, name));
  }]);
} catch (e) {
  console.error('Parcours: the date formats of Cockpit are left as Cockpit sets them', e);
}
