package fr.parcours.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.BrowserSession;
import fr.parcours.support.Dossiers;
import fr.parcours.support.ThisContextsEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo mailbox holds every company's mails: it opens for Cockpit's users (paul, admin) signed in to the
 * webapps, and refuses, with a sentence, a visitor who has not signed in and a vendor.
 */
@ExtendWith(ThisContextsEngine.class)
// the demo's own SMTP server, on a free port of its own (0: DemoMailboxPort chooses), receives the mails as in
// the demo
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parcours.demo.mailbox.enabled=true", "parcours.demo.mailbox.smtp-port=0"})
@ActiveProfiles({"test", "demo"})
class DemoMailboxPageIT {

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired DemoMailbox mailbox;

  @Test
  void shouldShowEveryMailToCockpitsUsersOnly() {
    Dossiers.applyAs(engine, "alice", "vendor-medisoft");

    ResponseEntity<String> anonymous = rest.getForEntity("/demo/mailbox", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("Connectez-vous d’abord à Cockpit").doesNotContain("medisoft.example");

    ResponseEntity<String> vendor = BrowserSession.signedIn(rest, "bruno").get("/demo/mailbox");
    assertThat(vendor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(vendor.getBody()).contains("la lisent, et bruno n’en est pas un").doesNotContain("medisoft.example");

    ResponseEntity<String> owner = BrowserSession.signedIn(rest, "paul").get("/demo/mailbox");
    assertThat(owner.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(owner.getBody()).as("the candidature's acknowledgement to A's contact").contains("medisoft.example")
        .contains("Boîte aux lettres de la démonstration").doesNotContain("Demo mailbox");
    // when it arrived, in Paris time as the dossier pages write times, not the server's UTC
    java.util.Date arrived = mailbox.mails().get(0).received();
    assertThat(owner.getBody()).contains(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
        .format(arrived.toInstant().atZone(java.time.ZoneId.of("Europe/Paris"))) + " (heure de Paris)");
    // walk 13: the same subject listed twice (the contact, the legal representative) read as one mail sent twice
    // until opened; each folded line names its recipient
    java.util.List<String> folded = java.util.regex.Pattern.compile("(?s)<summary>(.*?)</summary>")
        .matcher(owner.getBody()).results().map(found -> found.group(1).replaceAll("<[^>]+>", "")
            .replaceAll("\\s+", " ").trim()).toList();
    assertThat(folded).isNotEmpty();
    for (String line : folded) {
      DemoMailbox.Mail mail = mailbox.mails().stream().filter(m -> line.startsWith(m.number() + ". ")).findFirst()
          .orElseThrow();
      assertThat(line).isEqualTo(mail.number() + ". " + mail.subject() + " — à " + mail.to());
    }
  }
}
