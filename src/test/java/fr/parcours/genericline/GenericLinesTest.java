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
        .hasMessage("Generic lines test.json have 14 problem(s); fix them and restart:\n"
            + "- line #1 'DIABETES', requirement 'INS 1': the id is used by another requirement (of a line or of the referential)\n"
            + "- line #1 'DIABETES', requirement 'INS 1' : la preuve « INS 1.1.1 » figure deux fois dans le catalogue\n"
            + "- line #2 'DIABETES': the id is used by another line\n"
            + "- line #2 'DIABETES': 'label' (its French name) is missing\n"
            + "- line #2 'DIABETES': 'labelEn' (its English name) is missing\n"
            + "- line #2 'DIABETES': 'etapes' must be true or false (was it a line of the ETAPES experimentation?)\n"
            + "- line #2 'DIABETES': 'registrationValidity' is '5 years', not a duration in years, months or days such as 'P5Y'\n"
            + "- line #2 'DIABETES': profile 'GOLD' is not one of [SOCLE, RI, MSS, DMP]\n"
            + "- line #2 'DIABETES', requirement 'DIA 1' : la preuve « DIA 2.1.1 » ne commence pas par le numéro de son exigence, « DIA 1. »\n"
            + "- line #2 'DIABETES', requirement 'DIA 1' : la preuve « DIA_1 » n’est pas un numéro de preuve comme « DIA 1.1.1 »\n"
            + "- line #3 'heart': 'id' must be capital letters and underscores, such as 'HEART_FAILURE'\n"
            + "- line #3 'heart': 'registrationValidity' is 'P0D', not a duration in years, months or days such as 'P5Y'\n"
            + "- line #3 'heart': 'profiles' must list the software profiles that may claim it, among [SOCLE, RI, MSS, DMP]\n"
            + "- line #3 'heart': 'requirements' must list at least one minimum requirement");
  }

  @Test
  void shouldRefuseLinesThatAreNotJsonOrEmpty() {
    assertThatThrownBy(() -> read("{ lines: ")).hasMessageStartingWith("Generic lines test.json are not readable JSON:");
    assertThatThrownBy(() -> read("{\"lines\": []}")).hasMessage(
        "Generic lines test.json have 1 problem(s); fix them and restart:\n- 'lines' must be a non-empty list");
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
    assertThatThrownBy(() -> lines.claimed(List.of(), List.of("SOCLE")))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith("Choisissez au moins une ligne générique");
  }
}
