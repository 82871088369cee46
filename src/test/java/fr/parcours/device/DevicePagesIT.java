package fr.parcours.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Issue 18, point 1, through {@code /devices} as the webapps' signed-in users open it: a vendor reads its own
 * company's devices, certificates and registrations and nothing of another company's; every reviewer group, the
 * process owner and the administrator read all; nobody signed in is asked to sign in. French first, English for
 * an English browser.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=device-pages")
@ActiveProfiles({"test", "demo"})
class DevicePagesIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final Instant ISSUED = Instant.parse("2026-11-02T09:00:00Z");

  @Autowired TestRestTemplate rest;
  @Autowired DeviceRecords records;

  @BeforeEach
  void twoCompaniesDevices() {
    DeviceFacts cardio = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "RI, SOCLE",
        "3760000000012");
    records.certificateIssued(cardio, "CC-DMN-2026-AAAAA", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
        "DMN-2026-AAAAA", "pi-a", "ans-certification");
    records.registered(cardio, RegistrationKind.BRAND_NAME, "JORF n° 0042", LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "DMN-2026-BBBBB", "pi-b", ISSUED);
    DeviceFacts pulse = new DeviceFacts("vendor-telecardio", "TéléCardio SARL", "PulseNote", "1.0", null, null);
    records.certificateIssued(pulse, "CC-DMN-2026-CCCCC", DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
        "DMN-2026-CCCCC", "pi-c", "ans-certification");
    records.registered(pulse, RegistrationKind.PECAN, null, LocalDate.of(2026, 11, 2), LocalDate.of(2027, 11, 1),
        "DMN-2026-DDDDD", "pi-d", ISSUED);
  }

  ResponseEntity<String> page(String user) {
    return BrowserSession.signedIn(rest, user).page("/devices");
  }

  @Test
  void shouldShowAVendorItsCompanysDevicesCertificatesAndRegistrationsWithTheirDates() {
    ResponseEntity<String> alice = page("alice");
    assertThat(alice.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(alice.getBody()).contains("Mes dispositifs et certificats").contains("CardioWatch", "version 2.1")
        .contains("CC-DMN-2026-AAAAA").contains("2 novembre 2026").contains("version 2025")
        .contains("Nom de marque").contains("JORF n° 0042").contains("19 novembre 2031")
        .contains("href=\"/dossiers/DMN-2026-AAAAA\"").contains("3760000000012");
    // the profiles as the candidature form names them, in its order, never their codes (the records keep "RI, SOCLE")
    assertThat(alice.getBody()).contains("Exigences de base (tout dispositif), Référentiel identité (RI)")
        .doesNotContain("SOCLE").doesNotContain(">RI<");
    assertThat(alice.getBody()).as("nothing of TéléCardio").doesNotContain("PulseNote")
        .doesNotContain("CC-DMN-2026-CCCCC").doesNotContain("TéléCardio").doesNotContain("DMN-2026-DDDDD");

    String bruno = page("bruno").getBody();
    assertThat(bruno).contains("PulseNote", "CC-DMN-2026-CCCCC", "Prise en charge anticipée (PECAN)",
        "1er novembre 2027");
    assertThat(bruno).doesNotContain("CardioWatch").doesNotContain("CC-DMN-2026-AAAAA").doesNotContain("JORF")
        .doesNotContain("MediSoft");
  }

  @Test
  void shouldSayThatTheRunningCycleCountsAsTheNewCandidatureOfAWithdrawnCertificate() {
    String number = "CC-DMN-2026-W" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
    DeviceFacts gluco = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "GlucoWatch", "1.0", "RI, SOCLE", null);
    records.certificateIssued(gluco, number, DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "DMN-2026-GGGGG",
        "pi-g", "ans-certification");
    records.cycleOpened(records.certificate(number).orElseThrow().deviceId(), number, "NEW_MODEL", null,
        "DMN-2026-HHHHH", "pi-h", ISSUED);
    records.withdraw(number, "Non-conformité INS 2 non corrigée", ISSUED.plusSeconds(3600));

    // the withdrawn certificate offers no new cycle: the one running is the new candidature, and the page says so
    assertThat(page("alice").getBody()).contains("Le cycle en cours (dossier DMN-2026-HHHHH) vaut nouvelle"
        + " candidature : il se poursuit.");
    assertThat(BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody())
        .contains("The running cycle (dossier DMN-2026-HHHHH) counts as the new application");
    assertThat(page("bruno").getBody()).doesNotContain(number).doesNotContain("DMN-2026-HHHHH");
  }

  /** The state cell of a device's registration, as the page writes it (the device named by a word of its own). */
  static String registrationState(String page, String device, String reference) {
    String section = page.substring(page.indexOf(device));
    section = section.substring(0, section.contains("</section>") ? section.indexOf("</section>") : section.length());
    Matcher row = Pattern.compile("<tr>\\s*<td>[^<]*</td>\\s*<td>"
        + Pattern.quote(reference) + "</td>.*?<td[^>]*registration-state[^>]*>([^<]*)</td>",
        Pattern.DOTALL).matcher(section);
    assertThat(row.find()).as("the row of " + reference + " in " + section).isTrue();
    return row.group(1).trim();
  }

  @Test
  void shouldSayThatARunningRegistrationHasNoCertificateSinceItsWithdrawalToTheVendorAndTheReviewers() {
    String word = UUID.randomUUID().toString().substring(0, 5).toUpperCase();
    DeviceFacts neuro = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "Neuro" + word, "1.0", "SOCLE", null);
    String number = "CC-DMN-2026-N" + word;
    records.certificateIssued(neuro, number, DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, "DMN-2026-N" + word,
        "pi-n" + word, "ans-certification");
    records.registered(neuro, RegistrationKind.BRAND_NAME, "JORF n° N" + word, LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "DMN-2026-O" + word, "pi-o" + word, ISSUED);
    // a registration whose order has ended stays "Terminée", withdrawn certificate or not
    records.registered(neuro, RegistrationKind.PECAN, "PECAN " + word, LocalDate.of(2025, 1, 2),
        LocalDate.of(2026, 1, 1), "DMN-2025-P" + word, "pi-p" + word, ISSUED);
    assertThat(registrationState(page("alice").getBody(), "Neuro" + word, "JORF n° N" + word)).isEqualTo("En cours");

    records.withdraw(number, "Non-conformité INS 2 non corrigée", Instant.parse("2026-12-03T10:00:00Z"));

    // the seeds do not end the registration at the withdrawal (the ministers' order set it), but every renewal or
    // new registration needs a certificate in force (000 "renew ... if my certificate of conformity is still
    // compliant"): the vendor and every reviewer read the same, with the day
    String said = "En cours selon la décision des ministres, mais sans certificat de conformité depuis le 3 décembre"
        + " 2026 (retiré) : la renouveler ou en demander une autre exige un nouveau certificat.";
    for (String user : List.of("alice", "ana", "odile", "marc")) {
      String body = page(user).getBody();
      assertThat(registrationState(body, "Neuro" + word, "JORF n° N" + word)).as(user).isEqualTo(said);
      assertThat(registrationState(body, "Neuro" + word, "PECAN " + word)).as(user).isEqualTo("Terminée");
    }
    assertThat(registrationState(BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody(),
        "Neuro" + word, "JORF n° N" + word)).startsWith("Current under the ministers’ decision, but without a"
        + " certificate of conformity since 3 December 2026");

    // a new certificate in force (a new cycle after the withdrawal): the registration rests on it again
    records.certificateIssued(neuro, number + "B", DeviceRecords.ANS_REFERENTIAL, "2025",
        Instant.parse("2026-12-04T10:00:00Z"), null, "DMN-2026-Q" + word, "pi-q" + word, "device-life");
    assertThat(registrationState(page("alice").getBody(), "Neuro" + word, "JORF n° N" + word)).isEqualTo("En cours");
  }

  @Test
  void shouldSayThatAProvisionalCertificateLapsedRatherThanWasWithdrawn() {
    String word = UUID.randomUUID().toString().substring(0, 5).toUpperCase();
    DeviceFacts gluco = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "Gluco" + word, "1.0", "SOCLE", null);
    String number = "CP-DMN-2026-G" + word;
    records.certificateIssued(gluco, number, DeviceRecords.ANS_REFERENTIAL + " — certificat provisoire (ETAPES)",
        "2025", ISSUED, LocalDate.of(2027, 3, 2), "DMN-2026-G" + word, "pi-g" + word, "generic-line");
    records.registered(gluco, RegistrationKind.GENERIC_LINE, "LG " + word, LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "DMN-2026-G" + word, "pi-g" + word, ISSUED);

    // the last day passed before the evidence conformed: the lapse step records it just after midnight in Paris
    records.lapsed(number, "caduc, la preuve de la conformité n’a pas été apportée au plus tard le 2 mars 2027",
        Instant.parse("2027-03-02T23:00:05Z"));

    String body = page("alice").getBody();
    assertThat(registrationState(body, "Gluco" + word, "LG " + word)).isEqualTo("En cours selon la décision des"
        + " ministres, mais sans certificat de conformité depuis le 3 mars 2027 (échu) : la renouveler ou en demander"
        + " une autre exige un nouveau certificat.");
    assertThat(body).contains("Échu le 3 mars 2027 : caduc, la preuve de la conformité n’a pas été apportée au plus"
        + " tard le 2 mars 2027");
    String english = BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody();
    assertThat(registrationState(english, "Gluco" + word, "LG " + word)).contains("since 3 March 2027 (expired)");
    assertThat(english).contains("Expired on 3 March 2027: caduc");
  }

  @Test
  void shouldShowTheProvisionalCertificateSupersededByTheFinalOneAndNeverLapsedAfterwards() {
    // Bad inputs: the lapse step running after the final certificate was issued (its timer fired before the outcome
    // reached the dossier), and the step that makes the provisional final running after its replacement
    String word = UUID.randomUUID().toString().substring(0, 5).toUpperCase();
    DeviceFacts gluco = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "Etapes" + word, "1.0", "SOCLE", null);
    records.certificateIssued(gluco, "CP-DMN-2026-E" + word, DeviceRecords.provisionalOf(DeviceRecords.ANS_REFERENTIAL),
        "2025", ISSUED, LocalDate.of(2027, 3, 2), "DMN-2026-E" + word, "pi-e" + word, "generic-line");
    records.registered(gluco, RegistrationKind.GENERIC_LINE, "LG E" + word, LocalDate.of(2026, 11, 20),
        LocalDate.of(2031, 11, 19), "DMN-2026-E" + word, "pi-e" + word, ISSUED);
    records.certificateIssued(gluco, "CC-DMN-2026-E" + word, DeviceRecords.ANS_REFERENTIAL, "2025",
        Instant.parse("2027-03-02T15:00:00Z"), null, "DMN-2026-E" + word, "pi-e-ans" + word, "ans-certification");
    records.lapsed("CP-DMN-2026-E" + word, "caduc, la preuve de la conformité n’a pas été apportée au plus tard le"
        + " 2 mars 2027", Instant.parse("2027-03-02T23:00:05Z"));
    records.becameFinal("CP-DMN-2026-E" + word);

    String body = page("alice").getBody();
    String section = body.substring(body.indexOf("Etapes" + word));
    section = section.substring(0, section.indexOf("</section>"));
    assertThat(section.split(">En vigueur<", -1)).as("one certificate in force: " + section).hasSize(2);
    assertThat(section).contains("Devenu définitif le 2 mars 2027 : remplacé par le certificat définitif CC-DMN-2026-E"
        + word + ", seul en vigueur").doesNotContain("Échu").doesNotContain("caduc");
    assertThat(registrationState(body, "Etapes" + word, "LG E" + word)).isEqualTo("En cours");
    assertThat(BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody())
        .contains("Became final on 2 March 2027: replaced by the final certificate CC-DMN-2026-E" + word);
  }

  @Test
  void shouldShowACertificateRenewedByACycleWithTheOneItRenews() {
    DeviceFacts cardio3 = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "3.0", "RI, SOCLE", null);
    records.certificateIssued(cardio3, "CC-DMN-2026-EEEEE", DeviceRecords.ANS_REFERENTIAL, "2027", ISSUED, null,
        "DMN-2026-EEEEE", "pi-e", "ans-certification");
    records.renews("CC-DMN-2026-EEEEE", "CC-DMN-2026-AAAAA");

    assertThat(page("alice").getBody()).contains("CC-DMN-2026-EEEEE").contains("(renouvelle CC-DMN-2026-AAAAA)")
        .contains("Démarrer un nouveau cycle de certification").contains("href=\"/referentials\"");
    assertThat(page("bruno").getBody()).doesNotContain("CC-DMN-2026-EEEEE");
  }

  @Test
  void shouldShowTheCertificationsRefusedWithTheirDateWhatAndReasonsToTheCompanyAndTheReviewersOnly() {
    DeviceFacts cardio = new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "RI, SOCLE", null);
    records.certificationRefused(cardio, "Exigences minimales de la ligne générique « Diabète »",
        "La preuve DIA 1.1.1 ne montre pas l’envoi des glycémies", Instant.parse("2026-11-20T10:00:00Z"),
        "DMN-2026-RRRRR", "pi-r-" + UUID.randomUUID());
    records.certificationRefused(cardio, DeviceRecords.ANS_REFERENTIAL + ", version 2027",
        "SEC 3.1.1 : aucun chiffrement au repos décrit", Instant.parse("2026-11-25T10:00:00Z"), "DMN-2026-SSSSS",
        "pi-s-" + UUID.randomUUID());

    String alice = page("alice").getBody();
    assertThat(alice).contains("Certifications refusées").contains("20 novembre 2026")
        .contains("Exigences minimales de la ligne générique « Diabète »")
        .contains("La preuve DIA 1.1.1 ne montre pas l’envoi des glycémies")
        .contains("href=\"/dossiers/DMN-2026-RRRRR\"").contains("25 novembre 2026")
        .contains(DeviceRecords.ANS_REFERENTIAL + ", version 2027").contains("SEC 3.1.1 : aucun chiffrement au repos");
    // the newest first
    assertThat(alice.indexOf("DMN-2026-SSSSS")).isLessThan(alice.indexOf("DMN-2026-RRRRR"));
    assertThat(page("bruno").getBody()).as("another company's refusals").doesNotContain("Certifications refusées")
        .doesNotContain("DIA 1.1.1").doesNotContain("DMN-2026-RRRRR");
    for (String reviewer : List.of("ana", "claire")) {
      assertThat(page(reviewer).getBody()).as(reviewer).contains("Certifications refusées")
          .contains("La preuve DIA 1.1.1 ne montre pas l’envoi des glycémies").contains("DMN-2026-SSSSS");
    }
    assertThat(BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody())
        .contains("Certifications refused").contains("Reasons");
  }

  @Test
  void shouldShowEveryReviewerGroupTheProcessOwnerAndTheAdministratorEveryCompany() {
    // odile: the ANS auditors, a reviewer group the compliance audit registers (ReviewerGroups)
    for (String user : List.of("ana", "odile", "hugo", "claire", "marc", "nadia", "paul", "admin")) {
      ResponseEntity<String> answer = page(user);
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).as(user).contains("Dispositifs et certificats des industriels")
          .contains("CardioWatch", "PulseNote", "MediSoft SAS", "TéléCardio SARL", "CC-DMN-2026-AAAAA",
              "CC-DMN-2026-CCCCC");
    }
  }

  @Test
  void shouldAskNobodySignedInToSignIn() {
    ResponseEntity<String> anonymous = BrowserSession.anonymous(rest).page("/devices");
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("Connectez-vous").doesNotContain("CardioWatch")
        .doesNotContain("PulseNote");
  }

  @Test
  void shouldWriteThePageInEnglishForAnEnglishBrowser() {
    String english = BrowserSession.signedIn(rest, "alice").page("/devices", "en-GB,fr;q=0.5").getBody();
    assertThat(english).contains("My devices and certificates").contains("Brand name").contains("19 November 2031")
        .contains("Base requirements (every device), Identity referential (RI)").doesNotContain("SOCLE")
        .doesNotContain("PulseNote");
  }

  @Test
  void shouldLetOnlyCompaniesAndAgenciesReadDevices() {
    assertThat(DevicePages.readsEveryCompany(List.of("ans-reviewer"))).isTrue();
    assertThat(DevicePages.readsEveryCompany(List.of("process-owner"))).isTrue();
    assertThat(DevicePages.readsEveryCompany(List.of("vendor-medisoft"))).isFalse();
    assertThat(DevicePages.readsEveryCompany(List.of())).isFalse();
    assertThat(DevicePages.readsEveryCompany(List.of("camunda-somebody"))).isFalse();
  }
}
