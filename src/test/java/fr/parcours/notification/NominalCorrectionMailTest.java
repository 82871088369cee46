package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mail that tells a vendor the ANS corrected or withdrew the nominal opening it had announced
 * ({@code mails/<language>/transitional-nominal-corrected.*}), in both languages, as the mail step fills it: a
 * correction says the new day and the old one, the texts and the link to the continuation task; a withdrawal says the
 * window stays transitional and offers no continuation; both give the ANS's reason.
 */
class NominalCorrectionMailTest {

  final MailTemplates templates = new MailTemplates();

  /** The model in English: the mail step writes its dates in the dossier's language. */
  Map<String, Object> english(String change) {
    Map<String, Object> model = model(change);
    model.put("previousNominalOpensOn", "10 March 2027");
    if (model.containsKey("nominalOpensOn")) {
      model.put("nominalOpensOn", "1 March 2027");
    }
    return model;
  }

  Map<String, Object> model(String change) {
    Map<String, Object> model = new HashMap<>(Map.of("dossierId", "DMN-2026-ABCDE", "softwareName", "CardioWatch",
        "softwareVersion", "2.1", "companyName", "MediSoft SAS", "ansWindowName", "DMN de télésurveillance",
        "ansWindowNameEn", "Telemonitoring DMN", "previousNominalOpensOn", "10 mars 2027", "nominalChange", change,
        "nominalChangeReason", "Jour mal saisi.", "dossierLink", "https://parcours.example/dossiers/DMN-2026-ABCDE"));
    model.put("taskLink", "https://parcours.example/dossiers/DMN-2026-ABCDE/tache");
    if (change.equals("CORRECTED")) {
      model.put("nominalOpensOn", "1er mars 2027");
      model.put("nominalLegalReference", "Décret n° 2027-1");
    }
    return model;
  }

  @Test
  void shouldSayTheCorrectedDayTheOldOneAndTheReason() {
    RenderedMail french = templates.render(NotificationEvent.TRANSITIONAL_NOMINAL_CORRECTED, Language.FR,
        model("CORRECTED"));
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : correction, la phase nominale du guichet de l’ANS"
        + " ouvre le 1er mars 2027");
    assertThat(french.text()).contains("ouvre le 1er mars 2027 (et non le 10 mars 2027").contains("Décret n° 2027-1")
        .contains("/dossiers/DMN-2026-ABCDE/tache").contains("Raison donnée par l’ANS : Jour mal saisi.");
    assertThat(french.html()).contains("Jour mal saisi.").contains("1er mars 2027");
    RenderedMail english = templates.render(NotificationEvent.TRANSITIONAL_NOMINAL_CORRECTED, Language.EN,
        english("CORRECTED"));
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: correction, the nominal phase of the ANS window"
        + " opens on 1 March 2027");
    assertThat(english.text()).contains("Telemonitoring DMN").contains("not on 10 March 2027")
        .contains("Reason given by the ANS: Jour mal saisi.");
  }

  @Test
  void shouldSayAWithdrawalLeavesTheWindowTransitionalWithoutAContinuation() {
    RenderedMail french = templates.render(NotificationEvent.TRANSITIONAL_NOMINAL_CORRECTED, Language.FR,
        model("WITHDRAWN"));
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : l’ANS retire l’ouverture de la phase nominale"
        + " annoncée pour le 10 mars 2027");
    assertThat(french.text()).contains("Le guichet reste en phase transitoire").contains("Jour mal saisi.")
        .doesNotContain("/tache").doesNotContain("null");
    RenderedMail english = templates.render(NotificationEvent.TRANSITIONAL_NOMINAL_CORRECTED, Language.EN,
        english("WITHDRAWN"));
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: the ANS withdraws the nominal opening announced"
        + " for 10 March 2027");
    assertThat(english.text()).contains("The window stays in its transitional phase").doesNotContain("/tache");
  }
}
