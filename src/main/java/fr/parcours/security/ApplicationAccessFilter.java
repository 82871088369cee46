package fr.parcours.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
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
 *   <li>Signals and messages sent by hand ({@code POST /signal}, {@code POST /message}): out of the box a vendor
 *   broadcast a signal (204) and was answered in the engine's English; a step of Parcours waits for them from
 *   Parcours alone. Only administrators send one.</li>
 * </ul>
 * And Camunda's first-administrator setup ({@code /camunda/api/admin/setup/...}), which lets whoever comes
 * first create an administrator while none exists, is closed: the administrator comes from the environment.
 * Filtering the process definitions on incidents ({@code incidentMessageLike=...}) is Cockpit's too: the
 * engine joins every dossier's incidents, whose texts name dossiers and addresses, with a definition-level check.
 * The cases' endpoints (CMMN, which Parcours does not run) answer a French 404 where their missing tables answered 500.
 * Access is asked of the engine on each call, so a withdrawn grant counts at once.
 * Refusals are 403 with the REST API's error shape and a sentence saying who may call the endpoint.
 */
class ApplicationAccessFilter extends OncePerRequestFilter {

  /** Webapp plugin endpoints: group 1 the webapp, group 2 the engine. */
  static final Pattern PLUGIN = Pattern.compile("^/camunda/api/(cockpit|admin)/plugin/[^/]+/([^/]+)(/.*)?$");
  /** The engine API, in the webapps (group 2 the engine) or under /engine-rest; group 3 the resource path. */
  static final Pattern ENGINE_API =
      Pattern.compile("^(/camunda/api/engine/engine/([^/]+)|/engine-rest(?:/engine/[^/]+)?)(/.*)?$");
  /** Figures summed over every dossier. */
  static final Pattern FIGURES = Pattern.compile("^/(process-definition/statistics/?|metrics(/.*)?)$");
  /** The process definitions, which may be filtered on the texts of every dossier's incidents. */
  static final Pattern DEFINITIONS = Pattern.compile("^/process-definition(/count)?/?$");
  /**
   * Signals and messages sent by hand ({@code POST /signal}, {@code POST /message}): the steps of a dossier receive
   * them from Parcours itself, never from a person; only administrators, who repair, may send one.
   */
  static final Pattern SENT_BY_HAND = Pattern.compile("^/(signal|message)/?$");
  /**
   * The cases (CMMN), which Parcours does not run ({@code cmmnEnabled: false}, so their tables do not exist): their
   * queries answered anyone signed in a 500 "An exception occurred in the persistence layer", and a stack trace in
   * the log at each call.
   */
  static final Pattern CASES = Pattern.compile(
      "^/(case-instance|case-execution|history/case-instance|history/case-activity-instance|history/case-definition)"
          + "(/.*)?$");
  /** Camunda's first-administrator setup, open to anyone while no administrator exists. */
  static final Pattern ADMIN_SETUP = Pattern.compile("^/camunda/api/admin/setup(/.*)?$");

  static final String COCKPIT = WebappSession.COCKPIT;
  static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;

  ApplicationAccessFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Who asks: the webapps' signed-in user or the REST API's authenticated one. */
  private record Caller(String userId, List<String> groupIds) {
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (ADMIN_SETUP.matcher(path).matches()) {
      refuse(response, "Parcours crée son premier administrateur d’après l’environnement (PARCOURS_ADMIN_USER et"
          + " PARCOURS_ADMIN_PASSWORD, 12 caractères au moins) : définissez-les et redémarrez. La page d’installation"
          + " des webapps, qui ferait du premier visiteur un administrateur, est fermée. (Parcours creates its first"
          + " administrator from the environment (PARCOURS_ADMIN_USER and PARCOURS_ADMIN_PASSWORD, 12 characters at"
          + " least): set them and restart. The webapps' setup page, which would let the first visitor become"
          + " administrator, is closed.)");
      return;
    }
    Matcher plugin = PLUGIN.matcher(path);
    Matcher api = ENGINE_API.matcher(path);
    if (plugin.matches()) {
      String app = plugin.group(1);
      Caller caller = webappCaller(request, plugin.group(2));
      if (caller != null && !mayOpen(caller, app)) {
        refuse(response, "Seuls les utilisateurs de " + name(app) + " peuvent appeler " + path + " ; "
            + caller.userId() + " ne peut pas ouvrir " + name(app) + ". Un administrateur en donne l’accès dans"
            + " Admin. (Only users of " + name(app) + " may call " + path + "; " + caller.userId()
            + " may not open " + name(app) + ". An administrator grants access to it in Admin.)");
        return;
      }
    } else if (api.matches()) {
      String resource = api.group(3) == null ? "" : api.group(3);
      if (CASES.matcher(resource).matches()
          && (api.group(2) == null || webappCaller(request, api.group(2)) != null)) {
        // after the HTTP Basic filter under /engine-rest; in the webapps, a visitor is asked to sign in by them
        answer(response, HttpServletResponse.SC_NOT_FOUND, "InvalidRequestException", "Parcours ne tient aucun cas"
            + " (CMMN) : ses dossiers sont des instances de processus (BPMN), qu’on trouve sous /process-instance et"
            + " /history/process-instance, ou dans Tasklist. (Parcours runs no cases (CMMN): its dossiers are process"
            + " instances. Look for them under /process-instance and /history/process-instance.)");
        return;
      }
      Matcher byHand = SENT_BY_HAND.matcher(resource);
      if (byHand.matches() && "POST".equalsIgnoreCase(request.getMethod())) {
        Caller caller = api.group(2) != null ? webappCaller(request, api.group(2)) : restCaller();
        if (caller != null && (caller.groupIds() == null || !caller.groupIds().contains(Roles.ADMIN))) {
          refuse(response, byHand.group(1).equals("signal") ? sentByHand(caller.userId(), "un signal", "a signal")
              : sentByHand(caller.userId(), "un message", "a message"));
          return;
        }
      }
      boolean figures = FIGURES.matcher(resource).matches();
      boolean incidentTexts = DEFINITIONS.matcher(resource).matches() && filtersOnIncidents(request);
      if (figures || incidentTexts) {
        // /engine-rest: after the HTTP Basic filter, which has set the caller as the engine's current user
        Caller caller = api.group(2) != null ? webappCaller(request, api.group(2)) : restCaller();
        if ((api.group(2) == null && caller == null) || (caller != null && !mayOpen(caller, COCKPIT))) {
          String who = caller == null ? "a caller without a user" : caller.userId();
          String qui = caller == null ? "un appel sans utilisateur" : caller.userId();
          refuse(response, figures
              ? path + " fait la somme des dossiers de toutes les entreprises : seuls les utilisateurs de Cockpit"
                  + " (responsables des processus, administrateurs) peuvent l’appeler, et " + qui + " n’en est pas."
                  + " (" + path + " sums up every company's dossiers: only users of Cockpit (process owners,"
                  + " administrators) may call it, and " + who + " is not one.)"
              : "Filtrer les définitions de processus sur les incidents lit les incidents des dossiers de toutes les"
                  + " entreprises : seuls les utilisateurs de Cockpit (responsables des processus, administrateurs)"
                  + " le peuvent, et " + qui + " n’en est pas. (Filtering process definitions on incidents reads the"
                  + " incidents of every company's dossiers: only users of Cockpit (process owners, administrators)"
                  + " may, and " + who + " is not one.)");
          return;
        }
      }
      // a person's values: a form's required fields are judged on them (FormFieldsOnly)
      SentThroughTheEngineApi.during(() -> chain.doFilter(request, response));
      return;
    }
    chain.doFilter(request, response);
  }

  /** The refusal of a signal or a message sent by hand, in French first. */
  static String sentByHand(String userId, String quoi, String what) {
    return "Les étapes d’un dossier reçoivent leurs signaux et leurs messages de Parcours lui-même (un accusé de"
        + " réception, l’ouverture d’une phase), jamais d’une personne : « " + userId + " » ne peut pas envoyer "
        + quoi + " à la main. Faites avancer un dossier par les formulaires de ses tâches dans Tasklist ; un"
        + " administrateur répare un dossier. (A dossier's steps receive their signals and messages from Parcours"
        + " itself, never from a person: user '" + userId + "' may not send " + what + " by hand. Move a dossier on"
        + " through the forms of its tasks in Tasklist; an administrator repairs a dossier.)";
  }

  /** The user signed in to the webapps for that engine; null when nobody is (the webapps answer 401). */
  private static Caller webappCaller(HttpServletRequest request, String engineName) {
    UserAuthentication user = WebappSession.user(request, engineName);
    return user == null ? null : new Caller(user.getIdentityId(), user.getGroupIds());
  }

  private Caller restCaller() {
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    return current == null ? null : new Caller(current.getUserId(), current.getGroupIds());
  }

  private boolean mayOpen(Caller caller, String app) {
    return WebappSession.mayOpen(engine.getAuthorizationService(), caller.userId(), caller.groupIds(), app);
  }

  /** Any query parameter on incidents (incidentId, incidentType, incidentMessage, incidentMessageLike...). */
  private static boolean filtersOnIncidents(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
      if (name.trim().toLowerCase(Locale.ROOT).startsWith("incident")) {
        return true;
      }
    }
    return false;
  }

  private static String name(String app) {
    return Character.toUpperCase(app.charAt(0)) + app.substring(1);
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    answer(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", message);
  }

  private static void answer(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getWriter(), Map.of("type", type, "message", message));
  }
}
