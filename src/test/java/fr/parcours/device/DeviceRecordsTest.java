package fr.parcours.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.device.DeviceRecords.Device;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.SameInstant;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The device records on the real migrations (Flyway on an H2 database of their own), without Spring. */
class DeviceRecordsTest {

  static final Instant ISSUED = Instant.parse("2026-11-02T09:00:00Z");
  static final DeviceFacts CARDIO = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "TLM",
      "3760000000012");
  static final DeviceFacts PULSE = new DeviceFacts("vendor-telecardio", "TéléCardio SARL", "PulseNote", "1.0", null,
      null);

  DeviceRecords records;
  JdbcTemplate jdbc;
  DataSourceTransactionManager transactions;

  @BeforeEach
  void migrate() {
    DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "sa", "");
    Flyway.configure().dataSource(h2).load().migrate();
    jdbc = new JdbcTemplate(h2);
    transactions = new DataSourceTransactionManager(h2);
    records = new DeviceRecords(jdbc, transactions);
  }

  @Test
  void shouldRecordOneDeviceWhenTwoOfItsDossiersReachTheirCertificatesAtTheSameInstant() throws Exception {
    // the first holds its transaction open while the second inserts the same device and waits on the unique index
    SameInstant.Outcome<String> race = SameInstant.run(transactions,
        () -> {
          records.certificateIssued(CARDIO, "CC-DMN-2026-00001", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
              "DMN-2026-00001", "pi-1", "ans-certification");
          return "CC-DMN-2026-00001";
        },
        () -> records.certificateIssued(CARDIO, "CC-DMN-2026-00002", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED,
            null, "DMN-2026-00002", "pi-2", "ans-certification"));

    assertThat(race.second()).as("the second certificate is recorded, not refused").isNull();
    assertThat(records.ofCompanies(List.of("vendor-medisoft"))).singleElement()
        .satisfies(device -> assertThat(device.certificates()).extracting(DeviceRecords.Certificate::number)
            .containsExactlyInAnyOrder("CC-DMN-2026-00001", "CC-DMN-2026-00002"));
  }

  /**
   * An instant finer than the database keeps (Instant.now() gives nanoseconds; the column microseconds, rounded):
   * stored rounded up, it read as issued after itself, and the certificate was "replaced" by itself, out of force
   * from its first day (the auditors' list showed none).
   */
  @Test
  void shouldKeepInForceACertificateIssuedAtAnInstantFinerThanTheDatabaseKeeps() {
    for (String instant : List.of("2026-09-05T16:14:29.499219600Z", "2026-09-05T16:14:29.499219400Z",
        "2026-09-05T16:14:29.999999999Z")) {
      DeviceFacts device = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "Fine-" + instant, "1.0", null, null);
      records.certificateIssued(device, "CC-" + instant, DeviceRecords.ANS_REFERENTIAL, "2025", Instant.parse(instant),
          null, null, null, "ANS");
      assertThat(records.all()).filteredOn(d -> d.name().equals(device.name())).singleElement()
          .satisfies(d -> assertThat(d.certificates()).singleElement().as(instant)
              .satisfies(c -> assertThat(c.inForce()).isTrue()));
    }
  }

  @Test
  void shouldKeepARefusedCertificationOnceWithItsReasonsAndRefuseOneWithout() {
    String line = "Exigences minimales de la ligne générique « Télésurveillance du diabète »";
    assertThatThrownBy(() -> records.certificationRefused(CARDIO, line, "  ", ISSUED, "DMN-2026-00001", "pi-1"))
        .isInstanceOf(fr.parcours.shared.BadInputException.class).hasMessageContaining("n’a pas de motif");
    assertThat(records.refusalsOf("DMN-2026-00001")).as("nothing recorded").isEmpty();

    records.certificationRefused(CARDIO, line, " DIA 1 : pas d’alerte. ", ISSUED, "DMN-2026-00001", "pi-1");
    records.certificationRefused(CARDIO, line, "DIA 1 : pas d’alerte.", ISSUED, "DMN-2026-00001", "pi-1");

    assertThat(records.refusalsOf("DMN-2026-00001")).singleElement().isEqualTo(
        new DeviceRecords.Refusal(line, "DIA 1 : pas d’alerte.", ISSUED, "DMN-2026-00001"));
    assertThat(records.ofCompanies(List.of("vendor-medisoft"))).as("the device is recorded").hasSize(1);
  }

  @Test
  void shouldKeepACertificateOnceWhenItsStepRunsTwice() {
    records.certificateIssued(CARDIO, "CC-DMN-2026-00001", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
        "DMN-2026-00001", "pi-1", "ans-certification");
    records.certificateIssued(CARDIO, "CC-DMN-2026-00001", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
        "DMN-2026-00001", "pi-1", "ans-certification");

    List<Device> devices = records.ofCompanies(List.of("vendor-medisoft"));
    assertThat(devices).hasSize(1);
    assertThat(devices.get(0).basicUdiDi()).isEqualTo("3760000000012");
    assertThat(devices.get(0).certificates()).singleElement().satisfies(c -> {
      assertThat(c.number()).isEqualTo("CC-DMN-2026-00001");
      assertThat(c.issuedAt()).isEqualTo(ISSUED);
      assertThat(c.referentialVersion()).isEqualTo("2025");
      assertThat(c.dossierId()).isEqualTo("DMN-2026-00001");
      assertThat(c.withdrawn()).isFalse();
    });
  }

  @Test
  void shouldGatherTheCertificatesAndRegistrationsOfOneDeviceAndVersion() {
    records.certificateIssued(CARDIO, "CC-1", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "D-1", "pi-1",
        "ans-certification");
    records.registered(CARDIO, RegistrationKind.BRAND_NAME, "JORF n° 0042", LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "D-2", "pi-2", ISSUED);
    records.registered(CARDIO, RegistrationKind.BRAND_NAME, "JORF n° 0042", LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "D-2", "pi-2", ISSUED);
    // a new version is another device
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "3.0", null, null),
        "CC-2", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "D-3", "pi-3", "ans-certification");

    List<Device> devices = records.ofCompanies(List.of("vendor-medisoft"));
    assertThat(devices).extracting(Device::version).containsExactly("2.1", "3.0");
    assertThat(devices.get(0).registrations()).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(RegistrationKind.BRAND_NAME);
      assertThat(r.endsOn()).isEqualTo(LocalDate.of(2031, 11, 19));
    });
    assertThat(devices.get(0).certificates()).extracting(c -> c.number()).containsExactly("CC-1");
  }

  @Test
  void shouldShowAVendorItsOwnCompanysDevicesOnlyAndAReviewerEvery() {
    records.certificateIssued(CARDIO, "CC-1", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "D-1", "pi-1",
        "ans-certification");
    records.registered(PULSE, RegistrationKind.PECAN, null, LocalDate.of(2026, 11, 2), LocalDate.of(2027, 11, 1),
        "D-9", "pi-9", ISSUED);

    assertThat(records.ofCompanies(List.of("vendor-medisoft"))).extracting(Device::name).containsExactly("CardioWatch");
    assertThat(records.ofCompanies(List.of("vendor-telecardio"))).extracting(Device::name).containsExactly("PulseNote");
    assertThat(records.ofCompanies(List.of("vendor-unknown"))).isEmpty();
    assertThat(records.ofCompanies(List.of())).isEmpty();
    assertThat(records.all()).extracting(Device::name).containsExactlyInAnyOrder("CardioWatch", "PulseNote");
  }

  @Test
  void shouldWithdrawACertificateWithItsReasonsAndRefuseWithoutThemOrTwice() {
    records.certificateIssued(CARDIO, "CC-1", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "D-1", "pi-1",
        "ans-certification");

    for (String noReason : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> records.withdraw("CC-1", noReason, ISSUED)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("n’a pas de motif");
    }
    assertThat(records.all().get(0).certificates().get(0).withdrawn()).as("nothing changed").isFalse();
    assertThatThrownBy(() -> records.withdraw("CC-404", "Audit", ISSUED)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Aucun certificat en vigueur");

    records.withdraw("CC-1", "Non-conformité INS 2.1 non corrigée", ISSUED.plusSeconds(60));
    assertThat(records.all().get(0).certificates().get(0)).satisfies(c -> {
      assertThat(c.withdrawnAt()).isEqualTo(ISSUED.plusSeconds(60));
      assertThat(c.withdrawalReason()).isEqualTo("Non-conformité INS 2.1 non corrigée");
    });
    assertThatThrownBy(() -> records.withdraw("CC-1", "encore", ISSUED)).isInstanceOf(BadInputException.class);
  }

  @Test
  void shouldTellALapsedProvisionalCertificateFromAWithdrawnOne() {
    // Bad inputs: a provisional certificate withdrawn by an audit before its last day, and on its last day at 23:30
    // (Paris); a final certificate (no last day) withdrawn; a lapse followed by a newer certificate then withdrawn
    String provisional = DeviceRecords.ANS_REFERENTIAL + " — certificat provisoire (ETAPES)";
    LocalDate lastDay = LocalDate.of(2027, 3, 2);
    records.certificateIssued(CARDIO, "CP-1", provisional, "2025", ISSUED, lastDay, "D-1", "pi-1", "generic-line");
    // the lapse step runs at midnight after the last day, Paris time (23:00 UTC in winter)
    records.lapsed("CP-1", "caduc, la preuve de la conformité n’a pas été apportée au plus tard le 2 mars 2027",
        Instant.parse("2027-03-02T23:00:05Z"));
    records.certificateIssued(PULSE, "CP-2", provisional, "2025", ISSUED, lastDay, "D-2", "pi-2", "generic-line");
    records.withdraw("CP-2", "Non-conformité INS 2.1 non corrigée", Instant.parse("2027-03-02T22:30:00Z"));

    Device cardio = records.ofCompanies(List.of("vendor-medisoft")).get(0);
    Device pulse = records.ofCompanies(List.of("vendor-telecardio")).get(0);
    assertThat(cardio.certificates().get(0).lapsed()).isTrue();
    assertThat(cardio.withoutCertificateByLapse()).isTrue();
    assertThat(pulse.certificates().get(0).lapsed()).as("withdrawn on its last day, 23:30 in Paris").isFalse();
    assertThat(pulse.withoutCertificateByLapse()).isFalse();

    // a newer final certificate, withdrawn by an audit: the device is without one because of that withdrawal
    records.certificateIssued(CARDIO, "CC-3", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED.plusSeconds(86_400 * 200),
        null, "D-3", "pi-3", "ans-certification");
    records.withdraw("CC-3", "Audit : non-conformité", Instant.parse("2027-07-01T08:00:00Z"));
    Device after = records.ofCompanies(List.of("vendor-medisoft")).get(0);
    assertThat(after.certificates()).filteredOn(c -> c.number().equals("CC-3")).singleElement()
        .satisfies(c -> assertThat(c.lapsed()).isFalse());
    assertThat(after.withoutCertificateSince()).contains(Instant.parse("2027-07-01T08:00:00Z"));
    assertThat(after.withoutCertificateByLapse()).isFalse();
  }

  @Test
  void shouldRefuseADeviceWithoutItsCompanyOrName() {
    assertThatThrownBy(() -> new DeviceFacts(null, "X", "CardioWatch", "1", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeviceFacts("vendor-medisoft", "X", " ", "1", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldWriteTheProfilesAsAPersonReadsThem() {
    assertThat(DeviceFactsOf.readable("RI,SOCLE")).isEqualTo("RI, SOCLE");
    assertThat(DeviceFactsOf.readable("[\"SOCLE\",\"RI\"]")).isEqualTo("SOCLE, RI");
    assertThat(DeviceFactsOf.readable("[]")).isEmpty();
  }
}
