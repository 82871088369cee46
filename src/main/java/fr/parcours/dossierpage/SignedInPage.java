package fr.parcours.dossierpage;

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
}
