package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Wrong passwords slow down the address they come from, not the account: an attacker at one address typing
 * ana's name cannot keep ana, at another address, out; the attacker is refused without any password being
 * checked; a spray over many accounts from one address stops that address.
 */
class LoginThrottleTest {

  static final String ATTACKER = "203.0.113.66";
  static final String ANA_AT_THE_ANS = "198.51.100.7";

  MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
  LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofHours(1), Duration.ofHours(24), clock);
  AtomicInteger passwordsChecked = new AtomicInteger();

  /** The engine behind: only ana:right is a right password. */
  FilterChain engine = (request, response) -> {
    passwordsChecked.incrementAndGet();
    String header = ((MockHttpServletRequest) request).getHeader("Authorization");
    boolean right = header != null && header.equals(basic("ana", "right"));
    ((HttpServletResponse) response).setStatus(right ? 200 : 401);
  };

  MockHttpServletResponse call(String address, String user, String password) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
    request.setRemoteAddr(address);
    request.addHeader("Authorization", basic(user, password));
    MockHttpServletResponse response = new MockHttpServletResponse();
    throttle.doFilter(request, response, engine);
    return response;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldNeverLockAnaOutWhateverAnAttackerTriesElsewhere() throws Exception {
    for (int i = 0; i < 200; i++) {
      call(ATTACKER, "ana", "guess-" + i);
      clock.advance(Duration.ofSeconds(8));
    }
    assertThat(call(ANA_AT_THE_ANS, "ana", "right").getStatus()).isEqualTo(200);
  }

  @Test
  void shouldLetTheRightPasswordThroughRightAfterAWrongOne() throws Exception {
    assertThat(call(ANA_AT_THE_ANS, "ana", "typo").getStatus()).isEqualTo(401);
    assertThat(call(ANA_AT_THE_ANS, "ana", "right").getStatus()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAGuesserAfterFiveWrongPasswordsWithoutCheckingAndSaySo() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(call(ATTACKER, "ana", "guess-" + i).getStatus()).isEqualTo(401);
    }
    int checked = passwordsChecked.get();

    MockHttpServletResponse refused = call(ATTACKER, "ana", "right");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
    assertThat(refused.getContentAsString()).contains("Trop de mots de passe erronés depuis votre adresse pour"
        + " « ana » : réessayez dans 60 secondes. Rien n’a été vérifié").contains("Too many wrong passwords from your"
        + " address for 'ana': try again in 60 seconds. Nothing was checked");
    assertThat(passwordsChecked.get()).as("not even the right password is checked").isEqualTo(checked);
  }

  @Test
  void shouldDoubleTheWaitWithEachFurtherWrongPasswordUpToAnHour() throws Exception {
    for (int i = 0; i < 5; i++) {
      call(ATTACKER, "ana", "guess-" + i);
    }
    for (int wait : new int[] {1, 2, 4, 8, 16, 32, 60, 60}) {
      clock.advance(Duration.ofMinutes(wait).minusSeconds(1));
      assertThat(call(ATTACKER, "ana", "guess").getStatus()).as("still waiting %d minutes", wait).isEqualTo(429);
      clock.advance(Duration.ofSeconds(1));
      assertThat(call(ATTACKER, "ana", "guess").getStatus()).isEqualTo(401);
    }
  }

  @Test
  void shouldStopAnAddressThatSpraysManyAccounts() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(call(ATTACKER, "user" + i, "guess").getStatus()).isEqualTo(401);
    }
    assertThat(call(ATTACKER, "ana", "right").getStatus()).isEqualTo(429);
    assertThat(call(ANA_AT_THE_ANS, "ana", "right").getStatus()).isEqualTo(200);
  }

  @Test
  void shouldForgetOldFailuresAndClearTheCountOnTheRightPassword() throws Exception {
    for (int i = 0; i < 4; i++) {
      call(ANA_AT_THE_ANS, "ana", "typo");
    }
    assertThat(call(ANA_AT_THE_ANS, "ana", "right").getStatus()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(call(ANA_AT_THE_ANS, "ana", "typo").getStatus()).as("the count started again").isEqualTo(401);
    }
    clock.advance(Duration.ofHours(25));
    assertThat(call(ANA_AT_THE_ANS, "ana", "typo").getStatus()).isEqualTo(401);
    assertThat(call(ANA_AT_THE_ANS, "ana", "right").getStatus()).isEqualTo(200);
  }

  @Test
  void shouldThrottleTheWebappSignInFormToo() throws Exception {
    FilterChain login = (request, response) -> ((HttpServletResponse) response).setStatus(
        "right".equals(request.getParameter("password")) ? 200 : 401);
    for (int i = 0; i < 6; i++) {
      MockHttpServletRequest request = new MockHttpServletRequest("POST",
          "/camunda/api/admin/auth/user/default/login/tasklist");
      request.setRemoteAddr(ATTACKER);
      request.setParameter("username", "ana");
      request.setParameter("password", "guess");
      MockHttpServletResponse response = new MockHttpServletResponse();
      throttle.doFilter(request, response, login);
      assertThat(response.getStatus()).isEqualTo(i < 5 ? 401 : 429);
    }
  }

  @Test
  void shouldKeepItsMemoryBoundedWhenAGuesserSpraysMadeUpNames() throws Exception {
    for (int i = 0; i < LoginThrottle.MAX_KEYS + 5_000; i++) {
      call("198.18." + (i / 250 % 250) + "." + (i % 250), "nobody" + i, "guess");
    }
    assertThat(throttle.counted()).isLessThanOrEqualTo(LoginThrottle.MAX_KEYS + 1);
  }

  @Test
  void shouldLeaveRequestsWithoutPasswordAlone() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/app/tasklist/");
    request.setRemoteAddr(ATTACKER);
    assertThat(LoginThrottle.account(request)).isNull();
    MockHttpServletRequest garbage = new MockHttpServletRequest("GET", "/engine-rest/task");
    garbage.addHeader("Authorization", "Basic ###");
    assertThat(LoginThrottle.account(garbage)).as("an undecodable header counts as a failure of no name").isEmpty();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
