package fr.parcours.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17: the published list of the individual codes allocated on generic lines, {@code /devices/codes.csv}, as the
 * signed-in users download it from {@code /devices}: French headers, formula cells neutralised, every company's codes
 * for the agencies (the CNAM first), a vendor's own codes only for a vendor, nothing for nobody signed in.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=published-codes")
@ActiveProfiles({"test", "demo"})
class PublishedCodesIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final Instant ALLOCATED = Instant.parse("2026-11-02T09:00:00Z");

  @Autowired TestRestTemplate rest;
  @Autowired DeviceRecords records;

  @BeforeEach
  void twoCompaniesCodes() {
    DeviceFacts cardio = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "SOCLE", null);
    records.registeredOnLine(cardio, "1100017", "Télésurveillance du diabète", LocalDate.of(2026, 11, 2),
        LocalDate.of(2031, 11, 1), "DMN-2026-GL001", "pi-gl-1", ALLOCATED);
    // a company whose name a spreadsheet would run as a formula
    DeviceFacts pulse = new DeviceFacts("vendor-telecardio", "=HYPERLINK(\"http://x\")", "PulseNote", "1.0", null,
        null);
    records.registeredOnLine(pulse, "1100018", "Télésurveillance de l’insuffisance cardiaque",
        LocalDate.of(2026, 11, 3), LocalDate.of(2031, 11, 2), "DMN-2026-GL002", "pi-gl-2", ALLOCATED);
    // a registration of another kind is not on the list
    records.registered(pulse, RegistrationKind.PECAN, null, LocalDate.of(2026, 11, 2), LocalDate.of(2027, 11, 1),
        "DMN-2026-GL003", "pi-gl-3", ALLOCATED);
  }

  String csv(String user) {
    ResponseEntity<byte[]> answer = BrowserSession.signedIn(rest, user).download("/devices/codes.csv");
    assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType().toString()).as(user).startsWith("text/csv");
    assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("codes-lignes-generiques.csv");
    return new String(answer.getBody(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldGiveTheAgenciesEveryCompanysCodesWithFrenchHeadersAndFormulasNeutralised() {
    for (String user : List.of("nadia", "marc", "ana", "paul", "admin")) {
      List<String> lines = csv(user).lines().toList();
      assertThat(lines).as(user).hasSize(3);
      assertThat(lines.get(0)).isEqualTo("\uFEFF\"Code individuel\";\"Ligne générique\";\"Entreprise\";\"Dispositif\";"
          + "\"Premier jour\";\"Dernier jour (inclus)\"");
      assertThat(lines.get(1)).isEqualTo("\"1100017\";\"Télésurveillance du diabète\";\"MediSoft SAS\";"
          + "\"CardioWatch 2.1\";\"2 novembre 2026\";\"1er novembre 2031\"");
      assertThat(lines.get(2)).as("the formula is written as text").startsWith("\"1100018\";")
          .contains(";\"'=HYPERLINK(\"\"http://x\"\")\";");
    }
  }

  @Test
  void shouldGiveAVendorItsOwnCodesOnly() {
    String alice = csv("alice");
    assertThat(alice).contains("1100017", "CardioWatch").doesNotContain("1100018").doesNotContain("PulseNote");
    String bruno = csv("bruno");
    assertThat(bruno).contains("1100018", "PulseNote").doesNotContain("1100017").doesNotContain("MediSoft");
  }

  @Test
  void shouldAskNobodySignedInToSignInAndLinkTheListFromTheDevicesPage() {
    ResponseEntity<byte[]> anonymous = BrowserSession.anonymous(rest).download("/devices/codes.csv");
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(new String(anonymous.getBody(), StandardCharsets.UTF_8)).contains("Connectez-vous")
        .doesNotContain("1100017");

    String devices = BrowserSession.signedIn(rest, "nadia").page("/devices").getBody();
    assertThat(devices).contains("href=\"/devices/codes.csv\"")
        .contains("Télécharger la liste publiée des codes individuels des lignes génériques (CSV)")
        .contains("Ligne générique").contains("1100017");
  }
}
