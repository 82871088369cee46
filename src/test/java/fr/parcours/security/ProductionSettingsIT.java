package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Parcours as it runs in production (no demo profile): no default user or password, the administrator from
 * the environment, authorization checks on, Java serialization off, login throttling, no H2 console, the
 * REST API closed to anonymous callers, the webapps' CSRF protection on.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.admin.user=root", "parcours.admin.password=a-long-secret-42",
        "parcours.admin.email=exploitation@agence.example"})
@ActiveProfiles("test")
class ProductionSettingsIT {

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired ProductionAdministrator administrator;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired AuthorizationService authorizations;

  @Test
  void shouldCreateNoUserButTheAdministratorFromTheEnvironment() {
    assertThat(identity.createUserQuery().list()).extracting(user -> user.getId()).containsExactly("root");
    assertThat(identity.createGroupQuery().groupMember("root").list()).extracting(group -> group.getId())
        .containsExactly(Roles.ADMIN);
    assertThat(identity.createUserQuery().userId("root").singleResult().getEmail())
        .as("the incidents' mails have somewhere to go").isEqualTo("exploitation@agence.example");
    assertThat(identity.checkPassword("alice", "alice")).as("no demo user outside demo").isFalse();
  }

  @Test
  void shouldRunTheEngineWithItsProtectionsOn() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.getLoginMaxAttempts()).as("the engine locks no account (LoginThrottle instead)")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(configuration.getLoginDelayBase()).as("nor delays one").isZero();
    assertThat(configuration.getQueryMaxResultsLimit()).isEqualTo(2000);
  }

  /** Bad inputs: a list without maxResults, and a page of 2001; a page of 2000 is served. */
  @Test
  void shouldRefuseAQueryForMoreThan2000Rows() {
    TestRestTemplate root = rest.withBasicAuth("root", "a-long-secret-42");
    ResponseEntity<String> unbound = root.getForEntity("/engine-rest/history/process-instance", String.class);
    assertThat(unbound.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unbound.getBody()).contains("An unbound number of results is forbidden!")
        .contains("Une liste se demande par pages : ajoutez firstResult et maxResults (2000 au plus)");

    ResponseEntity<String> tooMany = root.getForEntity("/engine-rest/task?firstResult=0&maxResults=2001",
        String.class);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("Max results limit of 2000 exceeded!")
        .contains("Une page compte 2000 lignes au plus");

    assertThat(root.getForEntity("/engine-rest/task?firstResult=0&maxResults=2000", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /** No default left open: nothing is granted to every user, globally or through the "*" user. */
  @Test
  void shouldGrantNothingToEveryone() {
    assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL).count())
        .isZero();
    assertThat(authorizations.createAuthorizationQuery().userIdIn(Authorization.ANY).count()).isZero();
  }

  @Test
  void shouldNotServeTheH2Console() {
    assertThat(rest.getForEntity("/h2-console", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseAnonymousRestCallsAndServeTheAdministrator() {
    assertThat(rest.getForEntity("/engine-rest/user", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("root", "a-long-secret-42")
        .getForEntity("/engine-rest/user?maxResults=50", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /**
   * Bad input: wrong passwords. The right one, given at once after a wrong one, is accepted (an account is
   * never delayed or locked for what others type); after five wrong ones, the address that sent them is
   * refused (429, with when to try again) on the REST API and on the webapps' sign-in form alike, and the
   * account still opens for its owner elsewhere.
   */
  @Test
  void shouldSlowDownTheGuessersAddressAndNeverLockTheAccount() {
    User target = identity.newUser("throttled");
    target.setPassword("a-long-secret-43");
    identity.saveUser(target);

    try {
      TestRestTemplate wrong = rest.withBasicAuth("throttled", "guess");
      TestRestTemplate right = rest.withBasicAuth("throttled", "a-long-secret-43");
      assertThat(wrong.getForEntity("/engine-rest/user?maxResults=1", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(right.getForEntity("/engine-rest/user?maxResults=1", String.class).getStatusCode())
          .as("the right password, at once after a wrong one").isEqualTo(HttpStatus.OK);
      for (int i = 0; i < 5; i++) {
        assertThat(wrong.getForEntity("/engine-rest/user?maxResults=1", String.class).getStatusCode())
            .isEqualTo(HttpStatus.UNAUTHORIZED);
      }
      ResponseEntity<String> refused = right.getForEntity("/engine-rest/user?maxResults=1", String.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(429);
      assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("60");
      assertThat(refused.getBody()).contains("Too many wrong passwords from your address for 'throttled'");

      HttpHeaders form = new HttpHeaders();
      form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      ResponseEntity<String> signIn = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
          HttpMethod.POST, new HttpEntity<>("username=throttled&password=a-long-secret-43", form), String.class);
      assertThat(signIn.getStatusCode().value()).as("the sign-in form, from the same address").isEqualTo(429);

      assertThat(identity.checkPassword("throttled", "a-long-secret-43"))
          .as("the account itself is neither delayed nor locked").isTrue();
    } finally {
      identity.deleteUser("throttled");
    }
  }

  /** A guesser locked the administrator out (ten wrong passwords); restarting Parcours unlocks him. */
  @Test
  void shouldUnlockTheAdministratorFromTheEnvironmentAtStart() {
    jdbc.update("update ACT_ID_USER set ATTEMPTS_ = 10, LOCK_EXP_TIME_ = ? where ID_ = 'root'",
        java.sql.Timestamp.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
    TestRestTemplate root = rest.withBasicAuth("root", "a-long-secret-42");
    assertThat(root.getForEntity("/engine-rest/user?maxResults=1", String.class).getStatusCode())
        .as("locked out").isEqualTo(HttpStatus.UNAUTHORIZED);

    administrator.ensure(); // what a restart runs

    assertThat(root.getForEntity("/engine-rest/user?maxResults=1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldRefuseAWebappWriteWithoutItsCsrfToken() {
    HttpHeaders login = new HttpHeaders();
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
    assertThat(cookies).as("the webapp hands out a CSRF cookie").anyMatch(cookie -> cookie.startsWith("XSRF-TOKEN"));
    login.put(HttpHeaders.COOKIE, cookies.stream().map(cookie -> cookie.split(";")[0]).toList());

    ResponseEntity<String> withoutToken = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=root&password=a-long-secret-42", login), String.class);

    assertThat(withoutToken.getStatusCode()).as(withoutToken.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
