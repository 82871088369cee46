package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.BrowserSession;
import fr.parcours.support.ThisContextsEngine;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Served over HTTPS (profile {@code https}), here behind a TLS proxy that says so with X-Forwarded-Proto: the
 * webapps' cookies go only over HTTPS and the browser is told to use nothing else (HSTS, a year, subdomains).
 * This context has no administrator (no demo, no PARCOURS_ADMIN_USER): Camunda's setup page, which would let
 * the first visitor create one, stays closed.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "https"})
class HttpsProfileIT {

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identity;

  @Test
  void shouldSendSecureCookiesAndHsts() {
    HttpHeaders proxied = new HttpHeaders();
    proxied.set("X-Forwarded-Proto", "https");
    ResponseEntity<String> page = rest.withRedirects(Redirects.DONT_FOLLOW).exchange(
        "/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(proxied), String.class);

    List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    assertThat(cookies).as("the webapps set their CSRF cookie").anyMatch(cookie -> cookie.startsWith("XSRF-TOKEN="));
    assertThat(cookies).as("every cookie only over HTTPS").allMatch(cookie -> cookie.contains("Secure"));
    assertThat(page.getHeaders().getFirst("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000; includeSubDomains");
  }

  /** Bad input: a visitor, with a valid CSRF token, asks the webapps' setup to make him administrator. */
  @Test
  void shouldNotLetAVisitorBecomeTheFirstAdministrator() {
    assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMIN).count()).as("no administrator yet").isZero();
    ResponseEntity<String> setup = BrowserSession.anonymous(rest).post("/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@example.org\"},"
            + "\"credentials\":{\"password\":\"a-long-secret-44\"}}");

    assertThat(setup.getStatusCode()).as(setup.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(setup.getBody()).contains("PARCOURS_ADMIN_USER");
    assertThat(identity.createUserQuery().userId("mallory").count()).as("no user created").isZero();
  }
}
