package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.device.DeviceRecords;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.Candidatures;
import fr.parcours.support.EmbeddedPostgresServer;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.support.SameInstant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Production runs on PostgreSQL: the application starts on a real PostgreSQL (embedded binaries, not a
 * mock), creates its schema, and a device goes from candidature to certificate on it, clocks included.
 */
// the context closes with the class (Spring closes it), and the database only when the JVM exits: stopped
// first, it left the cached context waiting 30 s at exit for connections to it, and surefire killed the JVM
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresIT extends ProcessTestBase {

  static final EmbeddedPostgres POSTGRES = EmbeddedPostgresServer.start();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.register(registry, POSTGRES);
  }

  @Autowired DataSource dataSource;
  @Autowired DeviceRecords records;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void shouldGiveTheStartUpLockBackOnceStarted() throws Exception {
    // another node's session (not a connection of this pool, whose session may hold the lock itself)
    try (Connection other = POSTGRES.getPostgresDatabase().getConnection();
        Statement statement = other.createStatement();
        ResultSet taken = statement.executeQuery("select pg_try_advisory_lock(" + ClusterStartLock.KEY + ")")) {
      assertThat(taken.next() && taken.getBoolean(1)).as("another node may start now").isTrue();
      statement.execute("select pg_advisory_unlock(" + ClusterStartLock.KEY + ")");
    }
  }

  @Test
  void shouldRunTheAnsTrackOnPostgresql() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      try (ResultSet tables = connection.getMetaData().getTables(null, null, "act_ru_job", null)) {
        assertThat(tables.next()).as("Camunda's schema was created").isTrue();
      }
      // and Parcours' indexes on it, for the Tasklist queues (config.CamundaIndexes)
      try (Statement statement = connection.createStatement(); ResultSet indexes = statement.executeQuery(
          "select indexname from pg_indexes where indexname like 'parcours_idx_%' order by indexname")) {
        java.util.List<String> names = new java.util.ArrayList<>();
        while (indexes.next()) {
          names.add(indexes.getString(1));
        }
        assertThat(names).containsExactly("parcours_idx_auth_group_grants", "parcours_idx_auth_resource",
            "parcours_idx_link_group_task", "parcours_idx_task_step", "parcours_idx_var_name_type_exe");
      }
    }

    ProcessInstance pi = startApplication("alice", "ans-certification", Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    sendCompleteEvidence("alice", pi);
    complete("alice", pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete("ana", pi, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
        "evidenceComment", "SECURITY 3.2 logs"));
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").isSuspended()).isTrue();
    advance(java.time.Duration.ofDays(12));
    complete("alice", pi, "Task_ProvideComplements", Map.of("complementsAnswer", "Logs attached"));
    // paused from the opening day (not counted anyway) to day 12: 12 dates out, the last day is day 72
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(72));
    complete("ana", pi, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("ansOutcome").singleResult().getValue()).isEqualTo("CERTIFIED");
  }

  /**
   * The lock of the audits (V8) on PostgreSQL: two audits of one certificate opened at the same instant, the first
   * one's transaction held open while the second runs its checks; the second's insert waits on the unique index,
   * then is refused with a sentence (PostgreSQL's unique violation, translated as H2's is).
   */
  @Test
  void shouldOpenOnlyOneAuditOfACertificateWhenTwoAreOpenedAtTheSameInstant() throws Exception {
    ProcessInstance ans = startApplication("alice", "ans-certification", Candidatures.valid());
    String number = "CC-PG-" + ans.getBusinessKey();
    // a device of its own: the other tests' certificates of CardioWatch 2.1, issued after T0, would replace this one
    // (one certificate in force per device), and an audit opens only on the one in force
    String device = "AuditWatch-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    records.certificateIssued(new DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS", device, "2.1",
        "SOCLE", null), number, DeviceRecords.ANS_REFERENTIAL, "2025", T0, null, ans.getBusinessKey(), ans.getId(),
        "ANS");
    Map<String, Object> form = Map.of("certificateNumber", number, "auditScope", "Déploiement 2.1");

    SameInstant.Outcome<ProcessInstance> race = SameInstant.run(transactions,
        () -> startApplication("odile", "compliance-audit", form),
        () -> startApplication("odile", "compliance-audit", form));

    assertThat(race.second()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Un autre audit du certificat « " + number + " » vient d’être ouvert, au même moment");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("compliance-audit")
        .variableValueEquals("certificateNumber", number).list()).extracting(ProcessInstance::getId)
        .containsExactly(race.first().getId());
  }

  /**
   * Two dossiers of one device reach their certificates at the same instant (one node or two): the second's insert of
   * the device waits on the unique index, fails once the first commits, and only that insert is undone (a savepoint:
   * on PostgreSQL a failed statement otherwise aborts the whole transaction); its certificate lands on the device.
   */
  @Test
  void shouldRecordOneDeviceWhenTwoOfItsCertificatesAreIssuedAtTheSameInstant() throws Exception {
    String name = "RaceWatch-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    DeviceRecords.DeviceFacts device = new DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS", name, "1.0",
        "SOCLE", null);

    SameInstant.Outcome<String> race = SameInstant.run(transactions,
        () -> {
          records.certificateIssued(device, "CC-" + name + "-1", DeviceRecords.ANS_REFERENTIAL, "2025", T0, null,
              "DMN-" + name + "-1", "pi-1", "ans-certification");
          return "CC-" + name + "-1";
        },
        () -> new TransactionTemplate(transactions).executeWithoutResult(status -> records.certificateIssued(device,
            "CC-" + name + "-2", DeviceRecords.ANS_REFERENTIAL, "2025", T0, null, "DMN-" + name + "-2", "pi-2",
            "ans-certification")));

    assertThat(race.second()).as("the second certificate is recorded, not refused").isNull();
    assertThat(records.all()).filteredOn(d -> d.name().equals(name)).singleElement()
        .satisfies(d -> assertThat(d.certificates()).extracting(DeviceRecords.Certificate::number)
            .containsExactlyInAnyOrder("CC-" + name + "-1", "CC-" + name + "-2"));
  }

  /**
   * The dossier page's form posted twice (migration V12): on PostgreSQL too, a second message of one author with the
   * same form key is refused by the index, which DossierMessages reads as the same post; messages without a key (kept
   * before the key existed) never collide.
   */
  @Test
  void shouldKeepOneMessagePerFormOnPostgresql() {
    org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    String key = java.util.UUID.randomUUID().toString();
    String insert = "INSERT INTO parcours_message (id, dossier_id, agency, from_vendor, author, body, created_at,"
        + " submission) VALUES (?, 'DMN-PG-1', 'ans-reviewer', TRUE, ?, 'Bonjour', CURRENT_TIMESTAMP, ?)";
    jdbc.update(insert, java.util.UUID.randomUUID().toString(), "alice", key);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(insert,
        java.util.UUID.randomUUID().toString(), "alice", key))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    jdbc.update(insert, java.util.UUID.randomUUID().toString(), "bruno", key);
    jdbc.update(insert, java.util.UUID.randomUUID().toString(), "alice", null);
    jdbc.update(insert, java.util.UUID.randomUUID().toString(), "alice", null);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message WHERE dossier_id = 'DMN-PG-1'",
        Integer.class)).isEqualTo(4);
  }

  @Autowired fr.parcours.evidence.CompanyDocuments documents;

  /**
   * The same Kbis sent by six tabs at the very same instant (migration V13): on PostgreSQL too one is kept, the others
   * refused by the index and landing on it; another file after it is kept.
   */
  @Test
  void shouldKeepTheSameKbisSentAtOnceOnceOnPostgresql() throws Exception {
    byte[] pdf = "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(6);
      java.util.List<java.util.concurrent.Future<String>> sends = new java.util.ArrayList<>();
      for (int tab = 0; tab < 6; tab++) {
        sends.add(pool.submit(() -> {
          together.await();
          return documents.storeKbis("pi-pg-race", "alice", "kbis.pdf", pdf).id();
        }));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<String> send : sends) {
        ids.add(send.get());
      }
      assertThat(ids).hasSize(1);
      assertThat(documents.storeKbis("pi-pg-race", "alice", "kbis-2.pdf", pdf).id()).isNotIn(ids);
      assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
          "SELECT COUNT(*) FROM parcours_company_document WHERE process_instance_id = 'pi-pg-race'", Integer.class))
          .isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
