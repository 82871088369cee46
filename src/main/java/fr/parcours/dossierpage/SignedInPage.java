package fr.parcours.dossierpage;

import fr.parcours.security.PageToken;
import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * What Parcours' other pages in the dossier pages' frame (the devices, the orientation) do first: their security
 * headers, then the person signed in to the webapps, or a 401 and the sign-in page's model when nobody is.
 */
public final class SignedInPage {

  /** The content security policy of a page without script: its own styles and images, forms to itself. */
  public static final String PAGE_WITHOUT_SCRIPT = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
      + " form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  /** A sentence answered as plain text: its charset said, else a browser reads the UTF-8 French as Latin-1. */
  public static final org.springframework.http.MediaType TEXT = new org.springframework.http.MediaType(
      org.springframework.http.MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8);

  /** The view that asks to sign in (its model holds the path to come back to). */
  public static final String SIGN_IN = "dossiers/sign-in";

  private SignedInPage() {
  }

  /** The viewer signed in, with the page's headers set; null (401, model ready for {@link #SIGN_IN}) if none. */
  public static Viewer viewer(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
      ProcessEngine engine, DossierBoard board, String policy, String path) {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    UserAuthentication signedIn = WebappSession.user(request, engine.getName());
    if (signedIn == null || signedIn.getName() == null) {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      model.addAttribute("path", path);
      return null;
    }
    Viewer viewer = board.viewer(signedIn.getName(), locale);
    model.addAttribute("viewer", viewer);
    return viewer;
  }

  /**
   * Whether the person may post the page's form: a member of the group that acts there, with the page's token. When
   * not, the status is 403 and the model's {@code problem} says why in French: the page stores nothing.
   *
   * @param notAllowed the sentence for someone outside the group (it says that nothing was stored)
   */
  public static boolean mayPost(Viewer viewer, String group, String notAllowed, HttpServletRequest request,
      String tokenName, String token, HttpServletResponse response, Model model) {
    String problem = !viewer.groupIds().contains(group) ? notAllowed
        : !PageToken.matches(request, tokenName, token)
            ? "La page a expiré : rechargez-la, puis recommencez. Rien n’a été enregistré." : null;
    if (problem != null) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("problem", problem);
    }
    return problem == null;
  }

  /**
   * A day typed in a page's date field; null when the field is empty.
   *
   * @throws fr.parcours.shared.BadInputException in French, naming the field, when the text is not a date
   */
  public static java.time.LocalDate day(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new fr.parcours.shared.BadInputException(field + " : « " + text + " » n’est pas une date ; choisissez le"
          + " jour dans le calendrier (aaaa-mm-jj). Rien n’a été enregistré.");
    }
  }
}
