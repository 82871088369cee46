package fr.parcours.devicelife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.Device;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.dossierpage.FirstTask;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.EvidenceRejectedException;
import fr.parcours.evidence.Zips;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.DossierNotes;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.support.SameInstant;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The re-certification cycles on the real application: the ANS track, the device records, the mails (a real SMTP
 * server), the vendors' and reviewers' rights. A device is first certified through the ANS track as alice
 * applies; then a cycle is started by alice (a new model) or by an ANS reviewer's opposable version, and runs the
 * same track again to a new certificate linked to the previous one. Each test names its device uniquely: the
 * database is the context's, shared with the other process tests.
 */
class RecertificationProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String OTHER_VENDOR = "bruno";
  static final String REVIEWER = "ana";
  static final String VENDOR_GROUP = "vendor-medisoft";

  @Autowired DeviceRecords records;
  @Autowired ReferentialVersions versions;
  @Autowired ReferentialPublication publication;
  @Autowired JdbcTemplate jdbc;
  @Autowired CycleStarts starts;
  @Autowired List<DossierNotes> allNotes;
  @Autowired PlatformTransactionManager transactions;
  DossierNotes notes = (number, locale) -> allNotes.stream().flatMap(n -> n.about(number, locale).stream()).toList();

  /** The version the evidence catalogue describes after its first: the only one that may be published opposable. */
  static final String NEW_VERSION = "2027";

  /**
   * The cycles a test opened are deleted after it, so that no other test finds their tasks; and the publication of
   * the catalogue's second version, so that the next test may publish it again (the database is shared).
   */
  @AfterEach
  void deleteTheCyclesLeftRunning() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).unlimitedList()
        .forEach(cycle -> runtimeService.deleteProcessInstance(cycle.getId(), "test over"));
    jdbc.update("DELETE FROM parcours_referential_version WHERE version = ?", NEW_VERSION);
  }

  // ---- the steps, as people take them ----

  /** A device of alice's company certified through the ANS track: its certificate's number. */
  String certifiedDevice(String softwareName) {
    return certifiedDevice(softwareName, "2.1");
  }

  String certifiedDevice(String softwareName, String version) {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.put("softwareName", softwareName);
    form.put("softwareVersion", version);
    ProcessInstance ans = startApplication(VENDOR, AnsProcess.KEY, form);
    runTheAnsTrackToItsCertificate(ans);
    assertThat(ans).isEnded();
    return "CC-" + ans.getBusinessKey();
  }

  void runTheAnsTrackToItsCertificate(ProcessInstance instance) {
    complete(VENDOR, instance, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(REVIEWER, instance, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, instance, "Task_SignConvention", Map.of("conventionSigned", true,
        "signatoryName", "Alice Martin"));
    ProcessInstance track = instanceOf(instance, AnsProcess.KEY);
    if (NEW_VERSION.equals(runtimeService.getVariable(track.getId(), DeviceLifeProcess.REFERENTIAL_VERSION))) {
      sendArchive(track, PROOFS_2027);
    } else {
      sendCompleteEvidence(VENDOR, track);
    }
    complete(VENDOR, instance, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    Map<String, Object> review = new HashMap<>();
    review.put("evidenceDecision", "CONFORMS");
    review.put("evidenceComment", null);
    complete(REVIEWER, instance, "Task_ReviewEvidence", review);
  }

  /** Every proof version 2027 asks of alice's devices (profile SOCLE, no INS): SEC 1.3.1 and SEC 3.1.1 are new. */
  static final List<String> PROOFS_2027 = List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
      "SEC_1.1.1.csv", "SEC_1.3.1.pdf", "SEC_3.1.1.pdf", "RGPD_1.1.1.pdf");
  /** The same of version 2025, the catalogue's first: SEC 1.2.1 is not asked by 2027. */
  static final List<String> PROOFS_2025 = List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
      "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf");

  EvidenceDeposits.Deposit sendArchive(ProcessInstance track, List<String> proofs) {
    String name = evidenceDeposits.nextArchiveName(track.getId());
    return as(VENDOR, () -> evidenceDeposits.deposit(track.getId(), VENDOR, name,
        new ByteArrayInputStream(Zips.with(proofs.toArray(String[]::new)).bytes())));
  }

  ProcessInstance startCycle(String user, String certificate, String newVersion) {
    Map<String, Object> form = new HashMap<>();
    form.put(DeviceLifeProcess.PREVIOUS_CERTIFICATE, certificate);
    form.put(DeviceLifeProcess.NEW_VERSION, newVersion);
    return startApplication(user, DeviceLifeProcess.KEY, form);
  }

  Device deviceOf(String certificate) {
    return records.all().stream().filter(d -> d.certificates().stream().anyMatch(c -> c.number().equals(certificate)))
        .findFirst().orElseThrow();
  }

  long cyclesOf(String certificate) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM parcours_recertification WHERE previous_certificate = ?",
        Long.class, certificate);
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  // ---- paths ----

  @Test
  void shouldRunANewCycleForANewModelWithoutRetypingAndLinkTheNewCertificateToThePrevious() throws Exception {
    String name = unique("CardioSuivi");
    String previous = certifiedDevice(name);

    ProcessInstance cycle = startCycle(VENDOR, previous, "3.0");

    // Then the cycle carries the candidature, the vendor is told, and the ANS track waits for the deposit
    assertThat(cycle).isActive().variables().containsEntry(DeviceLifeProcess.REASON, "NEW_MODEL")
        .containsEntry(DeviceLifeProcess.PREVIOUS_CERTIFICATE, previous).containsEntry("softwareName", name)
        .containsEntry("softwareVersion", "3.0").containsEntry("contactEmail", "jean.dupont@medisoft.example")
        .containsEntry("vendorGroup", "vendor-medisoft");
    assertThat(cycle.getBusinessKey()).matches("DMN-2026-[2-9A-HJ-NP-Z]{5}");
    assertThat(task(cycle, "Task_DepositAdministrativeDossier")).isNotNull();
    List<MimeMessage> told = mails("nouveau cycle de certification");
    assertThat(told).hasSize(2); // the contact and the legal representative
    assertThat(text(told.get(0))).contains(previous).contains(cycle.getBusinessKey())
        .contains("/dossiers/" + cycle.getBusinessKey());
    assertThat(records.runningCycle(deviceOf(previous).id())).contains(cycle.getBusinessKey());

    // When the ANS certifies again
    runTheAnsTrackToItsCertificate(cycle);

    // Then the new certificate lands on the new model, linked to the previous one, and the cycle is closed
    assertThat(cycle).isEnded().hasPassed("Task_LinkCertificate", "EndEvent_Recertified");
    String renewed = "CC-" + cycle.getBusinessKey();
    Device newModel = deviceOf(renewed);
    assertThat(newModel.name()).isEqualTo(name);
    assertThat(newModel.version()).isEqualTo("3.0");
    assertThat(newModel.certificates()).singleElement()
        .satisfies(c -> assertThat(c.previousCertificate()).isEqualTo(previous));
    assertThat(records.runningCycle(deviceOf(previous).id())).isEmpty();
    assertThat(jdbc.queryForObject("SELECT new_certificate FROM parcours_recertification WHERE"
        + " previous_certificate = ?", String.class, previous)).isEqualTo(renewed);
  }

  @Test
  void shouldRefuseACycleForACertificateThatDoesNotExistOrIsAnotherCompanysAndChangeNothing() {
    String previous = certifiedDevice(unique("Tensio"));
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count();

    // A number that names no certificate: a device never certified has none
    assertThatThrownBy(() -> startCycle(VENDOR, "CC-DMN-2026-NONE0", null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Aucun certificat de conformité de votre entreprise ne porte le numéro")
        .hasMessageContaining("Certification de conformité ANS");
    // No number (spaces only): asked for, not quoted back empty
    assertThatThrownBy(() -> startCycle(VENDOR, "   ", "3.0")).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("Numéro du certificat à renouveler : donnez le numéro du certificat de conformité")
        .hasMessageNotContaining("«  »");
    // Another company's certificate: the same sentence, nothing told of it
    assertThatThrownBy(() -> startCycle(OTHER_VENDOR, previous, null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Aucun certificat de conformité de votre entreprise ne porte le numéro « " + previous);
    // A version that is not a version
    assertThatThrownBy(() -> startCycle(VENDOR, previous, "9".repeat(65))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("« Version du nouveau modèle » compte 65 caractères ; le formulaire en prend 64 au"
            + " plus");

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count())
        .isEqualTo(instances);
    assertThat(cyclesOf(previous)).isZero();
  }

  /**
   * "Nouveau modèle ou gamme" names the new model by its version: left empty (the Tasklist start form's reason left
   * empty on a certificate in force means this cycle), the version certified already (in another case, with spaces),
   * or a version the company already holds a certificate in force for, it is refused, nothing started.
   */
  @Test
  void shouldRefuseANewModelWithoutItsVersionOrUnderAVersionAlreadyCertified() {
    String name = unique("Cardio");
    String previous = certifiedDevice(name);
    String other = certifiedDevice(name, "3.0");
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count();

    assertThatThrownBy(() -> startCycle(VENDOR, previous, null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Version du nouveau modèle : donnez la version du nouveau modèle")
        .hasMessageContaining("certifie déjà " + name + " 2.1");
    assertThatThrownBy(() -> startCycle(VENDOR, previous, "   ")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Version du nouveau modèle : donnez la version");
    assertThatThrownBy(() -> startCycle(VENDOR, previous, " 2.1 ")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("« 2.1 » est la version que le certificat « " + previous + " » certifie déjà");
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "2.1"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("certifie déjà");
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "3.0"))
        .isInstanceOf(BadInputException.class).hasMessageContaining(name + " 3.0 a déjà son certificat de"
            + " conformité en vigueur (« " + other + " »)");

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count())
        .isEqualTo(instances);
    assertThat(cyclesOf(previous)).isZero();
    // a version not certified yet starts the cycle
    assertThat(startCycle(VENDOR, previous, "4.0")).isActive();
  }

  @Test
  void shouldRefuseASecondCycleOfTheSameDeviceWhileOneRunsAndAcceptOneOnceItEnded() {
    String previous = certifiedDevice(unique("Glyco"));
    ProcessInstance first = startCycle(VENDOR, previous, "3.0");

    assertThatThrownBy(() -> startCycle(VENDOR, previous, "3.0")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Un cycle de certification de ce dispositif est déjà en cours (dossier "
            + first.getBusinessKey() + ")");
    assertThat(cyclesOf(previous)).isEqualTo(1);

    // the first one ends (the ANS refuses the evidence): the device may start another
    complete(VENDOR, first, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(REVIEWER, first, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
        "admissibilityComment", "Dossier incomplet"));
    assertThat(first).isEnded().hasPassed("EndEvent_NotRecertified");
    ProcessInstance second = startCycle(VENDOR, previous, "3.0");
    assertThat(second).isActive();
    assertThat(cyclesOf(previous)).isEqualTo(2);
  }

  @Test
  void shouldAcceptACycleForADeviceWhoseCertificateWasWithdrawn() {
    String previous = certifiedDevice(unique("Pneumo"));
    records.withdraw(previous, "Non-conformité SEC 1.2 non corrigée", now());

    ProcessInstance cycle = startCycle(VENDOR, previous, null);

    assertThat(cycle).isActive().variables().containsEntry(DeviceLifeProcess.PREVIOUS_CERTIFICATE, previous);
    assertThat(records.runningCycle(deviceOf(previous).id())).contains(cycle.getBusinessKey());
  }

  @Test
  void shouldRefuseACycleWhenThePreviousDossierIsNoLongerKept() {
    String previous = certifiedDevice(unique("Dermato"));
    historyService.deleteHistoricProcessInstance(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(previous.substring(3)).singleResult().getId());

    assertThatThrownBy(() -> startCycle(VENDOR, previous, "3.0")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("n’est plus conservé");
    assertThat(cyclesOf(previous)).isZero();
  }

  @Test
  void shouldOpenACycleForEveryDeviceCertifiedUnderAnOlderVersionWhenAnOpposableVersionIsPublished()
      throws Exception {
    String oldVersion = versions.inForce(DeviceRecords.ANS_REFERENTIAL, LocalDate.ofInstant(now(), PARIS));
    String first = certifiedDevice(unique("Cardio"));
    String second = certifiedDevice(unique("Diabeto"));
    // not concerned: a certificate withdrawn, a certificate under another referential, a device not certified
    String withdrawn = certifiedDevice(unique("Retire"));
    records.withdraw(withdrawn, "Non-conformité avérée", now());
    DeviceFacts other = new DeviceFacts("vendor-medisoft", "MediSoft SAS", unique("AutreRef"), "1", null, null);
    records.certificateIssued(other, "CC-OTHER-" + other.name(), "Référentiel HDS", oldVersion, now(), null, null,
        null, "other");
    DeviceFacts notCertified = new DeviceFacts("vendor-medisoft", "MediSoft SAS", unique("Registered"), "1", null,
        null);
    records.registered(notCertified, DeviceRecords.RegistrationKind.PECAN, "R-1", LocalDate.of(2026, 11, 2), null,
        null, "pi-" + notCertified.name(), now());
    MAIL.reset();

    // When an ANS reviewer publishes an opposable version, applying today
    // (after any version another test published)
    LocalDate appliesFrom = versions.latest(DeviceRecords.ANS_REFERENTIAL).map(v -> v.appliesFrom().plusDays(1))
        .filter(day -> day.isAfter(LocalDate.ofInstant(now(), PARIS))).orElse(LocalDate.ofInstant(now(), PARIS));
    ReferentialPublication.Published published = publication.publish(NEW_VERSION, appliesFrom, true, REVIEWER);
    advanceTo(appliesFrom.atTime(10, 0).atZone(PARIS).toInstant());

    // Then a cycle runs for each device certified under an older version, and for none other
    for (String certificate : List.of(first, second)) {
      assertThat(records.runningCycle(deviceOf(certificate).id())).as(certificate).isPresent();
      String dossier = records.runningCycle(deviceOf(certificate).id()).get();
      assertThat(published.openedDossiers()).contains(dossier);
      ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(dossier)
          .processDefinitionKey(DeviceLifeProcess.KEY).singleResult();
      assertThat(cycle).variables().containsEntry(DeviceLifeProcess.REASON, "REFERENTIAL_CHANGE")
          .containsEntry(DeviceLifeProcess.REFERENTIAL_VERSION, published.version().version())
          .containsEntry("applicant", VENDOR);
      executeJobs(cycle);
    }
    for (String certificate : List.of(withdrawn, "CC-OTHER-" + other.name())) {
      assertThat(records.runningCycle(deviceOf(certificate).id())).as(certificate).isEmpty();
    }
    assertThat(cyclesOf(withdrawn)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_recertification r JOIN parcours_device d"
        + " ON d.id = r.device_id WHERE d.name = ?", Long.class, notCertified.name())).isZero();
    assertThat(versions.latest(DeviceRecords.ANS_REFERENTIAL).orElseThrow().cyclesOpened())
        .isEqualTo(published.openedDossiers().size());
    List<MimeMessage> told = mails("nouveau cycle de certification");
    assertThat(told).extracting(m -> m.getSubject()).anyMatch(s -> s.contains(
        records.runningCycle(deviceOf(first).id()).get()));
    assertThat(text(told.get(0))).contains("opposable").contains(published.version().version());
    // and the track's first mail says the candidature was carried over for the cycle: the vendor applied for nothing
    String firstCycle = records.runningCycle(deviceOf(first).id()).get();
    List<MimeMessage> carried = mails(firstCycle + " : candidature reprise, suite du certificat " + first);
    assertThat(carried).as("to the applicant and the contact").isNotEmpty();
    assertThat(text(carried.get(0))).contains("Un nouveau cycle de certification de conformité")
        .contains("il fait suite au certificat n° " + first + ", sur la version " + published.version().version())
        .doesNotContain("Nous avons bien reçu");
    assertThat(mails(firstCycle + " : candidature reçue")).isEmpty();

    // When one of them is certified again, the new certificate names the new version and renews the old one
    ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY)
        .processInstanceBusinessKey(records.runningCycle(deviceOf(first).id()).get()).singleResult();
    runTheAnsTrackToItsCertificate(cycle);
    assertThat(cycle).isEnded().hasPassed("EndEvent_Recertified");
    assertThat(deviceOf(first).certificates()).filteredOn(c -> c.previousCertificate() != null).singleElement()
        .satisfies(c -> {
          assertThat(c.previousCertificate()).isEqualTo(first);
          assertThat(c.referentialVersion()).isEqualTo(published.version().version());
        });
  }

  @Test
  void shouldRefuseAVersionPublishedTwiceOrDatedInThePastOrBeforeTheCurrentOneAndStoreNothing() {
    LocalDate today = LocalDate.ofInstant(now(), PARIS);
    String name = unique("V");
    // the last published (other tests may have published): a later day than any
    LocalDate next = versions.latest(DeviceRecords.ANS_REFERENTIAL).map(v -> v.appliesFrom().plusDays(10))
        .orElse(today.plusDays(10));
    publication.publish(name, next, false, REVIEWER);
    int published = versions.published(DeviceRecords.ANS_REFERENTIAL).size();

    assertThatThrownBy(() -> publication.publish(name, next.plusDays(5), false, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est déjà publiée");
    assertThatThrownBy(() -> publication.publish(unique("W"), today.minusDays(1), true, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est passé");
    assertThatThrownBy(() -> publication.publish(unique("W"), next, true, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("doit s’appliquer après ce jour");
    assertThatThrownBy(() -> publication.publish("  ", next.plusDays(1), true, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("écrivez le nom de la nouvelle version");
    // an opposable version whose requirements the evidence catalogue does not describe: no cycle opened either
    long cyclesBefore = cycles();
    assertThatThrownBy(() -> publication.publish("2031", next.plusDays(1), true, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("La version « 2031 » est opposable, mais le"
            + " catalogue des preuves ne la décrit pas").hasMessageContaining("Ajoutez-les d’abord à"
            + " catalogue/evidence-catalogue.json").hasMessageContaining("Versions décrites aujourd’hui : 2025, 2027")
        .hasMessageContaining("Rien n’a été enregistré, aucun cycle n’a été ouvert");
    assertThat(cycles()).isEqualTo(cyclesBefore);

    assertThat(versions.published(DeviceRecords.ANS_REFERENTIAL)).hasSize(published);
    // not opposable: no cycle, and the certificates issued before it applies keep the version in force
    assertThat(versions.latest(DeviceRecords.ANS_REFERENTIAL).orElseThrow().cyclesOpened()).isZero();
    assertThat(versions.inForce(DeviceRecords.ANS_REFERENTIAL, next.minusDays(1))).isNotEqualTo(name);
    assertThat(versions.inForce(DeviceRecords.ANS_REFERENTIAL, next)).isEqualTo(name);
    // a version the evidence catalogue does not describe changes no requirement: a dossier started once it applies
    // still answers the catalogue's version before it
    assertThat(versions.forNewDossier(DeviceRecords.ANS_REFERENTIAL, next)).isEqualTo("2025");
  }

  // ---- the evidence cases of seed 003's step 3, and the entries of a cycle, as /devices starts them ----

  String note(String dossier) {
    return String.join(" ", notes.about(dossier, Locale.FRENCH));
  }

  CycleStarts.Started startFromDevices(String user, String certificate, Reason reason, String newVersion) {
    return starts.start(user, identityService.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList(), certificate, reason, newVersion);
  }

  long cycles() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count();
  }

  /** A published version opposable and applying after every other one: its name. */
  String opposableVersionPublished(boolean opposable) {
    LocalDate day = versions.latest(DeviceRecords.ANS_REFERENTIAL).map(v -> v.appliesFrom().plusDays(30))
        .filter(d -> d.isAfter(LocalDate.ofInstant(now(), PARIS))).orElse(LocalDate.ofInstant(now(), PARIS)
            .plusDays(30));
    return publication.publish(opposable ? NEW_VERSION : unique("R"), day, opposable, REVIEWER).version().version();
  }

  @Test
  void shouldSayCaseAOnAFirstCertification() {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.put("softwareName", unique("Premier"));
    ProcessInstance ans = startApplication(VENDOR, AnsProcess.KEY, form);

    assertThat(note(ans.getBusinessKey())).contains("cas (a)").contains("pour la première fois");
    // a first candidature answers the version in force: the catalogue's first, when no version it describes is
    assertThat(runtimeService.getVariable(ans.getId(), DeviceLifeProcess.REFERENTIAL_VERSION)).isEqualTo("2025");
    assertThat(evidenceDeposits.report(ans.getId()).requirements()).extracting(r -> r.requirement().id())
        .contains("POR 2").doesNotContain("SEC 3");
    assertThat(String.join(" ", notes.about(ans.getBusinessKey(), Locale.ENGLISH))).contains("case (a)");
  }

  @Test
  void shouldRunCaseBFromDevicesForANewModelAndLandTheVendorOnItsFirstTask() {
    String name = unique("Ortho");
    String previous = certifiedDevice(name);

    CycleStarts.Started started = startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "4.0");

    // the mail step runs in the job executor (off here): no task yet, the page lands the vendor on the dossier;
    // once it has run, the first task of its company is the administrative deposit
    ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processInstanceId(started.processInstanceId())
        .singleResult();
    assertThat(started.firstTaskId()).isEmpty();
    executeJobs(cycle);
    assertThat(FirstTask.of(engine, started.dossierId(), List.of("vendor-medisoft"), Duration.ZERO))
        .contains(task(cycle, "Task_DepositAdministrativeDossier").getId());
    // a person whose groups hold no task of it, given a long wait: answered at once, since nothing will bring one now
    // (its first task is the vendor's, no step of it is due, and no job executor runs here); it waited the whole wait
    long asked = System.nanoTime();
    assertThat(FirstTask.of(engine, started.dossierId(), List.of("ans-reviewer"), Duration.ofSeconds(60))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered before the wait is over")
        .isLessThan(Duration.ofSeconds(30));
    assertThat(cycle).variables().containsEntry(DeviceLifeProcess.REASON, "NEW_MODEL")
        .containsEntry("applicant", VENDOR).containsEntry("softwareName", name).containsEntry("softwareVersion", "4.0");
    // the track receives the case and the candidature, carried over
    assertThat(runtimeService.getVariables(instanceOf(cycle, AnsProcess.KEY).getId()))
        .containsEntry(DeviceLifeProcess.REASON, "NEW_MODEL").containsEntry("softwareName", name);
    assertThat(note(started.dossierId())).contains("cas (b)").contains(previous)
        .contains("tout le parcours de certification à nouveau");

    runTheAnsTrackToItsCertificate(cycle);
    assertThat(cycle).isEnded().hasPassed("EndEvent_Recertified");
    assertThat(deviceOf("CC-" + started.dossierId()).version()).isEqualTo("4.0");
  }

  @Test
  void shouldRunCaseCFromDevicesOnTheNewVersionsWindowAndCertifyUnderIt() throws Exception {
    String previous = certifiedDevice(unique("Nephro"));
    String oldVersion = records.certificate(previous).orElseThrow().referentialVersion();
    // the first certificate names the version its dossier answered: the catalogue's first, none other published
    assertThat(oldVersion).isEqualTo("2025");
    // an opposable version, applying in 30 days: Parcours opens the cycle at once; its vendor may also start it
    String version = opposableVersionPublished(true);
    String opened = records.runningCycle(deviceOf(previous).id()).orElseThrow();
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.REFERENTIAL_CHANGE, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("déjà en cours (dossier " + opened + ")");
    runtimeService.deleteProcessInstance(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(opened)
        .processDefinitionKey(DeviceLifeProcess.KEY).singleResult().getId(), "the vendor starts it itself");

    CycleStarts.Started started = startFromDevices(VENDOR, previous, Reason.REFERENTIAL_CHANGE, "9.9");

    ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processInstanceId(started.processInstanceId())
        .singleResult();
    executeJobs(cycle);
    assertThat(cycle).variables().containsEntry(DeviceLifeProcess.REASON, "REFERENTIAL_CHANGE")
        .containsEntry(DeviceLifeProcess.REFERENTIAL_VERSION, version)
        .doesNotContainKey(DeviceLifeProcess.NEW_VERSION);
    assertThat(runtimeService.getVariables(instanceOf(cycle, AnsProcess.KEY).getId()))
        .containsEntry(DeviceLifeProcess.REFERENTIAL_VERSION, version)
        .containsEntry(DeviceLifeProcess.REASON, "REFERENTIAL_CHANGE");
    assertThat(note(started.dossierId())).contains("cas (c)").contains("guichet du référentiel version " + version)
        .contains("exigences de la version " + version).contains(previous)
        // what the new version changed since the certificate's: what alice proves anew
        .contains("Ce qui change depuis la version " + oldVersion + " du certificat " + previous)
        .contains("exigences ajoutées : SEC 3 Chiffrer les données de santé stockées (preuve SEC 3.1.1)")
        .contains("exigences modifiées : SEC 1 Tracer chaque accès aux données de santé et conserver les traces un an"
            + " (preuves SEC 1.1.1, SEC 1.3.1)")
        .contains("exigences retirées, plus à prouver : POR 2");
    assertThat(String.join(" ", notes.about(started.dossierId(), Locale.ENGLISH))).contains("requirements added: SEC 3");

    // the track asks the proofs of the new version: its report says so, and lists SEC 3 but no longer POR 2
    complete(VENDOR, cycle, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(REVIEWER, cycle, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, cycle, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    ProcessInstance track = instanceOf(cycle, AnsProcess.KEY);
    assertThat(evidenceDeposits.report(track.getId()).version()).isEqualTo(version);
    assertThat(evidenceDeposits.report(track.getId()).requirements()).extracting(r -> r.requirement().id())
        .contains("SEC 3").doesNotContain("POR 2");
    // alice sends her old archive again: the proof that only the old version asks refuses it whole
    assertThatThrownBy(() -> sendArchive(track, PROOFS_2025)).isInstanceOf(EvidenceRejectedException.class)
        .hasMessageContaining("contient la preuve SEC 1.2.1 (SEC_1.2.1.jpeg), que la version " + version
            + " du référentiel, celle de ce dossier, ne demande pas (elle est demandée par la version " + oldVersion
            + ")");
    assertThat(evidenceDeposits.report(track.getId()).sends()).isZero();
    // the old proofs alone are not enough: SEC 1.3.1 and SEC 3.1.1 are missing
    List<String> oldOnesKept = PROOFS_2025.stream().filter(p -> !p.startsWith("SEC_1.2.1")).toList();
    assertThat(sendArchive(track, oldOnesKept).report().outstanding())
        .containsExactly("SEC 1.3.1 (manquante)", "SEC 3.1.1 (manquante)");
    assertThat(sendArchive(track, List.of("SEC_1.3.1.pdf", "SEC_3.1.1.pdf")).report().complete()).isTrue();
    // the report the deposit and review forms show names the version
    assertThat((String) runtimeService.getVariable(track.getId(), "evidenceReport"))
        .startsWith("Référentiel version " + version + ".\n\n**Complet** : 8 preuves déposées sur 8");
    complete(VENDOR, cycle, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    Map<String, Object> review = new HashMap<>();
    review.put("evidenceDecision", "CONFORMS");
    review.put("evidenceComment", null);
    complete(REVIEWER, cycle, "Task_ReviewEvidence", review);

    // certified before the day the version applies from: the certificate names the new version all the same
    assertThat(cycle).isEnded().hasPassed("EndEvent_Recertified");
    DeviceRecords.CertifiedDevice renewed = records.certificate("CC-" + started.dossierId()).orElseThrow();
    assertThat(renewed.referentialVersion()).isEqualTo(version).isNotEqualTo(oldVersion);
    // the certificate sent to alice names it too
    jakarta.mail.Part certificate = attachment(mails(started.dossierId() + " : certificat de conformité délivré").get(0));
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
        certificate.getInputStream().readAllBytes())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
          .contains("Référentiel version " + version);
    }
    assertThat(renewed.deviceId()).isEqualTo(deviceOf(previous).id());
    // the new certificate replaces the previous one: kept, with its day and successor, no longer in force
    DeviceRecords.CertifiedDevice replaced = records.certificate(previous).orElseThrow();
    assertThat(replaced.inForce()).isFalse();
    assertThat(replaced.withdrawn()).isFalse();
    assertThat(replaced.replacedBy()).isEqualTo(renewed.certificateNumber());
    assertThat(deviceOf(previous).certificates()).filteredOn(DeviceRecords.Certificate::inForce)
        .extracting(DeviceRecords.Certificate::number).containsExactly(renewed.certificateNumber());
    assertThat(records.inForceFor(VENDOR_GROUP, renewed.deviceName(), renewed.deviceVersion()))
        .contains(renewed.certificateNumber());
    // a later opposable version would re-certify the device's certificate in force, never the replaced one
    assertThat(records.certifiedBefore(DeviceRecords.ANS_REFERENTIAL, "2099"))
        .extracting(DeviceRecords.CertifiedDevice::certificateNumber).contains(renewed.certificateNumber())
        .doesNotContain(previous);
    // an ANS auditor cannot open an audit on the replaced one: the sentence names the certificate to audit
    Map<String, Object> audit = new HashMap<>();
    audit.put("certificateNumber", previous);
    audit.put("auditScope", "Déploiement au CHU de Nantes");
    assertThatThrownBy(() -> startApplication("odile", "compliance-audit", audit))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Le certificat « " + previous + " » a été remplacé le ")
        .hasMessageContaining("par le certificat « " + renewed.certificateNumber() + " »")
        .hasMessageContaining("auditez le certificat « " + renewed.certificateNumber() + " »");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("compliance-audit")
        .variableValueEquals("certificateNumber", previous).count()).isZero();
    // and now nothing is left to re-certify
    assertThatThrownBy(() -> startFromDevices(VENDOR, renewed.certificateNumber(), Reason.REFERENTIAL_CHANGE, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("porte déjà sur la dernière version publiée");
  }

  @Test
  void shouldApplyAgainAfterAWithdrawalAndRefuseTheOtherChoicesThatDoNotFit() throws Exception {
    String previous = certifiedDevice(unique("Hepato"));
    String bystander = certifiedDevice(unique("Gastro"));
    records.withdraw(previous, "Non-conformité SEC 1.2 non corrigée", now());
    long before = cycles();

    // bad inputs, nothing started: another company's certificate, a withdrawn one renewed, one in force applied
    // for again, a re-certification when the last version is not opposable (or is the certificate's own)
    assertThatThrownBy(() -> startFromDevices(OTHER_VENDOR, bystander, Reason.NEW_MODEL, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("Aucun certificat de conformité de votre"
            + " entreprise ne porte le numéro « " + bystander);
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.NEW_MODEL, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("a été retiré : il ne peut plus être renouvelé")
        .hasMessageContaining("Candidater à nouveau");
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.REFERENTIAL_CHANGE, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("a été retiré");
    assertThatThrownBy(() -> startFromDevices(VENDOR, bystander, Reason.AFTER_WITHDRAWAL, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est en vigueur : « Candidater à nouveau »");
    String notOpposable = opposableVersionPublished(false);
    assertThatThrownBy(() -> startFromDevices(VENDOR, bystander, Reason.REFERENTIAL_CHANGE, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("(" + notOpposable + ") n’est pas opposable")
        .hasMessageContaining("évolutions techniques");
    assertThat(cycles()).isEqualTo(before);
    assertThat(cyclesOf(previous)).isZero();
    assertThat(cyclesOf(bystander)).isZero();

    // entry 4: the withdrawn certificate's vendor applies again
    MAIL.reset();
    CycleStarts.Started started = startFromDevices(VENDOR, previous, Reason.AFTER_WITHDRAWAL, null);
    ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processInstanceId(started.processInstanceId())
        .singleResult();
    executeJobs(cycle);
    assertThat(cycle).variables().containsEntry(DeviceLifeProcess.REASON, "AFTER_WITHDRAWAL");
    assertThat(FirstTask.of(engine, started.dossierId(), List.of("vendor-medisoft"), Duration.ZERO))
        .isPresent();
    assertThat(note(started.dossierId())).contains("après le retrait du certificat " + previous)
        .contains("nouveau dépôt des preuves");
    assertThat(text(mails("nouveau cycle de certification").get(0))).contains("Vous présentez une nouvelle"
        + " candidature").contains("après le retrait du certificat n° " + previous).doesNotContain("renouvelle");
    assertThat(text(mails(started.dossierId() + " : candidature reprise, suite du certificat " + previous).get(0)))
        .contains("il fait suite au certificat n° " + previous).doesNotContain("Nous avons bien reçu");
    runTheAnsTrackToItsCertificate(cycle);
    assertThat(cycle).isEnded().hasPassed("EndEvent_Recertified");
    // the old certificate is replaced: nothing more starts from it
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.AFTER_WITHDRAWAL, null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("a été remplacé par le certificat « CC-"
            + started.dossierId());
  }

  /**
   * Two cycles of one device started at the same instant: the first one's transaction is held open, so the second
   * one's check finds no cycle running and only the unique index of parcours_recertification (V5) stops it; its
   * insert waits for the first, then is refused with a sentence. One cycle, one row.
   */
  @Test
  void shouldStartOnlyOneCycleWhenTwoAreStartedAtTheSameInstant() throws Exception {
    String previous = certifiedDevice(unique("Rhumato"));
    java.util.concurrent.atomic.AtomicReference<CycleStarts.Started> second =
        new java.util.concurrent.atomic.AtomicReference<>();
    SameInstant.Outcome<CycleStarts.Started> race = SameInstant.run(transactions,
        () -> startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "3.0"),
        () -> second.set(startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "3.0")));

    // the second, refused by the index, finds the cycle the first started: the person is landed on it
    assertThat(race.second()).isNull();
    assertThat(second.get().dossierId()).isEqualTo(race.first().dossierId());
    assertThat(cyclesOf(previous)).isEqualTo(1);
    assertThat(records.runningCycle(deviceOf(previous).id())).contains(race.first().dossierId());
  }

  /**
   * A double click on "Nouveau modèle ou gamme" (or two tabs): the second start, after the first one's cycle runs, was
   * refused "déjà en cours (dossier X)" though the first had just started it. Now the second lands where the first
   * did, on the same cycle; one cycle, one row. Another version, another reason on the same device, and another
   * company's user asking the same, are still refused.
   */
  @Test
  void shouldAnswerASecondClickWithTheCycleTheFirstStarted() {
    String previous = certifiedDevice(unique("Pneumo"));
    CycleStarts.Started first = startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "5.0");

    CycleStarts.Started again = startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "5.0");

    assertThat(again.dossierId()).isEqualTo(first.dossierId());
    assertThat(again.processInstanceId()).isEqualTo(first.processInstanceId());
    assertThat(cyclesOf(previous)).isEqualTo(1);
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.NEW_MODEL, "6.0"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("déjà en cours (dossier " + first.dossierId());
    assertThatThrownBy(() -> startFromDevices(VENDOR, previous, Reason.AFTER_WITHDRAWAL, null))
        .isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> startFromDevices(OTHER_VENDOR, previous, Reason.NEW_MODEL, "5.0"))
        .isInstanceOf(BadInputException.class).hasMessageNotContaining(first.dossierId());
    assertThat(cyclesOf(previous)).isEqualTo(1);
  }
}
