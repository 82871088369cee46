package fr.parcours.evidence;

import static fr.parcours.support.Candidatures.json;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The vendor sends evidence archives to a dossier waiting for its evidence; bad archives are refused with a
 * message naming the problem and leave nothing behind; good ones accumulate until the evidence is complete;
 * the reviewer's invalid proofs go back to the vendor through the complements loop.
 */
class EvidenceDepositTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String REVIEWER = "ana";
  /** MediSoft SAS, CardioWatch 2.1, on Monday 2 November 2026. */
  static final String SEND_1 = "MediSoft-SAS_CardioWatch_2.1_021126_1.zip";
  static final String[] ALL_SOCLE = {"PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
      "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf"};

  @Autowired EvidenceDeposits deposits;
  @Autowired EvidenceProperties properties;

  // ---- steps ----

  ProcessInstance atEvidenceDeposit(Map<String, Object> candidature) {
    ProcessInstance pi = startApplication(VENDOR, "ans-certification", candidature);
    complete(VENDOR, pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(REVIEWER, pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    assertThat(pi).isWaitingAt("Task_DepositEvidence");
    return pi;
  }

  ProcessInstance atEvidenceDeposit() {
    return atEvidenceDeposit(Candidatures.valid());
  }

  EvidenceDeposits.Deposit send(ProcessInstance pi, String archiveName, byte[] zip) {
    return as(VENDOR, () -> deposits.deposit(pi.getId(), VENDOR, archiveName, new ByteArrayInputStream(zip)));
  }

  void refused(ProcessInstance pi, String archiveName, byte[] zip, String message) {
    Assertions.assertThatThrownBy(() -> send(pi, archiveName, zip))
        .isInstanceOf(EvidenceRejectedException.class).hasMessage(message);
    nothingKept(pi);
  }

  void nothingKept(ProcessInstance pi) {
    Assertions.assertThat(deposits.sends(pi.getId())).isEmpty();
    Assertions.assertThat(deposits.proofs(pi.getId())).isEmpty();
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), EvidenceVariables.SENDS)).isNull();
    Path root = properties.storage().toAbsolutePath();
    Assertions.assertThat(root.resolve(pi.getId())).doesNotExist();
    if (Files.exists(root.resolve(".incoming"))) {
      try (Stream<Path> left = Files.list(root.resolve(".incoming"))) {
        Assertions.assertThat(left).as("temporary files of a refused archive").isEmpty();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  void declareComplete(ProcessInstance pi) {
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
  }

  // ---- bad input: each refused whole, with its message ----

  @Test
  void shouldRefuseAFileThatIsNotAZip() {
    refused(atEvidenceDeposit(), SEND_1, "%PDF-1.7 not an archive".getBytes(),
        "L’archive « " + SEND_1 + " » n’est pas une archive ZIP : envoyez les preuves dans un seul"
            + " fichier .zip.");
  }

  @Test
  void shouldRefuseAnEncryptedZip() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("PSC_1.1.1.mp4").encrypted(), "L’archive « " + SEND_1
        + " » est chiffrée (protégée par un mot de passe) : envoyez-la sans mot de passe, l’ANS ne peut pas ouvrir"
        + " les archives protégées.");
  }

  @Test
  void shouldRefuseACorruptZip() {
    byte[] zip = new Zips().entry("PSC_1.1.1.mp4", Zips.random(1)).truncated();
    refused(atEvidenceDeposit(), SEND_1, zip, "L’archive « " + SEND_1 + " » est endommagée et ne peut"
        + " pas être lue (à l’entrée « PSC_1.1.1.mp4 ») : recréez l’archive et renvoyez-la.");
  }

  @Test
  void shouldRefuseAnEmptyZip() {
    refused(atEvidenceDeposit(), SEND_1, Zips.empty(), "L’archive « " + SEND_1 + " » est vide : elle ne contient aucun fichier de preuve.");
  }

  @Test
  void shouldRefuseAZipHoldingOnlyFolders() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("INS/", "PSC/").bytes(),
        "L’archive « " + SEND_1 + " » est vide : elle ne contient aucun fichier de preuve.");
  }

  @Test
  void shouldRefuseAnEntryThatClimbsOutOfTheFolder() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("PSC_1.1.1.mp4", "../../etc/PSC_1.1.2.log").bytes(),
        "L’archive « " + SEND_1 + " » contient une entrée dont le chemin sort du dossier de l’archive :"
            + " « ../../etc/PSC_1.1.2.log ». Les entrées doivent être de simples noms de fichier comme"
            + " INS_2.1.1.jpeg.");
  }

  @Test
  void shouldRefuseAnEntryWithAnAbsolutePath() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("/tmp/PSC_1.1.1.mp4").bytes(),
        "L’archive « " + SEND_1 + " » contient une entrée dont le chemin sort du dossier de l’archive :"
            + " « /tmp/PSC_1.1.1.mp4 ». Les entrées doivent être de simples noms de fichier comme INS_2.1.1.jpeg.");
  }

  @Test
  void shouldRefuseAnEntryWithADriveLetter() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("C:\\evidence\\PSC_1.1.1.mp4").bytes(),
        "L’archive « " + SEND_1 + " » contient une entrée dont le chemin sort du dossier de l’archive :"
            + " « C:\\evidence\\PSC_1.1.1.mp4 ». Les entrées doivent être de simples noms de fichier comme"
            + " INS_2.1.1.jpeg.");
  }

  @Test
  void shouldRefuseAnArchiveThatExpandsBeyondTheTotalLimit() {
    // 8 MB in the tests (parcours.evidence.max-uncompressed-size); random bytes do not compress
    byte[] zip = new Zips().entry("PSC_1.1.1.mp4", Zips.random(5)).entry("PSC_1.1.2.mp4", Zips.random(5)).bytes();
    refused(atEvidenceDeposit(), SEND_1, zip, "L’archive « " + SEND_1 + " » dépasse 8 Mo une fois"
        + " décompressée (la limite d’une archive) : répartissez les preuves sur plusieurs envois.");
  }

  @Test
  void shouldRefuseAnArchiveWithTooManyEntries() {
    // 50 in the tests (parcours.evidence.max-entries)
    Zips zips = new Zips();
    for (int i = 1; i <= 51; i++) {
      zips.entry("SEC_1.1." + i + ".log", new byte[] {1});
    }
    refused(atEvidenceDeposit(), SEND_1, zips.bytes(),
        "L’archive « " + SEND_1 + " » contient plus de 50 entrées : répartissez les preuves sur plusieurs"
            + " envois.");
  }

  @Test
  void shouldRefuseAnEntryCompressedBeyondTheRatio() {
    byte[] bomb = new Zips().entry("SEC_1.1.1.log", Zips.zeros(4)).bytes();
    Assertions.assertThat(bomb.length).as("4 MB of zeros shrink to a few KB").isLessThan(10_000);
    refused(atEvidenceDeposit(), SEND_1, bomb, "L’archive « " + SEND_1 + " » contient une entrée"
        + " compressée à plus de 100 pour 1 (« SEC_1.1.1.log ») : cela ressemble à une bombe ZIP, elle est refusée.");
  }

  @Test
  void shouldRefuseANestedArchive() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("PSC_1.1.1.mp4", "SEC_1.1.1.zip").bytes(),
        "L’archive « " + SEND_1 + " » contient une autre archive, « SEC_1.1.1.zip » : mettez les fichiers"
            + " de preuve directement dans le ZIP, pas dans une archive intérieure.");
  }

  @Test
  void shouldRefuseAnArchiveHiddenUnderAnotherExtension() {
    byte[] inner = Zips.with("PSC_1.1.1.mp4").bytes();
    refused(atEvidenceDeposit(), SEND_1, new Zips().entry("SEC_1.2.1.jpeg", inner).bytes(),
        "L’archive « " + SEND_1 + " » contient une autre archive, « SEC_1.2.1.jpeg » : mettez les fichiers"
            + " de preuve directement dans le ZIP, pas dans une archive intérieure.");
  }

  @Test
  void shouldRefuseAnEntryNamedOutsideTheRule() {
    refused(atEvidenceDeposit(), SEND_1, Zips.with("PSC_1.1.1.mp4", "capture d’écran PSC.png").bytes(),
        "L’archive « " + SEND_1 + " » contient une entrée nommée « capture d’écran PSC.png », hors de la"
            + " règle de nommage : nommez chaque preuve d’après son numéro, espaces remplacées par des tirets bas,"
            + " avec n’importe quelle extension, comme INS_2.1.1.jpeg pour la preuve INS 2.1.1.");
  }

  @Test
  void shouldRefuseASendNumberOutOfSequence() {
    String third = "MediSoft-SAS_CardioWatch_2.1_021126_3.zip";
    ProcessInstance pi = atEvidenceDeposit();
    refused(pi, third, Zips.with("PSC_1.1.1.mp4").bytes(), "L’archive « " + third + " » porte l’envoi numéro 3,"
        + " mais le prochain envoi du dossier " + pi.getBusinessKey() + " est le numéro 1.");
  }

  @Test
  void shouldRefuseAnArchiveForAnotherDossier() {
    String other = "TeleCardio-SARL_CardioWatch_2.1_021126_1.zip";
    ProcessInstance pi = atEvidenceDeposit();
    refused(pi, other, Zips.with("PSC_1.1.1.mp4").bytes(), "L’archive « " + other + " » n’est pas pour ce"
        + " dossier : le dossier " + pi.getBusinessKey() + " prend des archives nommées"
        + " MediSoft-SAS_CardioWatch_2.1_<JJMMAA>_<NuméroEnvoi>.zip (exploitant, nom du dispositif, version).");
  }

  @Test
  void shouldRefuseAnArchiveNotNamedAsTheAnsRequires() {
    refused(atEvidenceDeposit(), "evidence.zip", Zips.with("PSC_1.1.1.mp4").bytes(), "L’archive « evidence.zip »"
        + " n’est pas nommée comme l’ANS le demande : <Exploitant>_<NomDuDispositif>_<Version>_<JJMMAA>_<NuméroEnvoi>.zip,"
        + " ici MediSoft-SAS_CardioWatch_2.1_<JJMMAA>_<NuméroEnvoi>.zip.");
  }

  @Test
  void shouldRefuseAnArchiveDatedInTheFuture() {
    String tomorrow = "MediSoft-SAS_CardioWatch_2.1_031126_1.zip";
    refused(atEvidenceDeposit(), tomorrow, Zips.with("PSC_1.1.1.mp4").bytes(), "L’archive « " + tomorrow
        + " » est datée du 031126, un jour encore à venir : datez-la 021126, le jour où vous l’envoyez.");
  }

  @Test
  void shouldRefuseAnArchiveWhenTheDossierIsNotWaitingForEvidence() {
    ProcessInstance pi = startApplication(VENDOR, "ans-certification", Candidatures.valid());
    Assertions.assertThatThrownBy(() -> send(pi, SEND_1, Zips.with("PSC_1.1.1.mp4").bytes()))
        .hasMessage("Le dossier " + pi.getBusinessKey() + " n’attend pas cela : les dépôts sont acceptés tant"
            + " que « Déposer les preuves » ou « Fournir des compléments » est ouverte.");
  }

  // ---- good deposits ----

  @Test
  void shouldMakeTheEvidenceCompleteOverSeveralSendsAndQueueTheDossierFromTheCompletingSend() {
    ProcessInstance pi = atEvidenceDeposit();

    EvidenceDeposits.Deposit first = send(pi, SEND_1, Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_2.1.1.log", "ABC_9.9.9.txt").bytes());
    Assertions.assertThat(first.sendNumber()).isEqualTo(1);
    Assertions.assertThat(first.report().complete()).isFalse();
    Assertions.assertThat(first.report().outstanding()).containsExactly("POR 1.1.1 (manquante)",
        "SEC 1.1.1 (manquante)", "SEC 1.2.1 (manquante)", "RGPD 1.1.1 (manquante)");
    Assertions.assertThat(first.report().unknownProofs()).extracting(EvidenceStore.StoredProof::entryName)
        .containsExactly("ABC_9.9.9.txt");
    assertThat(pi).variables().containsEntry(EvidenceVariables.SENDS, 1)
        .containsEntry(EvidenceVariables.REPORT_COMPLETE, false);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), EvidenceVariables.REPORT).toString())
        .contains("**Incomplet** : 3 preuves déposées sur 7 en 1 envoi ; profils : Exigences de base \\(tout"
            + " dispositif\\) ; n’utilise pas l’INS.").doesNotContain("SOCLE")
        .contains("**POR 2** Alimenter le dossier médical partagé \\(DMP\\) : sans objet pour les profils choisis")
        .contains("Preuves inconnues (absentes du catalogue) : ABC\\_9.9.9.txt (envoi 1)");
    // walk 22: the form's checklist offers the sections of her profiles only, INS being « sans objet » for them
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), EvidenceVariables.SECTIONS).toString())
        .isEqualTo("[{\"label\":\"Pro Santé Connect\",\"value\":\"PSC\"},{\"label\":\"Identification"
            + " électronique des utilisateurs\",\"value\":\"USER_IDENTIFICATION\"},{\"label\":\"Portabilité des"
            + " données\",\"value\":\"PORTABILITY\"},{\"label\":\"Sécurité et traçabilité\",\"value\":\"SECURITY\"},"
            + "{\"label\":\"Protection des données personnelles\",\"value\":\"PERSONAL_DATA\"}]");
    Assertions.assertThatThrownBy(() -> declareComplete(pi)).hasMessageContaining("Vous déclarez toutes les"
        + " preuves déposées, mais les preuves reçues ne sont pas complètes : POR 1.1.1 (manquante) ; SEC 1.1.1"
        + " (manquante) ; SEC 1.2.1 (manquante) ; RGPD 1.1.1 (manquante).");
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", false,
        "depositedSections", json("[\"SECURITY\",\"INS\"]")));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "depositedSections").toString())
        .as("the sections are the report's, whatever the form sent").isEqualTo("[\"PSC\",\"USER_IDENTIFICATION\"]");

    advance(Duration.ofDays(3));
    EvidenceDeposits.Deposit second = send(pi, "MediSoft-SAS_CardioWatch_2.1_051126_2.zip",
        Zips.with("POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes());
    Assertions.assertThat(second.report().complete()).isTrue();
    Assertions.assertThat(second.report().depositedSections()).containsExactly("PSC", "USER_IDENTIFICATION",
        "PORTABILITY", "SECURITY", "PERSONAL_DATA");
    assertThat(pi).variables().containsEntry(EvidenceVariables.RECEIVED_COMPLETE_AT, day(3));

    advance(Duration.ofDays(2));
    declareComplete(pi);
    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    assertThat(pi).variables().containsEntry("evidenceQueuedAt", day(3)).containsEntry("evidenceCompleteAt", day(3));

    EvidenceStore.StoredProof rgpd = deposits.proofs(pi.getId()).stream()
        .filter(p -> p.proofNumber().equals("RGPD 1.1.1")).findFirst().orElseThrow();
    Assertions.assertThat(rgpd.sendNumber()).isEqualTo(2);
    Assertions.assertThat(rgpd.size()).isEqualTo("proof RGPD_1.1.1.pdf".length());
    Assertions.assertThat(rgpd.sha256()).isEqualTo(sha256("proof RGPD_1.1.1.pdf"));
    Assertions.assertThat(deposits.file(pi.getId(), rgpd.id())).hasContent("proof RGPD_1.1.1.pdf");
    Assertions.assertThat(runtimeService.getVariables(pi.getId()).values())
        .as("the process holds references and summaries, never the files")
        .noneMatch(v -> v instanceof byte[]);
  }

  /** Bad input: 8 files for 7 proofs, one name listed twice (a ZIP tool never writes it; a crafted one can). */
  @Test
  void shouldRefuseAnArchiveHoldingTwoEntriesOfTheSameName() {
    byte[] zip = Zips.with(ALL_SOCLE).entry("XEC_1.1.1.csv", new byte[] {1, 2}).bytes();
    replaceAll(zip, "XEC_1.1.1.csv", "SEC_1.1.1.csv");

    refused(atEvidenceDeposit(), SEND_1, zip, "L’archive « " + SEND_1 + " » contient deux entrées"
        + " nommées « SEC_1.1.1.csv » : un ZIP liste chaque fichier une fois, et l’une d’elles serait perdue."
        + " Recréez l’archive et renvoyez-la.");
  }

  /** Bad input: every file is there, but the archive's table of contents was cut off by the upload. */
  @Test
  void shouldRefuseAnArchiveWhoseTableOfContentsIsCutOff() {
    byte[] whole = Zips.with(ALL_SOCLE).bytes();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);

    refused(atEvidenceDeposit(), SEND_1, cut, "L’archive « " + SEND_1 + " » est endommagée : sa table"
        + " des matières (le répertoire central du ZIP) manque ou est tronquée, des fichiers peuvent donc en"
        + " manquer : recréez l’archive et renvoyez-la.");
  }

  /**
   * A dossier stored before the forms refused a number in a text field (or repaired through the REST API) holds
   * « Version du logiciel » typed Double: its evidence page and every deposit failed (500, a cast to text), so the
   * vendor could never send her evidence. The version is read as its text.
   */
  @Test
  void shouldNameAndTakeTheArchiveOfADossierWhoseVersionIsStoredAsANumber() {
    ProcessInstance pi = atEvidenceDeposit();
    runtimeService.setVariable(pi.getId(), "softwareVersion", 2.1);

    String name = as(VENDOR, () -> deposits.nextArchiveName(pi.getId()));
    Assertions.assertThat(name).startsWith("MediSoft-SAS_CardioWatch_2.1_").endsWith("_1.zip");
    Assertions.assertThat(send(pi, name, Zips.with(ALL_SOCLE).bytes()).sendNumber()).isEqualTo(1);
  }

  static void replaceAll(byte[] zip, String from, String to) {
    byte[] a = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int replaced = 0;
    for (int i = 0; i + a.length <= zip.length; i++) {
      if (java.util.Arrays.equals(zip, i, i + a.length, a, 0, a.length)) {
        System.arraycopy(b, 0, zip, i, b.length);
        replaced++;
      }
    }
    Assertions.assertThat(replaced).as("the name in the entry's header and in the table of contents").isEqualTo(2);
  }

  @Test
  void shouldReportADuplicateProofUntilALaterSendHoldsItOnce() {
    ProcessInstance pi = atEvidenceDeposit();
    Zips zips = Zips.with(ALL_SOCLE).entry("SEC_1.1.1.xlsx", new byte[] {1, 2});

    EvidenceReport report = send(pi, SEND_1, zips.bytes()).report();

    Assertions.assertThat(report.complete()).isFalse();
    Assertions.assertThat(report.outstanding()).containsExactly("SEC 1.1.1 (en double : 2 fichiers dans"
        + " l’envoi 1 (SEC_1.1.1.csv, SEC_1.1.1.xlsx) ; renvoyez-la seule)");
    report = send(pi, "MediSoft-SAS_CardioWatch_2.1_021126_2.zip", Zips.with("SEC_1.1.1.csv").bytes()).report();
    Assertions.assertThat(report.complete()).isTrue();
  }

  @Test
  void shouldSendBackTheProofsTheReviewerMarksInvalidThroughTheComplementsLoop() {
    ProcessInstance pi = atEvidenceDeposit();
    send(pi, SEND_1, Zips.with(ALL_SOCLE).bytes());
    declareComplete(pi);
    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    advance(Duration.ofDays(10));

    as(REVIEWER, () -> deposits.invalidate(pi.getId(), "SEC 1.1.1", "The traces show real patient names.", REVIEWER));
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), EvidenceVariables.REPORT).toString())
        .contains("SEC 1.1.1 invalide : The traces show real patient names.");
    Assertions.assertThatThrownBy(() -> complete(REVIEWER, pi, "Task_ReviewEvidence",
        Map.of("evidenceDecision", "CONFORMS"))).hasMessageContaining("Vous avez marqué des preuves invalides"
            + " (SEC 1.1.1 : The traces show real patient names.) : les preuves ne peuvent pas être conformes.");
    Map<String, Object> review = new HashMap<>();
    review.put("evidenceDecision", "COMPLEMENTS");
    review.put("evidenceComment", "");
    complete(REVIEWER, pi, "Task_ReviewEvidence", review);

    assertThat(pi).isWaitingAt("Task_ProvideComplements");
    assertThat(pi).variables().containsEntry("evidenceComment",
        "Preuves à renvoyer, corrigées :\n- SEC 1.1.1 : The traces show real patient names.");
    Job paused = timer(pi, "Timer_AnalysisTimeElapsed");
    Assertions.assertThat(paused.isSuspended()).as("the analysis clock waits for the vendor").isTrue();
    advance(Duration.ofDays(4));
    Assertions.assertThatThrownBy(() -> complete(VENDOR, pi, "Task_ProvideComplements",
        Map.of("complementsAnswer", "Done"))).hasMessageContaining("Renvoyez ces preuves, corrigées, depuis la page"
            + " des preuves, puis terminez la tâche ; l’ANS les a marquées invalides : SEC 1.1.1 : The traces show"
            + " real patient names.");
    send(pi, "MediSoft-SAS_CardioWatch_2.1_161126_2.zip", Zips.with("SEC_1.1.1.csv").bytes());
    complete(VENDOR, pi, "Task_ProvideComplements", Map.of("complementsAnswer", "Anonymised traces sent."));

    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    Assertions.assertThat(timer(pi, "Timer_AnalysisTimeElapsed").getDuedate())
        .as("60 days plus the dates of the request (day 10) to the answer (day 14), both included")
        .isEqualTo(endOfDay(65));
    Assertions.assertThat(deposits.report(pi.getId()).complete()).isTrue();
  }

  @Test
  void shouldRefuseAnInvalidProofsReasonLongerThanItsColumnInFrenchMarkingNothing() {
    ProcessInstance pi = atEvidenceDeposit();
    send(pi, SEND_1, Zips.with(ALL_SOCLE).bytes());
    declareComplete(pi);

    // a reason of 2,001 characters (the page's field stops at 2,000; a request need not): a 500 from the database
    Assertions.assertThatThrownBy(() -> as(REVIEWER, () -> deposits.invalidate(pi.getId(), "SEC 1.1.1",
        "a".repeat(EvidenceDeposits.MAX_INVALID_REASON + 1), REVIEWER)))
        .isInstanceOf(EvidenceRejectedException.class)
        .hasMessage("Le motif de la preuve SEC 1.1.1 a 2001 caractères : raccourcissez-le à 2000 au plus, rien n’a été"
            + " marqué.");
    Assertions.assertThat(deposits.report(pi.getId()).invalidProofs()).isEmpty();
    // 2,000 are kept
    as(REVIEWER, () -> deposits.invalidate(pi.getId(), "SEC 1.1.1", "a".repeat(EvidenceDeposits.MAX_INVALID_REASON),
        REVIEWER));
    Assertions.assertThat(deposits.report(pi.getId()).invalidProofs()).hasSize(1);
  }

  @Test
  void shouldRefuseToInvalidateOutsideTheReview() {
    ProcessInstance pi = atEvidenceDeposit();
    send(pi, SEND_1, Zips.with("PSC_1.1.1.mp4").bytes());
    Assertions.assertThatThrownBy(() -> deposits.invalidate(pi.getId(), "PSC 1.1.1", "Blurred", REVIEWER))
        .hasMessage("Le dossier " + pi.getBusinessKey() + " n’attend pas cela : les preuves sont marquées"
            + " invalides tant que « Examiner les preuves » est ouverte.");
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> names(String... names) {
    return List.of(names);
  }
}
