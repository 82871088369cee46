package fr.parcours.devicelife;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@code /referentials} as the webapps' signed-in users open it: everyone signed in reads the versions, only an
 * ANS reviewer publishes one, with the page's token; each refusal says why in French and stores nothing.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=referential-page")
@ActiveProfiles({"test", "demo"})
class ReferentialPageIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  @Autowired TestRestTemplate rest;
  @Autowired ReferentialVersions versions;

  ResponseEntity<String> publish(BrowserSession session, String version, String day, boolean withToken) {
    return publish(session, version, day, withToken, "no");
  }

  ResponseEntity<String> publish(BrowserSession session, String version, String day, boolean withToken,
      String opposable) {
    return PageForms.post(session, "/referentials", "/referentials", new LinkedHashMap<>(Map.of("version", version,
        "appliesFrom", day, "opposable", opposable)), withToken);
  }

  int published() {
    return versions.published(DeviceRecords.ANS_REFERENTIAL).size();
  }

  @Test
  void shouldLetOnlyAnAnsReviewerPublishWithThePagesTokenAndStoreNothingOtherwise() {
    String today = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(400).toString();
    int before = published();

    // a vendor reads the page, without the form, and its post is refused
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    assertThat(alice.page("/referentials").getBody()).contains("Versions du référentiel")
        .doesNotContain("Publier la version");
    ResponseEntity<String> byVendor = publish(alice, "2099", today, false); // the page gives her no token
    assertThat(byVendor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byVendor.getBody()).contains("Seuls les relecteurs de l’ANS publient une version du référentiel");

    // the HAS desk is a reviewer, not the ANS's
    assertThat(publish(BrowserSession.signedIn(rest, "hugo"), "2099", today, false).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    BrowserSession ana = BrowserSession.signedIn(rest, "ana");
    ResponseEntity<String> forged = publish(ana, "2099", today, false);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forged.getBody()).contains("La page a expiré");

    ResponseEntity<String> notADay = publish(ana, "2099", "demain", true);
    assertThat(notADay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notADay.getBody()).contains("« demain » n’est pas une date");
    // opposable, but the evidence catalogue does not describe it: its requirements are not known
    ResponseEntity<String> undescribed = publish(ana, "2099", today, true, "yes");
    assertThat(undescribed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(undescribed.getBody()).contains("La version « 2099 » est opposable, mais le catalogue des preuves ne la"
        + " décrit pas").contains("catalogue/evidence-catalogue.json").contains("aucun cycle n’a été ouvert");
    assertThat(published()).isEqualTo(before);

    // nobody signed in is asked to sign in
    assertThat(BrowserSession.anonymous(rest).page("/referentials").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    // the ANS reviewer publishes: a version not opposable, no cycle
    ResponseEntity<String> done = publish(ana, "2099", today, true);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("Version 2099 publiée").contains("restent conformes par évolutions techniques");
    assertThat(published()).isEqualTo(before + 1);
    // and the devices page says it
    assertThat(alice.page("/devices").getBody()).contains("La version 2099 du référentiel, non opposable");
  }
}
