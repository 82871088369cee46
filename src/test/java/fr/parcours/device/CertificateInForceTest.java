package fr.parcours.device;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.device.DeviceRecords.Certificate;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.support.EmbeddedPostgresServer;
import fr.parcours.support.SameInstant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One certificate in force per device and referential, however they reach the records: two issued in concurrent
 * transactions (at the same instant, or the one that read the clock first committing last), an older one imported
 * after a newer one, an ETAPES provisional certificate and the final one of its dossier. On H2 and on PostgreSQL,
 * each with the real migrations.
 */
class CertificateInForceTest {

  static final String ANS = DeviceRecords.ANS_REFERENTIAL;
  static final String PROVISIONAL = DeviceRecords.provisionalOf(ANS);
  static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-02T09:00:00Z");
  static final DeviceFacts CARDIO = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "TLM",
      null);
  static EmbeddedPostgres postgres;

  DeviceRecords records;
  DataSourceTransactionManager transactions;

  private void on(String database) {
    DataSource source;
    if (database.equals("h2")) {
      source = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    } else {
      synchronized (CertificateInForceTest.class) {
        if (postgres == null) {
          postgres = EmbeddedPostgresServer.start();
        }
      }
      String name = "certs_" + UUID.randomUUID().toString().replace("-", "");
      new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
      source = postgres.getDatabase("postgres", name);
    }
    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    transactions = new DataSourceTransactionManager(source);
    records = new DeviceRecords(new JdbcTemplate(source), transactions);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldKeepOnlyTheSecondInForceWhenTwoAreIssuedAtTheSameInstantInConcurrentTransactions(String database)
      throws Exception {
    on(database);
    // the first holds its transaction open while the second records its certificate and waits for it
    SameInstant.Outcome<String> race = SameInstant.run(transactions, () -> issue("CC-A", ANS, T2, null),
        () -> issue("CC-B", ANS, T2, null));

    assertThat(race.second()).as("the second is recorded, not refused").isNull();
    assertThat(certificates()).extracting(Certificate::number, Certificate::inForce, Certificate::replacedBy)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CC-A", false, "CC-B"),
            org.assertj.core.groups.Tuple.tuple("CC-B", true, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldKeepTheNewerInForceWhenTheOlderCommitsLastInConcurrentTransactions(String database) throws Exception {
    on(database);
    issue("CC-0", ANS, T1.minusSeconds(86_400), null);
    // the second's step read the clock first (T1) but commits after the first's (T2)
    SameInstant.Outcome<String> race = SameInstant.run(transactions, () -> issue("CC-NEW", ANS, T2, null),
        () -> issue("CC-OLD", ANS, T1, null));

    assertThat(race.second()).isNull();
    assertThat(inForce()).containsExactly("CC-NEW");
    assertThat(certificate("CC-OLD").replacedBy()).isEqualTo("CC-NEW");
    assertThat(certificate("CC-OLD").replacedAt()).isEqualTo(T2);
    assertThat(certificate("CC-0").replacedBy()).isEqualTo("CC-NEW");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldMarkAnOlderCertificateImportedAfterANewerOneReplacedByTheFirstThatCameAfterIt(String database) {
    on(database);
    // Bad inputs: the oldest recorded last, one recorded between two newer ones, the same one recorded twice
    issue("CC-2", ANS, T1, null);
    issue("CC-3", ANS, T2, null);
    issue("CC-1", ANS, T1.minusSeconds(86_400), null);
    issue("CC-1", ANS, T1.minusSeconds(86_400), null);

    assertThat(inForce()).containsExactly("CC-3");
    assertThat(certificate("CC-1").replacedBy()).as("the first after it").isEqualTo("CC-2");
    assertThat(certificate("CC-1").replacedAt()).isEqualTo(T1);
    assertThat(certificate("CC-2").replacedBy()).isEqualTo("CC-3");
    assertThat(certificate("CC-3").replaced()).as("the newer is not replaced by the older").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldReplaceTheProvisionalCertificateByTheFinalOneAndNeverLapseItAfterwards(String database) {
    on(database);
    LocalDate lastDay = LocalDate.of(2027, 3, 2);
    issue("CP-1", PROVISIONAL, T1, lastDay);
    issue("CC-1", ANS, T2, null);
    // the lapse timer fired before the final outcome reached the dossier, then the outcome arrived
    boolean lapsed = records.lapsed("CP-1", "caduc, la preuve de la conformité n’a pas été apportée au plus tard le"
        + " 2 mars 2027", Instant.parse("2027-03-02T23:00:05Z"));
    records.becameFinal("CP-1");

    assertThat(lapsed).as("a replaced provisional certificate does not lapse").isFalse();
    assertThat(inForce()).containsExactly("CC-1");
    Certificate provisional = certificate("CP-1");
    assertThat(provisional.provisional()).isTrue();
    assertThat(provisional.replacedBy()).isEqualTo("CC-1");
    assertThat(provisional.replacedAt()).isEqualTo(T2);
    assertThat(provisional.withdrawn()).as("not « caduc »").isFalse();
    assertThat(provisional.validUntil()).as("it keeps its last day").isEqualTo(lastDay);
    assertThat(certificate("CC-1").withdrawn()).as("its replacement untouched").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldLapseAProvisionalCertificateNotReplacedAndLeaveTheFinalOneOfAnotherDossierAlone(String database) {
    on(database);
    // Bad inputs: a provisional certificate recorded after its final one (an import), then one left alone that lapses
    issue("CC-1", ANS, T2, null);
    issue("CP-1", PROVISIONAL, T1, LocalDate.of(2027, 3, 2));
    assertThat(certificate("CP-1").replacedBy()).isEqualTo("CC-1");
    assertThat(records.lapsed("CP-1", "caduc", Instant.parse("2027-03-02T23:00:05Z"))).isFalse();

    DeviceFacts pulse = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "PulseNote", "1.0", null, null);
    records.certificateIssued(pulse, "CP-2", PROVISIONAL, "2025", T1, LocalDate.of(2027, 3, 2), "D-CP-2", "pi-CP-2",
        "generic-line");
    assertThat(records.lapsed("CP-2", "caduc", Instant.parse("2027-03-02T23:00:05Z"))).isTrue();
    assertThat(inForce()).containsExactly("CC-1");
  }

  private String issue(String number, String referential, Instant at, LocalDate validUntil) {
    records.certificateIssued(CARDIO, number, referential, "2025", at, validUntil, "D-" + number, "pi-" + number,
        "ans-certification");
    return number;
  }

  private List<Certificate> certificates() {
    return records.all().stream().flatMap(d -> d.certificates().stream()).toList();
  }

  private List<String> inForce() {
    return certificates().stream().filter(Certificate::inForce).map(Certificate::number).toList();
  }

  private Certificate certificate(String number) {
    return certificates().stream().filter(c -> c.number().equals(number)).findFirst().orElseThrow();
  }
}
