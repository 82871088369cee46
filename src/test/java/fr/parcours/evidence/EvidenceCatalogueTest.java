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
  void shouldShipAnIllustrativeCatalogueWithTwoVersionsTheFirstCoveringEverySection() throws IOException {
    EvidenceCatalogue catalogue = shipped();
    assertThat(catalogue.notice()).startsWith("EXEMPLE ILLUSTRATIF, CE N’EST PAS LE RÉFÉRENTIEL DE L’ANS.");
    assertThat(catalogue.versions()).extracting(EvidenceCatalogue.Version::name).containsExactly("2025", "2027");
    assertThat(catalogue.first().requirements().stream().map(EvidenceCatalogue.Requirement::section).distinct())
        .containsExactlyInAnyOrderElementsOf(EvidenceCatalogue.SECTIONS);
    assertThat(catalogue.version("2027").orElseThrow().notice()).startsWith("VERSION ILLUSTRATIVE");
  }

  @Test
  void shouldBuildALaterVersionFromWhatItAddsReplacesAndWithdraws() throws IOException {
    EvidenceCatalogue catalogue = shipped();
    EvidenceCatalogue.Version first = catalogue.first();
    EvidenceCatalogue.Version second = catalogue.version(" 2027 ").orElseThrow();

    assertThat(ids(second)).containsExactly("INS 1", "INS 2", "PSC 1", "IDN 1", "IDN 2", "POR 1", "SEC 1", "SEC 2",
        "RGPD 1", "SEC 3");
    assertThat(second.requirementsByProof()).containsKeys("SEC 1.1.1", "SEC 1.3.1", "SEC 3.1.1")
        .doesNotContainKeys("SEC 1.2.1", "POR 2.1.1");
    assertThat(first.requirementsByProof()).containsKeys("SEC 1.2.1", "POR 2.1.1").doesNotContainKeys("SEC 3.1.1");
    EvidenceCatalogue.Changes changes = catalogue.changes("2025", "2027").orElseThrow();
    assertThat(changes.added()).extracting(EvidenceCatalogue.Requirement::id).containsExactly("SEC 3");
    assertThat(changes.changed()).extracting(EvidenceCatalogue.Requirement::withProofs).containsExactly(
        "SEC 1 Tracer chaque accès aux données de santé et conserver les traces un an (preuves SEC 1.1.1, SEC 1.3.1)");
    assertThat(changes.withdrawn()).extracting(EvidenceCatalogue.Requirement::id).containsExactly("POR 2");
    assertThat(catalogue.changes("2027", "2027").orElseThrow().none()).isTrue();
    assertThat(catalogue.changes("2025", "2031")).isEmpty();
    // a dossier naming no version, or one the catalogue does not describe, answers the first
    assertThat(catalogue.of(null).name()).isEqualTo("2025");
    assertThat(catalogue.of("en vigueur").name()).isEqualTo("2025");
    assertThat(catalogue.versionsWithProof("SEC 1.2.1")).containsExactly("2025");
    assertThat(catalogue.versionsWithProof("SEC 1.1.1")).containsExactly("2025", "2027");
    assertThat(catalogue.everyRequirement()).extracting(EvidenceCatalogue.Requirement::id).contains("POR 2", "SEC 3");
  }

  static List<String> ids(EvidenceCatalogue.Version version) {
    return version.requirements().stream().map(EvidenceCatalogue.Requirement::id).toList();
  }

  static final String FIRST = """
      {"version": "1", "requirements": [
        {"id": "INS 1", "section": "INS", "title": "t", "profiles": ["SOCLE"], "proofs": [{"number": "INS 1.1.1"}]},
        {"id": "PSC 1", "section": "PSC", "title": "t", "profiles": ["SOCLE"], "proofs": [{"number": "PSC 1.1.1"}]}
      ]}""";

  @Test
  void shouldNameEveryBadEntryOfTheCatalogueInFrench() {
    assertThatThrownBy(() -> read("""
        {"versions": [{"version": "1", "requirements": [
          {"id": "INS 1", "section": "INS", "title": "t", "profiles": ["SOCLE"],
           "proofs": [{"number": "INS 1.1.1"}, {"number": "PSC 1.1.1"}]},
          {"id": "INS 1", "section": "IDENTITY", "title": "t", "profiles": ["GOLD"],
           "proofs": [{"number": "INS 1.1.1"}, {"number": "INS 1.1.1"}, {"number": "INS_1.2"}]},
          {"id": "psc", "section": "PSC", "profiles": [], "proofs": []}
        ]}]}"""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le catalogue des preuves test.json a 10 problème(s) ; corrigez-les puis redémarrez :\n"
            + "- version n° 1 « 1 », exigence n° 1 « INS 1 » : la preuve « PSC 1.1.1 » ne commence pas par le numéro"
            + " de son exigence, « INS 1. »\n"
            + "- version n° 1 « 1 », exigence n° 2 « INS 1 » : ce numéro est déjà celui d’une autre exigence de la"
            + " version\n"
            + "- version n° 1 « 1 », exigence n° 2 « INS 1 » : « section » vaut « IDENTITY », qui n’est pas l’une de"
            + " [INS, PSC, USER_IDENTIFICATION, PORTABILITY, SECURITY, PERSONAL_DATA]\n"
            + "- version n° 1 « 1 », exigence n° 2 « INS 1 » : le profil « GOLD » n’est pas l’un de [SOCLE, RI, MSS,"
            + " DMP]\n"
            + "- version n° 1 « 1 », exigence n° 2 « INS 1 » : la preuve « INS 1.1.1 » figure deux fois dans le"
            + " catalogue\n"
            + "- version n° 1 « 1 », exigence n° 2 « INS 1 » : la preuve « INS_1.2 » n’est pas un numéro de preuve"
            + " comme « INS 2.1.1 »\n"
            + "- version n° 1 « 1 », exigence n° 3 « psc » : « id » doit être des lettres, une espace et un nombre,"
            + " comme « INS 2 »\n"
            + "- version n° 1 « 1 », exigence n° 3 « psc » : « title » manque\n"
            + "- version n° 1 « 1 », exigence n° 3 « psc » : « profiles » doit lister les profils auxquels elle"
            + " s’applique, parmi [SOCLE, RI, MSS, DMP]\n"
            + "- version n° 1 « 1 », exigence n° 3 « psc » : « proofs » doit lister au moins une preuve");
  }

  @Test
  void shouldNameEveryMistakeInTheVersionsInFrench() {
    assertThatThrownBy(() -> read("{\"versions\": [" + FIRST + """
        ,
        {"version": "2", "requirements": [], "replaces": [
           {"id": "SEC 1", "section": "SECURITY", "title": "t", "profiles": ["SOCLE"], "proofs": [{"number": "SEC 1.1.1"}]},
           {"id": "INS 1", "section": "INS", "title": "t", "profiles": ["SOCLE"], "proofs": [{"number": "INS 1.1.1"}]}],
         "adds": [
           {"id": "PSC 1", "section": "PSC", "title": "t2", "profiles": ["SOCLE"], "proofs": [{"number": "PSC 1.1.1"}]}],
         "withdraws": ["POR 2", "PSC 1", "sec"]},
        {"version": " 1 ", "withdraws": []},
        {"adds": [
           {"id": "SEC 3", "section": "SECURITY", "title": "t", "profiles": ["SOCLE"], "proofs": [{"number": "SEC 3.1.1"}]}]}
        ]}"""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le catalogue des preuves test.json a 10 problème(s) ; corrigez-les puis redémarrez :\n"
            + "- version n° 2 « 2 » : « requirements » ne s’écrit que dans la première version ; écrivez ce qui"
            + " change depuis la version « 1 » dans « adds », « replaces » et « withdraws »\n"
            + "- version n° 2 « 2 » : ajoute « PSC 1 », que la version « 1 » a déjà ; pour la changer, mettez-la"
            + " dans « replaces »\n"
            + "- version n° 2 « 2 » : remplace « SEC 1 », que la version « 1 » n’a pas ; pour l’ajouter, mettez-la"
            + " dans « adds »\n"
            + "- version n° 2 « 2 » : remplace « INS 1 » par la même exigence ; retirez-la de « replaces » ou écrivez"
            + " ce qui change\n"
            + "- version n° 2 « 2 » : retire « POR 2 », que la version « 1 » n’a pas : une exigence ne peut être"
            + " retirée qu’après avoir existé, une seule fois\n"
            + "- version n° 2 « 2 » : l’exigence « PSC 1 » est nommée deux fois dans ses changements ; une version"
            + " l’ajoute, la remplace ou la retire, une fois\n"
            + "- version n° 2 « 2 » : « withdraws » liste « \"sec\" », qui n’est pas un numéro d’exigence comme"
            + " « POR 2 »\n"
            + "- version n° 3 « 1 » : ce nom est déjà celui de la version n° 1 ; chaque version a le sien\n"
            + "- version n° 3 « 1 » : ne change aucune exigence de la version « 1 » ; écrivez ce qu’elle ajoute"
            + " (« adds »), remplace (« replaces ») ou retire (« withdraws »)\n"
            + "- version n° 4 : « version » manque ; écrivez le nom de la version tel que l’ANS le publie (par"
            + " exemple « 2025 »)");
  }

  @Test
  void shouldRefuseTheOldShapeAFirstVersionThatChangesAndAVersionThatWithdrawsEverything() {
    assertThatThrownBy(() -> read("{\"requirements\": []}")).hasMessageContaining(
        "« requirements » est écrit au premier niveau : le catalogue est rangé par versions du référentiel");
    assertThatThrownBy(() -> read("{\"versions\": []}")).hasMessageContaining(
        "« versions » doit lister les versions du référentiel");
    assertThatThrownBy(() -> read("{\"versions\": [{\"version\": \"1\", \"withdraws\": [\"INS 1\"]}]}"))
        .hasMessageContaining("version n° 1 « 1 » : « withdraws » ne s’écrit que dans une version suivante")
        .hasMessageContaining("version n° 1 « 1 » : « requirements » doit lister toutes les exigences de la première"
            + " version");
    assertThatThrownBy(() -> read("{\"versions\": [" + FIRST + ", {\"version\": \"2\", \"withdraws\": [\"INS 1\","
        + " \"PSC 1\"]}]}")).hasMessageContaining("version n° 2 « 2 » : retire toutes les exigences");
    // a good one reads
    EvidenceCatalogue good = read("{\"versions\": [" + FIRST + ", {\"version\": \"2\", \"withdraws\": [\"INS 1\"]}]}");
    assertThat(ids(good.version("2").orElseThrow())).containsExactly("PSC 1");
  }

  @Test
  void shouldRefuseACatalogueThatIsNotJson() {
    assertThatThrownBy(() -> read("{ versions: ")).hasMessageStartingWith(
        "Le catalogue des preuves test.json n’est pas un JSON lisible :");
  }

  @Test
  void shouldApplyOnlyTheRequirementsOfTheDeviceProfilesAndTheInsWhenTheDeviceUsesIt() throws IOException {
    EvidenceCatalogue catalogue = shipped();

    EvidenceReport socle = EvidenceReport.compute(catalogue.first(), List.of("SOCLE"), false, List.of(), 0);
    EvidenceReport dmpWithIns = EvidenceReport.compute(catalogue.first(), List.of("SOCLE", "DMP"), true, List.of(), 0);
    EvidenceReport mssOnly = EvidenceReport.compute(catalogue.first(), List.of("MSS"), false, List.of(), 0);

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
    assertThat(ArchiveName.prefixFor("L’Œil_Santé", "Suivi/Cœur", "v3")).isEqualTo("L-il-Sante_Suivi-C-ur_v3");
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
