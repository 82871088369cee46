package fr.parcours.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/**
 * The forms of Parcours' own pages (devices, audits, referentials, orientation, ANS windows, dossier messages) as a
 * signed-in browser posts them: with the page token that the page's form carries, read on the page as the person
 * sees it, or without one, as another site's page would post it.
 */
public final class PageForms {

  /** What {@link #token} gives when the page carries no token (a page without a form for that person). */
  public static final String NONE = "none-on-the-page";

  private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

  private PageForms() {
  }

  /** The token the forms of the page at that path carry, for this session; {@link #NONE} when there is none. */
  public static String token(BrowserSession session, String page) {
    String body = session.page(page).getBody();
    Matcher token = TOKEN.matcher(body == null ? "" : body);
    return token.find() ? token.group(1) : NONE;
  }

  /**
   * Posts the fields to {@code action}, with the token read on {@code page} when {@code withToken} (field
   * {@code csrf}, after the others), as the page's form does.
   */
  public static ResponseEntity<String> post(BrowserSession session, String page, String action,
      Map<String, String> fields, boolean withToken) {
    Map<String, String> sent = new LinkedHashMap<>(fields);
    if (withToken) {
      sent.put("csrf", token(session, page));
    }
    return session.submit(action, sent);
  }
}
