package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.evidence.EvidenceReport.RequirementLine;
import fr.parcours.evidence.EvidenceReport.RequirementStatus;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue a process owner edits: checked whole at start-up; applied by profile. */
class EvidenceCatalogueTest {

  static EvidenceCatalogue shipped() throws IOException {
    try (FileInputStream in = new FileInputStream("catalogue/evidence-catalogue.json")) {
      return EvidenceCatalogueReader.read(in, "catalogue/evidence-catalogue.json");
    }
  }

  static EvidenceCatalogue read(String json) {
    return EvidenceCatalogueReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void shouldShipAnIllustrativeCatalogueCoveringEverySection() throws IOException {
    EvidenceCatalogue catalogue = shipped();
    assertThat(catalogue.notice()).startsWith("EXEMPLE ILLUSTRATIF, CE N’EST PAS LE RÉFÉRENTIEL DE L’ANS.");
    assertThat(catalogue.requirements().stream().map(EvidenceCatalogue.Requirement::section).distinct())
        .containsExactlyInAnyOrderElementsOf(EvidenceCatalogue.SECTIONS);
  }

  @Test
  void shouldNameEveryBadEntryOfTheCatalogue() {
    assertThatThrownBy(() -> read("""
        {"requirements": [
          {"id": "INS 1", "section": "INS", "title": "t", "profiles": ["SOCLE"],
           "proofs": [{"number": "INS 1.1.1"}, {"number": "PSC 1.1.1"}]},
          {"id": "INS 1", "section": "IDENTITY", "title": "t", "profiles": ["GOLD"],
           "proofs": [{"number": "INS 1.1.1"}, {"number": "INS_1.2"}]},
          {"id": "psc", "section": "PSC", "profiles": [], "proofs": []}
        ]}"""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Evidence catalogue test.json has 10 problem(s); fix them and restart:\n"
            + "- requirement #1 'INS 1': proof 'PSC 1.1.1' does not start with its requirement's id 'INS 1.'\n"
            + "- requirement #2 'INS 1': the id is used by another requirement\n"
            + "- requirement #2 'INS 1': 'section' is 'IDENTITY', not one of [INS, PSC, USER_IDENTIFICATION,"
            + " PORTABILITY, SECURITY, PERSONAL_DATA]\n"
            + "- requirement #2 'INS 1': profile 'GOLD' is not one of [SOCLE, RI, MSS, DMP]\n"
            + "- requirement #2 'INS 1': proof 'INS 1.1.1' appears twice in the catalogue\n"
            + "- requirement #2 'INS 1': proof 'INS_1.2' is not a proof number such as 'INS 2.1.1'\n"
            + "- requirement #3 'psc': 'id' must be letters, a space and a number, such as 'INS 2'\n"
            + "- requirement #3 'psc': 'title' is missing\n"
            + "- requirement #3 'psc': 'profiles' must list the profiles it applies to, among [SOCLE, RI, MSS, DMP]\n"
            + "- requirement #3 'psc': 'proofs' must list at least one proof");
  }

  @Test
  void shouldRefuseACatalogueThatIsNotJson() {
    assertThatThrownBy(() -> read("{ requirements: ")).hasMessageStartingWith(
        "Evidence catalogue test.json is not readable JSON:");
  }

  @Test
  void shouldApplyOnlyTheRequirementsOfTheDeviceProfilesAndTheInsWhenTheDeviceUsesIt() throws IOException {
    EvidenceCatalogue catalogue = shipped();

    EvidenceReport socle = EvidenceReport.compute(catalogue, List.of("SOCLE"), false, List.of(), 0);
    EvidenceReport dmpWithIns = EvidenceReport.compute(catalogue, List.of("SOCLE", "DMP"), true, List.of(), 0);
    EvidenceReport mssOnly = EvidenceReport.compute(catalogue, List.of("MSS"), false, List.of(), 0);

    assertThat(statuses(socle)).containsEntry("INS 1", RequirementStatus.NOT_APPLICABLE)
        .containsEntry("PSC 1", RequirementStatus.INCOMPLETE).containsEntry("POR 2", RequirementStatus.NOT_APPLICABLE)
        .containsEntry("SEC 2", RequirementStatus.NOT_APPLICABLE).containsEntry("IDN 2", RequirementStatus.NOT_APPLICABLE);
    assertThat(socle.outstanding()).hasSize(7);
    assertThat(statuses(dmpWithIns)).containsEntry("INS 1", RequirementStatus.INCOMPLETE)
        .containsEntry("INS 2", RequirementStatus.INCOMPLETE).containsEntry("POR 2", RequirementStatus.INCOMPLETE)
        .containsEntry("SEC 2", RequirementStatus.NOT_APPLICABLE);
    assertThat(dmpWithIns.outstanding()).hasSize(11);
    assertThat(mssOnly.outstanding()).containsExactly("SEC 2.1.1 (manquante)");
  }

  @Test
  void shouldNormaliseTheDossierIntoTheArchiveName() {
    assertThat(ArchiveName.prefixFor("TéléCardio SARL", "Cardio'Watch  Pro", "2.1 beta"))
        .isEqualTo("TeleCardio-SARL_Cardio-Watch-Pro_2.1-beta");
    assertThat(ArchiveName.prefixFor("L'Œil_Santé", "Suivi/Cœur", "v3")).isEqualTo("L-il-Sante_Suivi-C-ur_v3");
    assertThat(ArchiveName.parse("telecardio-sarl_CARDIO-WATCH-PRO_2.1-beta_311226_12.ZIP", "x")
        .isFor("TeleCardio-SARL_Cardio-Watch-Pro_2.1-beta")).as("case does not matter").isTrue();
  }

  @Test
  void shouldRefuseADateThatIsNotADay() {
    assertThatThrownBy(() -> ArchiveName.parse("A_B_1_310226_1.zip", "A_B_1")).hasMessage("L’archive"
        + " « A_B_1_310226_1.zip » porte « 310226 », qui n’est pas une date JJMMAA (jour, mois, année sur deux"
        + " chiffres chacun).");
  }

  static Map<String, RequirementStatus> statuses(EvidenceReport report) {
    return report.requirements().stream().collect(Collectors.toMap(r -> r.requirement().id(), RequirementLine::status));
  }
}
