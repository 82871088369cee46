package fr.parcours.orientation;

import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.shared.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /orientation}: the vendor answers the orientation questions, reads the pathway that fits and the
 * prerequisites still missing, and starts the pathway from a link to its start form in Tasklist (only when its
 * process is deployed and no blocking prerequisite is missing). Nobody signed in is asked to sign in (401); a post
 * without the page's token is refused (403); answers missing or not yes/no are refused with the questions named
 * (400), the answers kept in the form.
 */
@Lazy
@Controller
class OrientationPage {

  static final String CSRF = "orientationCsrf";
  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;
  /** Tasklist opens a process's start form from this address (its "processStart" search parameter). */
  static final String START_LINK = "/camunda/app/tasklist/default/#/?processStart=";

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final Orientation orientation;

  OrientationPage(ProcessEngine engine, DossierBoard board, Orientation orientation) {
    this.engine = engine;
    this.board = board;
    this.orientation = orientation;
  }

  @GetMapping("/orientation")
  String form(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = viewer(request, response, locale, model);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("answers", Map.of());
    return page(request, model);
  }

  @PostMapping("/orientation")
  String orient(@RequestParam Map<String, String> answers, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    Viewer viewer = viewer(request, response, locale, model);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("answers", answers);
    if (!PageToken.matches(request, CSRF, answers.get("csrf"))) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("refusal", "orientation.refused.csrf");
      return page(request, model);
    }
    try {
      Orientation.Result result = orientation.orient(answers);
      model.addAttribute("result", result);
      model.addAttribute("startLink", result.startable() ? START_LINK + result.start() : null);
      model.addAttribute("startName", result.startable() ? tasklistName(result.start()) : null);
    } catch (BadInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", refused.getMessage());
    }
    return page(request, model);
  }

  /**
   * The name Tasklist's "Démarrer un processus" lists the pathway under, so that the link names what she will look for
   * there (walk 10: the page said « Inscription sous ligne générique », the list « Inscription sur une ligne générique »).
   */
  private String tasklistName(String processKey) {
    org.camunda.bpm.engine.repository.ProcessDefinition latest = engine.getRepositoryService()
        .createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult();
    return latest == null || latest.getName() == null ? processKey : latest.getName();
  }

  private String page(HttpServletRequest request, Model model) {
    model.addAttribute("questions", Orientation.QUESTIONS.keySet());
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    return "orientation/page";
  }

  private Viewer viewer(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    return SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, "/orientation");
  }
}
