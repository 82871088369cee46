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

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldReplaceEachCertificateInForceByTheFirstNewerOneOfItsDevice(String database) {
    DataSource source;
    if (database.equals("h2")) {
      source = new DriverManagerDataSource("jdbc:h2:mem:v14-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    } else {
      source = EmbeddedPostgresServer.start().getPostgresDatabase();
    }
    Flyway.configure().dataSource(source).locations("classpath:db/migration").target("13").load().migrate();
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
