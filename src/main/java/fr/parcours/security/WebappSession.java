package fr.parcours.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** The user signed in to the Camunda webapps, as their session holds it, and the webapps they may open. */
public final class WebappSession {

  public static final String COCKPIT = "cockpit";

  private WebappSession() {
  }

  /** The user signed in for that engine, with the webapps they may open; null when nobody is. */
  public static UserAuthentication user(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
    return signedIn == null ? null : (UserAuthentication) signedIn.getAuthenticationForProcessEngine(engineName);
  }

  /** Asked of the engine now, not of the sign-in's cache: a withdrawn access counts at once. */
  public static boolean mayOpen(AuthorizationService authorizations, String userId, List<String> groupIds,
      String app) {
    return authorizations.isUserAuthorized(userId, groupIds, Permissions.ACCESS, Resources.APPLICATION, app);
  }
}
