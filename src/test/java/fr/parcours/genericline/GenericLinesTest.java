package fr.parcours.genericline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.evidence.EvidenceCatalogue;
import fr.parcours.evidence.EvidenceCatalogueReader;
import fr.parcours.genericline.GenericLines.Line;
import fr.parcours.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic lines a process owner edits: checked whole at start-up; claimed by a device's profiles. */
class GenericLinesTest {

  static EvidenceCatalogue referential() throws IOException {
    try (FileInputStream in = new FileInputStream("catalogue/evidence-catalogue.json")) {
      return EvidenceCatalogueReader.read(in, "catalogue/evidence-catalogue.json");
    }
  }

  static GenericLines shipped() throws IOException {
    try (FileInputStream in = new FileInputStream("catalogue/generic-lines.json")) {
      return GenericLinesReader.read(in, "catalogue/generic-lines.json", referential());
    }
  }

  static GenericLines read(String json) throws IOException {
    return GenericLinesReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json",
        referential());
  }

  @Test
  void shouldShipTheFourEtapesLinesAndSayTheyAreIllustrative() throws IOException {
    GenericLines lines = shipped();

    assertThat(lines.notice()).startsWith("EXEMPLE ILLUSTRATIF, CE NE SONT PAS LES DESCRIPTIONS GÉNÉRIQUES EN VIGUEUR.");
    assertThat(lines.lines()).extracting(Line::id)
        .containsExactly("DIABETES", "HEART_FAILURE", "RENAL_FAILURE", "RESPIRATORY_FAILURE");
    assertThat(lines.lines()).allSatisfy(line -> {
      assertThat(line.etapes()).isTrue();
      assertThat(line.registrationValidity()).isEqualTo(Period.ofYears(5));
      assertThat(line.requirements()).isNotEmpty()
          .allSatisfy(r -> assertThat(r.section()).isEqualTo(GenericLines.SECTION));
    });
  }

  @Test
  void shouldNameEveryBadEntryOfTheLines() {
    assertThatThrownBy(() -> read("""
        {"lines": [
          {"id": "DIABETES", "label": "Diabète", "labelEn": "Diabetes", "etapes": true,
           "registrationValidity": "P5Y", "profiles": ["SOCLE"],
           "requirements": [{"id": "INS 1", "title": "t", "proofs": [{"number": "INS 1.1.1"}]}]},
          {"id": "DIABETES", "etapes": "yes", "registrationValidity": "5 years", "profiles": ["GOLD"],
           "requirements": [{"id": "DIA 1", "title": "t", "proofs": [{"number": "DIA 2.1.1"}, {"number": "DIA_1"}]}]},
          {"id": "heart", "label": "x", "labelEn": "x", "etapes": false, "registrationValidity": "P0D",
           "profiles": [], "requirements": []}
        ]}"""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Les lignes génériques test.json ont 14 problème(s) ; corrigez-les puis redémarrez :\n"
            + "- ligne générique n° 1 « DIABETES », exigence « INS 1 » : ce numéro est déjà celui d’une autre exigence (d’une ligne ou du référentiel)\n"
            + "- ligne générique n° 1 « DIABETES », exigence « INS 1 » : la preuve « INS 1.1.1 » figure deux fois dans le catalogue\n"
            + "- ligne générique n° 2 « DIABETES » : cet id est déjà celui d’une autre ligne\n"
            + "- ligne générique n° 2 « DIABETES » : « label » (son nom en français) manque\n"
            + "- ligne générique n° 2 « DIABETES » : « labelEn » (son nom en anglais) manque\n"
            + "- ligne générique n° 2 « DIABETES » : « etapes » doit valoir true ou false (était-ce une ligne de l’expérimentation ETAPES ?)\n"
            + "- ligne générique n° 2 « DIABETES » : « registrationValidity » vaut « 5 years », qui n’est pas une durée de plus de zéro jour ; écrivez la durée de l’inscription en années, mois ou jours, comme « P5Y » (cinq ans)\n"
            + "- ligne générique n° 2 « DIABETES » : le profil « GOLD » n’est pas l’un de [SOCLE, RI, MSS, DMP]\n"
            + "- ligne générique n° 2 « DIABETES », exigence « DIA 1 » : la preuve « DIA 2.1.1 » ne commence pas par le numéro de son exigence, « DIA 1. »\n"
            + "- ligne générique n° 2 « DIABETES », exigence « DIA 1 » : la preuve « DIA_1 » n’est pas un numéro de preuve comme « DIA 1.1.1 »\n"
            + "- ligne générique n° 3 « heart » : « id » doit être des lettres capitales et des tirets bas, comme « HEART_FAILURE »\n"
            + "- ligne générique n° 3 « heart » : « registrationValidity » vaut « P0D », qui n’est pas une durée de plus de zéro jour ; écrivez la durée de l’inscription en années, mois ou jours, comme « P5Y » (cinq ans)\n"
            + "- ligne générique n° 3 « heart » : « profiles » doit lister les profils logiciels qui peuvent la demander, parmi [SOCLE, RI, MSS, DMP]\n"
            + "- ligne générique n° 3 « heart » : « requirements » doit lister au moins une exigence minimale");
  }

  @Test
  void shouldRefuseLinesThatAreNotJsonOrEmpty() {
    // Bad inputs: broken JSON, an empty list, no list at all, a line without id, validity or title
    assertThatThrownBy(() -> read("{ lines: ")).hasMessageStartingWith("Les lignes génériques test.json ne sont pas un"
        + " JSON lisible : ");
    String noLines = "Les lignes génériques test.json ont 1 problème(s) ; corrigez-les puis redémarrez :\n- « lines »"
        + " doit lister les lignes génériques : {\"lines\": [{\"id\": \"HEART_FAILURE\", …}]}";
    assertThatThrownBy(() -> read("{\"lines\": []}")).hasMessage(noLines);
    assertThatThrownBy(() -> read("{\"line\": [{\"id\": \"DIABETES\"}]}")).hasMessage(noLines);
    assertThatThrownBy(() -> read("""
        {"lines": [{"label": "L", "labelEn": "L", "etapes": false, "profiles": ["SOCLE"],
                    "requirements": [{"id": "DIA 1", "proofs": [{"number": "DIA 1.1.1"}]}]}]}"""))
        .hasMessage("Les lignes génériques test.json ont 3 problème(s) ; corrigez-les puis redémarrez :\n"
            + "- ligne générique n° 1 : « id » doit être des lettres capitales et des tirets bas, comme « HEART_FAILURE »\n"
            + "- ligne générique n° 1 : « registrationValidity » manque ; écrivez la durée de l’inscription en années,"
            + " mois ou jours, comme « P5Y » (cinq ans)\n"
            + "- ligne générique n° 1, exigence « DIA 1 » : « title » manque");
  }

  @Test
  void shouldLetADeviceClaimOnlyExistingLinesOpenToItsProfiles() throws IOException {
    GenericLines lines = shipped();

    assertThat(lines.claimed(List.of("DIABETES", "HEART_FAILURE"), List.of("SOCLE", "DMP")))
        .extracting(Line::id).containsExactly("DIABETES", "HEART_FAILURE");
    assertThatThrownBy(() -> lines.claimed(List.of("ASTHMA"), List.of("SOCLE")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("La ligne générique « ASTHMA » n’existe pas. Choisissez parmi : DIABETES, HEART_FAILURE,"
            + " RENAL_FAILURE, RESPIRATORY_FAILURE.");
    assertThatThrownBy(() -> lines.claimed(List.of("DIABETES"), List.of("MSS")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("La ligne générique « Télésurveillance du diabète » est réservée aux dispositifs de"
            + " profil Exigences de base (tout dispositif) ; le profil choisi (Messagerie sécurisée de santé (MSSanté))"
            + " ne permet pas de la demander.")
        .message().as("the profiles by their labels, never their codes").doesNotContain("SOCLE");
    // the lines by their names, as the checklist shows them, never their keys (walk 22: the continuation of a
    // transitional dossier read « DIABETES, HEART_FAILURE… »)
    assertThatThrownBy(() -> lines.claimed(List.of(), List.of("SOCLE")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Lignes génériques demandées : cochez au moins une ligne parmi « Télésurveillance du diabète »,"
            + " « Télésurveillance de l’insuffisance cardiaque », « Télésurveillance de l’insuffisance rénale »,"
            + " « Télésurveillance de l’insuffisance respiratoire ».");
    assertThatThrownBy(() -> lines.claimed(null, List.of("SOCLE"), true))
        .isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("(Lignes génériques demandées (generic lines claimed): tick at least one line among"
            + " “Telemonitoring of diabetes”, “Telemonitoring of heart failure”, “Telemonitoring of renal failure”,"
            + " “Telemonitoring of respiratory failure”.)")
        .message().doesNotContain("DIABETES");
  }
}
