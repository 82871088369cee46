package fr.parcours.device;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.EmbeddedPostgresServer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Flyway V14 marks the certificates issued before it, on a database that already holds rows: each one in force with a
 * newer certificate of its device and referential is replaced by the first that came after it, as
 * {@link DeviceRecords#certificateIssued} replaces one from then on. MigrationsIT and PostgresIT ran it on tables
 * without certificates only. Tried, on H2 and on PostgreSQL: three certificates in a row (each replaced by the next);
 * a withdrawn one between two (the first replaced by the withdrawn one, as at its issue; the withdrawn one keeps its
 * withdrawal); two issued the same instant (both kept: rows recorded before V14 do not say which came last, where an
 * issue now keeps the later recorded); a provisional certificate on the same device (V14 replaces nothing of another
 * referential, where the final certificate now replaces its provisional one).
 */
class CertificateReplacedMigrationTest {

  static final Instant T1 = Instant.parse("2025-03-01T09:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant T3 = Instant.parse("2026-11-02T09:00:00Z");
  static final String ANS = DeviceRecords.ANS_REFERENTIAL;
  static final String PROVISIONAL = DeviceRecords.provisionalOf(ANS);

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldReplaceEachCertificateInForceByTheFirstNewerOneOfItsDevice(String database) {
    DataSource source = migratedTo(database, "13");
    JdbcTemplate jdbc = new JdbcTemplate(source);
    String row = device(jdbc, "CardioWatch");
    certificate(jdbc, row, "CC-1", ANS, T1, null);
    certificate(jdbc, row, "CC-2", ANS, T2, null);
    certificate(jdbc, row, "CC-3", ANS, T3, null);
    String withdrawnBetween = device(jdbc, "GlucoWatch");
    certificate(jdbc, withdrawnBetween, "GW-1", ANS, T1, null);
    certificate(jdbc, withdrawnBetween, "GW-2", ANS, T2, T2.plusSeconds(86_400));
    certificate(jdbc, withdrawnBetween, "GW-3", ANS, T3, null);
    String sameInstant = device(jdbc, "PneumoWatch");
    certificate(jdbc, sameInstant, "PW-A", ANS, T1, null);
    certificate(jdbc, sameInstant, "PW-B", ANS, T1, null);
    certificate(jdbc, sameInstant, "PW-P", ANS + " — certificat provisoire (ETAPES)", T2, null);

    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

    assertReplaced(jdbc, "CC-1", "CC-2", T2);
    assertReplaced(jdbc, "CC-2", "CC-3", T3);
    assertReplaced(jdbc, "CC-3", null, null);
    assertReplaced(jdbc, "GW-1", "GW-2", T2);
    assertReplaced(jdbc, "GW-2", null, null);
    assertReplaced(jdbc, "GW-3", null, null);
    assertReplaced(jdbc, "PW-A", null, null);
    assertReplaced(jdbc, "PW-B", null, null);
    assertReplaced(jdbc, "PW-P", null, null);
  }

  /**
   * Flyway V15 marks the rows recorded before it as {@link DeviceRecords#certificateIssued} now keeps them: one
   * certificate in force per device and referential. Tried, on H2 and PostgreSQL, on rows V14 had already passed: an
   * ETAPES provisional certificate made final (no last day) beside its final certificate (replaced by it); a provisional
   * one of another device with no final one (kept); a provisional one issued after a final one (kept: not its final);
   * an older certificate recorded after V14 beside a newer one (replaced by it); a withdrawn one (kept withdrawn); two of
   * the same instant (both kept, as V14).
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldLeaveOneCertificateInForcePerDeviceAndReferentialAfterV15(String database) {
    DataSource source = migratedTo(database, "14");
    JdbcTemplate jdbc = new JdbcTemplate(source);
    String etapes = device(jdbc, "GlucoWatch");
    certificate(jdbc, etapes, "CP-1", PROVISIONAL, T1, null);
    certificate(jdbc, etapes, "CC-1", ANS, T2, null);
    String lonely = device(jdbc, "PneumoWatch");
    certificate(jdbc, lonely, "CP-2", PROVISIONAL, T1, null);
    String late = device(jdbc, "RenalWatch");
    certificate(jdbc, late, "CC-3", ANS, T1, null);
    certificate(jdbc, late, "CP-3", PROVISIONAL, T2, null);
    String outOfOrder = device(jdbc, "CardioWatch");
    certificate(jdbc, outOfOrder, "CC-NEW", ANS, T2, null);
    certificate(jdbc, outOfOrder, "CC-OLD", ANS, T1, null);
    certificate(jdbc, outOfOrder, "CC-OLDER", ANS, T1.minusSeconds(86_400), T1);
    String tie = device(jdbc, "NeuroWatch");
    certificate(jdbc, tie, "CC-A", ANS, T1, null);
    certificate(jdbc, tie, "CC-B", ANS, T1, null);

    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

    assertReplaced(jdbc, "CP-1", "CC-1", T2);
    assertReplaced(jdbc, "CC-1", null, null);
    assertReplaced(jdbc, "CP-2", null, null);
    assertReplaced(jdbc, "CC-3", null, null);
    assertReplaced(jdbc, "CP-3", null, null);
    assertReplaced(jdbc, "CC-OLD", "CC-NEW", T2);
    assertReplaced(jdbc, "CC-NEW", null, null);
    assertReplaced(jdbc, "CC-OLDER", null, null);
    assertReplaced(jdbc, "CC-A", null, null);
    assertReplaced(jdbc, "CC-B", null, null);
  }

  /** A database of this kind (h2, postgresql) migrated to this version. */
  private static DataSource migratedTo(String database, String version) {
    DataSource source = database.equals("h2")
        ? new DriverManagerDataSource("jdbc:h2:mem:v" + version + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
        : EmbeddedPostgresServer.start().getPostgresDatabase();
    Flyway.configure().dataSource(source).locations("classpath:db/migration").target(version).load().migrate();
    return source;
  }

  private static void assertReplaced(JdbcTemplate jdbc, String number, String by, Instant at) {
    Map<String, Object> row = jdbc.queryForMap("SELECT replaced_by, replaced_at FROM parcours_certificate WHERE number"
        + " = ?", number);
    assertThat(row.get("replaced_by")).as(number + " replaced by").isEqualTo(by);
    Object replacedAt = row.get("replaced_at");
    assertThat(replacedAt == null ? null : ((Timestamp) replacedAt).toInstant()).as(number + " replaced at")
        .isEqualTo(at);
  }

  private static String device(JdbcTemplate jdbc, String name) {
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO parcours_device (id, vendor_group, company_name, name, version, created_at) VALUES (?,"
        + " 'vendor-medisoft', 'MediSoft SAS', ?, '2.1', ?)", id, name, Timestamp.from(T1));
    return id;
  }

  private static void certificate(JdbcTemplate jdbc, String device, String number, String referential, Instant issued,
      Instant withdrawn) {
    jdbc.update("INSERT INTO parcours_certificate (id, device_id, number, referential, referential_version, issued_at,"
        + " withdrawn_at, pathway, created_at) VALUES (?, ?, ?, ?, '2025', ?, ?, 'ANS', ?)", UUID.randomUUID().toString(),
        device, number, referential, Timestamp.from(issued), withdrawn == null ? null : Timestamp.from(withdrawn),
        Timestamp.from(issued));
  }
}
