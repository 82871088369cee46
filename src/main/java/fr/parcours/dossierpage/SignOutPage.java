package fr.parcours.dossierpage;

import fr.parcours.security.PageToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Se déconnecter", the last entry of the site menu on every page of Parcours: {@code /deconnexion} asks to confirm,
 * and its form (with the page's token, so that another site cannot sign the person out) ends the session the
 * webapps and Parcours' pages share, then opens Tasklist's sign-in. The menu is one link, not a form: the pages that
 * share the menu carry no token of their own.
 */
@Lazy
@Controller
class SignOutPage {

  static final String PATH = "/deconnexion";
  static final String CSRF = "signOutCsrf";
  /** Where a person signed out goes: the webapps' sign-in. */
  static final String SIGNED_OUT = "/camunda/app/tasklist/default/#/login";

  private final ProcessEngine engine;
  private final DossierBoard board;

  SignOutPage(ProcessEngine engine, DossierBoard board) {
    this.engine = engine;
    this.board = board;
  }

  @GetMapping(PATH)
  String confirm(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    if (SignedInPage.viewer(request, response, model, locale, engine, board, SignedInPage.PAGE_WITHOUT_SCRIPT,
        PATH) == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    return "dossiers/sign-out";
  }

  @PostMapping(PATH)
  String signOut(@RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request,
      HttpServletResponse response, Locale locale, Model model) {
    if (SignedInPage.viewer(request, response, model, locale, engine, board, SignedInPage.PAGE_WITHOUT_SCRIPT,
        PATH) == null) {
      return SignedInPage.SIGN_IN;
    }
    if (!PageToken.matches(request, CSRF, csrf)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("expired", true);
      model.addAttribute("csrf", PageToken.of(request, CSRF));
      return "dossiers/sign-out";
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "redirect:" + SIGNED_OUT;
  }
}
