package fr.parcours.devicelife;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.security.Roles;
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
 * {@code /referentials}: the versions of the ANS referential, as published, for everyone signed in; an ANS reviewer
 * publishes a new one there (its name, the day it applies from, opposable or not). Refused with a French sentence,
 * nothing stored: a post by anyone but an ANS reviewer (403), without the page's token (403), a version without a
 * name, already published, dated in the past or not after the one in force, a day that is not a date (400).
 */
@Lazy
@Controller
class ReferentialPage {

  static final String CSRF = "referentialCsrf";
  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final ReferentialVersions versions;
  private final ReferentialPublication publication;

  ReferentialPage(ProcessEngine engine, DossierBoard board, ReferentialVersions versions,
      ReferentialPublication publication) {
    this.engine = engine;
    this.board = board;
    this.versions = versions;
    this.publication = publication;
  }

  @GetMapping("/referentials")
  String page(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, "/referentials");
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("form", Map.of());
    return page(request, viewer, model);
  }

  @PostMapping("/referentials")
  String publish(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, "/referentials");
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("form", form);
    if (!SignedInPage.mayPost(viewer, Roles.ANS_REVIEWER, "Seuls les relecteurs de l’ANS publient une version du"
        + " référentiel : rien n’a été enregistré.", request, CSRF, form.get("csrf"), response, model)) {
      return page(request, viewer, model);
    }
    try {
      model.addAttribute("published", publication.publish(form.get("version"),
          SignedInPage.day(form.get("appliesFrom"), "Date d’application"), "yes".equals(form.get("opposable")),
          viewer.userId()));
      model.addAttribute("form", Map.of());
    } catch (BadInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", refused.getMessage());
    }
    return page(request, viewer, model);
  }

  private String page(HttpServletRequest request, Viewer viewer, Model model) {
    model.addAttribute("publishes", viewer.groupIds().contains(Roles.ANS_REVIEWER));
    model.addAttribute("referential", DeviceRecords.ANS_REFERENTIAL);
    model.addAttribute("versions", versions.published(DeviceRecords.ANS_REFERENTIAL));
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    return "referentials/page";
  }
}
