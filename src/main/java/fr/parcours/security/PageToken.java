package fr.parcours.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token a page of Parcours puts in its forms, kept in the person's session: a form posted from another site
 * by the person's browser carries the session cookie but not the token, and is refused. One token per page kind
 * (the session attribute names it), made once per session.
 */
public final class PageToken {

  private static final SecureRandom RANDOM = new SecureRandom();

  private PageToken() {
  }

  /** The session's token under that attribute, made now if it has none. */
  public static String of(HttpServletRequest request, String attribute) {
    HttpSession session = request.getSession();
    Object token = session.getAttribute(attribute);
    if (token == null) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      session.setAttribute(attribute, token);
    }
    return token.toString();
  }

  /** Whether the posted token is the session's (compared in constant time); false without a session or token. */
  public static boolean matches(HttpServletRequest request, String attribute, String posted) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(attribute);
    return expected != null && posted != null && MessageDigest.isEqual(
        expected.toString().getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
  }
}
