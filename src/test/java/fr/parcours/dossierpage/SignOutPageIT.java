package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
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
import org.springframework.web.util.HtmlUtils;

/**
 * The last walk: the site menu had no way out. "Se déconnecter", at the end of the menu of every page of Parcours,
 * asks to confirm, then ends the session the webapps share. Tried: the form posted without the page's token (as
 * another site would post it), and the page asked by nobody signed in.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class SignOutPageIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  @Autowired TestRestTemplate rest;

  @Test
  void shouldSignOutFromTheMenuOnlyWithThePagesToken() {
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    String list = HtmlUtils.htmlUnescape(alice.page("/dossiers").getBody());
    assertThat(list).as("the menu of /dossiers").contains("<span class=\"user\">alice</span>")
        .contains("<a class=\"sign-out\" href=\"/deconnexion\">Se déconnecter</a>");

    ResponseEntity<String> confirm = alice.page("/deconnexion");
    assertThat(confirm.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(HtmlUtils.htmlUnescape(confirm.getBody())).contains("<title>Se déconnecter — Parcours</title>")
        .contains("Vous quitterez Parcours et Tasklist");

    // posted by another site: refused, still signed in
    ResponseEntity<String> forged = alice.submit("/deconnexion", Map.of("csrf", "0123abcd"));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(HtmlUtils.htmlUnescape(forged.getBody())).contains("La page a expiré");
    assertThat(alice.page("/dossiers").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(alice.get("/camunda/api/admin/auth/user/default").getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> out = PageForms.post(alice, "/deconnexion", "/deconnexion", Map.of(), true);
    assertThat(out.getStatusCode()).as("on to Tasklist's sign-in").isIn(HttpStatus.OK, HttpStatus.FOUND);
    ResponseEntity<String> after = alice.page("/dossiers");
    assertThat(after.getStatusCode()).as("signed out of Parcours' pages").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(alice.get("/camunda/api/admin/auth/user/default").getStatusCode()).as("and of the webapps")
        .isEqualTo(HttpStatus.NOT_FOUND);

    // nobody signed in: asked to sign in, no menu entry to sign out
    ResponseEntity<String> nobody = alice.page("/deconnexion");
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.getBody()).doesNotContain("class=\"sign-out\"");
  }
}
