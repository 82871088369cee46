package fr.parcours.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the engine's own checks leave open, closed by application access:
 * <ul>
 *   <li>The Cockpit and Admin plugin endpoints ({@code /camunda/api/cockpit/plugin/...},
 *   {@code /camunda/api/admin/plugin/...}) answer, out of the box, anyone signed in to any webapp. Here they
 *   answer only the users who may open that webapp: a vendor signed in to Tasklist gets no Cockpit query.</li>
 *   <li>Figures summed over every dossier: the process definition statistics (how many dossiers run and fail,
 *   whatever their company; the engine checks only that the caller may read the definition, which every vendor
 *   may, to start it) and the engine's metrics. Under {@code /engine-rest} and the webapps' engine API they
 *   answer only Cockpit's users (process owners, administrators).</li>
 * </ul>
 * And Camunda's first-administrator setup ({@code /camunda/api/admin/setup/...}), which lets whoever comes
 * first create an administrator while none exists, is closed: the administrator comes from the environment.
 * Refusals are 403 with the REST API's error shape and a sentence saying who may call the endpoint.
 */
class ApplicationAccessFilter extends OncePerRequestFilter {

  /** Webapp plugin endpoints: group 1 the webapp, group 2 the engine. */
  static final Pattern PLUGIN = Pattern.compile("^/camunda/api/(cockpit|admin)/plugin/[^/]+/([^/]+)(/.*)?$");
  /** Figures over every dossier, in the webapps' engine API (group 1 the engine) or in /engine-rest. */
  static final Pattern WEBAPP_FIGURES =
      Pattern.compile("^/camunda/api/engine/engine/([^/]+)/(process-definition/statistics/?|metrics(/.*)?)$");
  static final Pattern REST_FIGURES =
      Pattern.compile("^/engine-rest(/engine/[^/]+)?/(process-definition/statistics/?|metrics(/.*)?)$");

  /** Camunda's first-administrator setup, open to anyone while no administrator exists. */
  static final Pattern ADMIN_SETUP = Pattern.compile("^/camunda/api/admin/setup(/.*)?$");

  static final String COCKPIT = WebappSession.COCKPIT;
  static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;

  ApplicationAccessFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (ADMIN_SETUP.matcher(path).matches()) {
      refuse(response, "Parcours creates its first administrator from the environment (PARCOURS_ADMIN_USER and"
          + " PARCOURS_ADMIN_PASSWORD, 12 characters at least): set them and restart. The webapps' setup page,"
          + " which would let the first visitor become administrator, is closed.");
      return;
    }
    Matcher plugin = PLUGIN.matcher(path);
    Matcher webappFigures = WEBAPP_FIGURES.matcher(path);
    if (plugin.matches()) {
      String app = plugin.group(1);
      UserAuthentication user = WebappSession.user(request, plugin.group(2));
      if (user != null && !user.isAuthorizedForApp(app)) {
        refuse(response, "Only users of " + name(app) + " may call " + path + "; " + user.getIdentityId()
            + " may not open " + name(app) + ". An administrator grants access to it in Admin.");
        return;
      }
    } else if (webappFigures.matches()) {
      UserAuthentication user = WebappSession.user(request, webappFigures.group(1));
      if (user != null && !user.isAuthorizedForApp(COCKPIT)) {
        refuseFigures(response, path, user.getIdentityId());
        return;
      }
    } else if (REST_FIGURES.matcher(path).matches()) {
      // after the HTTP Basic filter, which has set the caller as the engine's current user
      Authentication caller = engine.getIdentityService().getCurrentAuthentication();
      if (caller == null || !mayOpenCockpit(caller.getUserId(), caller.getGroupIds())) {
        refuseFigures(response, path, caller == null ? "a caller without a user" : caller.getUserId());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private boolean mayOpenCockpit(String userId, List<String> groupIds) {
    return engine.getAuthorizationService().isUserAuthorized(userId, groupIds, Permissions.ACCESS,
        Resources.APPLICATION, COCKPIT);
  }

  private static void refuseFigures(HttpServletResponse response, String path, String userId) throws IOException {
    refuse(response, path + " sums up every company's dossiers: only users of Cockpit (process owners,"
        + " administrators) may call it, and " + userId + " is not one.");
  }

  private static String name(String app) {
    return Character.toUpperCase(app.charAt(0)) + app.substring(1);
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getWriter(), Map.of("type", "AuthorizationException", "message", message));
  }
}
