package fr.parcours.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wrong passwords slow down the address they come from, never the account they aim at: a visitor who types
 * ana's name with wrong passwords cannot lock ana out, and a guesser still gets nowhere. Every way a password
 * reaches Parcours passes here (HTTP Basic on the REST API, the application's API and the evidence page; the
 * webapps' sign-in form). Once an address has given {@link #perAccount} wrong passwords for one account, that
 * account is refused to that address for 1 minute, then 2, 4... up to {@link #longest}, without the password
 * being checked at all; once an address has given {@link #perAddress} wrong passwords whatever the accounts,
 * the address is refused for every account the same way. A right password clears its address's count for
 * that account. The engine's own throttling, which delays and locks the account itself, is off
 * ({@code loginMaxAttempts}, {@code loginDelayBase} in {@code application.yml}). Counts live in this node's
 * memory and are forgotten after {@link #memory} without a failure.
 */
public class LoginThrottle extends OncePerRequestFilter {

  /** The most (account, address) and address counts kept at once. */
  static final int MAX_KEYS = 100_000;

  static final Pattern WEBAPP_LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");
  /**
   * A password change in the webapps, which checks the signed-in user's current password: group 1 the engine. Out of
   * the box whoever held a signed-in session (a browser left open) guessed the account's password there without end.
   */
  static final Pattern WEBAPP_CREDENTIALS =
      Pattern.compile("^/camunda/api/engine/engine/([^/]+)/user/[^/]+/credentials/?$");
  /** Set on the request when the REST API refused a password change for a wrong current password. */
  public static final String WRONG_CURRENT_PASSWORD = LoginThrottle.class.getName() + ".wrongCurrentPassword";

  final int perAccount;
  final int perAddress;
  final Duration longest;
  final Duration memory;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  /** How many counts are kept now (for the test that sprays names). */
  int counted() {
    return failures.size();
  }

  public LoginThrottle(int perAccount, int perAddress, Duration longest, Duration memory, Clock clock) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.longest = longest;
    this.memory = memory;
    this.clock = clock;
  }

  /** Wrong passwords counted for one key: how many, the last one, and until when the key is refused. */
  private record Failures(int count, Instant last, Instant refusedUntil) {
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String account = account(request);
    if (account == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    String pairKey = account + "\u0000" + address;
    String addressKey = "\u0000" + address;
    Instant now = clock.instant();
    Instant refusedUntil = later(refusedUntil(pairKey, now), refusedUntil(addressKey, now));
    if (refusedUntil != null) {
      refuse(response, account, refusedUntil, now);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
        || Boolean.TRUE.equals(request.getAttribute(WRONG_CURRENT_PASSWORD))) {
      failed(pairKey, perAccount, now);
      failed(addressKey, perAddress, now);
    } else if (response.getStatus() < 400 || response.getStatus() == HttpServletResponse.SC_FORBIDDEN
        || response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
      failures.remove(pairKey);
    }
  }

  /** The account a request signs in with, or null when it carries no password. */
  static String account(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
      String user = request.getParameter("username");
      return user == null ? "" : user;
    }
    Matcher credentials = WEBAPP_CREDENTIALS.matcher(path);
    if ("PUT".equals(request.getMethod()) && credentials.matches()) {
      // the current password checked is the signed-in user's; nobody signed in: the webapps answer 401 themselves
      UserAuthentication user = WebappSession.user(request, credentials.group(1));
      return user == null ? null : user.getIdentityId();
    }
    return null;
  }

  private Instant refusedUntil(String key, Instant now) {
    Failures known = failures.get(key);
    if (known == null) {
      return null;
    }
    if (known.last().plus(memory).isBefore(now)) {
      failures.remove(key, known);
      return null;
    }
    return known.refusedUntil() != null && known.refusedUntil().isAfter(now) ? known.refusedUntil() : null;
  }

  private void failed(String key, int allowed, Instant now) {
    if (failures.size() >= MAX_KEYS) {
      // a guesser spraying made-up names must not fill the memory: forget what has expired, then the oldest
      failures.values().removeIf(known -> known.last().plus(memory).isBefore(now));
      if (failures.size() >= MAX_KEYS) {
        failures.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(
            java.util.Comparator.comparing(Failures::last))).limit(MAX_KEYS / 10).map(java.util.Map.Entry::getKey)
            .toList().forEach(failures::remove);
      }
    }
    failures.compute(key, (k, known) -> {
      int count = known == null || known.last().plus(memory).isBefore(now) ? 1 : known.count() + 1;
      Instant until = null;
      if (count >= allowed) {
        long minutes = Math.min(longest.toMinutes(), 1L << Math.min(count - allowed, 20));
        until = now.plus(Duration.ofMinutes(minutes));
      }
      return new Failures(count, now, until);
    });
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static void refuse(HttpServletResponse response, String account, Instant until, Instant now)
      throws IOException {
    long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(seconds));
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String minutes = seconds < 90 ? seconds + " seconds" : ((seconds + 59) / 60) + " minutes";
    String minutesFr = seconds < 90 ? seconds + " secondes" : ((seconds + 59) / 60) + " minutes";
    String shown = account.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
    String message = "Trop de mots de passe erronés depuis votre adresse" + (account.isEmpty() ? "" : " pour « "
        + shown + " »") + " : réessayez dans " + minutesFr + ". Rien n’a été vérifié ; si vous avez oublié votre"
        + " mot de passe, demandez-en un nouveau à votre administrateur. (Too many wrong passwords from your address"
        + (account.isEmpty() ? "" : " for '" + shown + "'") + ": try again in " + minutes
        + ". Nothing was checked; if you forgot your password, ask your administrator to set a new one.)";
    response.getWriter().write("{\"type\":\"TooManyLoginFailures\",\"message\":\"" + message + "\"}");
  }
}
