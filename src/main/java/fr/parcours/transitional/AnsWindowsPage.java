package fr.parcours.transitional;

import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.security.Roles;
import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows.Window;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /ans-windows}: the ANS certification windows and their phase today, for everyone signed in (a vendor sees
 * whether it applies for a transitional or a nominal candidature); an ANS reviewer records there the day a window's
 * nominal phase opens, with the published texts that open it. Refused with a French sentence, nothing stored: a post
 * by anyone but an ANS reviewer or without the page's token (403), an unknown window, a window whose day is already
 * known, no day or a day that is not one, a day before the transitional phase, no text named (400). An opening recorded
 * by mistake is corrected (day or texts) or withdrawn there too, with a reason, while no nominal candidature relies on
 * it ({@link NominalPhaseCorrection}); the page shows every correction and withdrawal with what it was, who, when and
 * why (a vendor reads "the ANS" for who). Refused the same way, and also: no reason, nothing changed, dossiers that
 * already rely on the opening (400).
 */
@Lazy
@Controller
class AnsWindowsPage {

  static final String CSRF = "ansWindowsCsrf";

  /** One window as the page shows it. */
  record Row(Window window, String mode, WindowPhases.Opening opening) {
  }

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final WindowPhases phases;
  private final NominalPhaseOpening opening;
  private final NominalPhaseCorrection correction;

  AnsWindowsPage(ProcessEngine engine, DossierBoard board, WindowPhases phases, NominalPhaseOpening opening,
      NominalPhaseCorrection correction) {
    this.engine = engine;
    this.board = board;
    this.phases = phases;
    this.opening = opening;
    this.correction = correction;
  }

  @GetMapping("/ans-windows")
  String page(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = viewer(request, response, locale, model);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("form", Map.of());
    model.addAttribute("correction", Map.of());
    return page(request, viewer, model);
  }

  @PostMapping("/ans-windows")
  String open(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    return post(form, "form", "opened", "Seuls les instructeurs de l’ANS enregistrent l’ouverture de la phase"
        + " nominale d’un guichet : rien n’a été enregistré.", request, response, locale, model,
        viewer -> opening.open(form.get("window"), SignedInPage.day(form.get("opensOn"),
            "Ouverture de la phase nominale"), form.get("legalReference"), viewer.userId()));
  }

  @PostMapping("/ans-windows/correction")
  String correct(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    return post(form, "correction", "changed", "Seuls les instructeurs de l’ANS corrigent ou retirent l’ouverture de"
        + " la phase nominale d’un guichet : rien n’a été changé.", request, response, locale, model,
        viewer -> "withdraw".equals(form.get("action"))
            ? correction.withdraw(form.get("window"), form.get("reason"), viewer.userId())
            : correction.correct(form.get("window"), SignedInPage.day(form.get("opensOn"),
                "Ouverture de la phase nominale"), form.get("legalReference"), form.get("reason"), viewer.userId()));
  }

  /**
   * A post of one of the page's forms, by an ANS reviewer with the page's token: what its action did in the model
   * under {@code done}, or the refusal (403, 400) with the form's values kept under {@code formName}.
   */
  private String post(Map<String, String> form, String formName, String done, String notAllowed,
      HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
      Function<Viewer, Object> action) {
    Viewer viewer = viewer(request, response, locale, model);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("form", Map.of());
    model.addAttribute("correction", Map.of());
    model.addAttribute(formName, form);
    if (!SignedInPage.mayPost(viewer, Roles.ANS_REVIEWER, notAllowed, request, CSRF, form.get("csrf"), response,
        model)) {
      return page(request, viewer, model);
    }
    try {
      model.addAttribute(done, action.apply(viewer));
      model.addAttribute(formName, Map.of());
    } catch (BadInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", refused.getMessage());
    }
    return page(request, viewer, model);
  }

  private Viewer viewer(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    return SignedInPage.viewer(request, response, model, locale, engine, board, SignedInPage.PAGE_WITHOUT_SCRIPT,
        "/ans-windows");
  }

  private String page(HttpServletRequest request, Viewer viewer, Model model) {
    AnsWindows current = phases.current();
    LocalDate today = phases.today();
    List<Row> rows = current.windows().stream().map(w -> new Row(w, w.modeOn(today).name(),
        phases.opening(w.id()).orElse(null))).toList();
    model.addAttribute("rows", rows);
    model.addAttribute("today", today);
    model.addAttribute("toOpen", rows.stream().filter(r -> r.window().nominalOpensOn() == null)
        .map(Row::window).toList());
    model.addAttribute("toCorrect", rows.stream().filter(r -> r.opening() != null).toList());
    model.addAttribute("changes", phases.changes());
    model.addAttribute("labels", current.windows().stream().collect(java.util.stream.Collectors.toMap(
        Window::id, w -> "en".equals(viewer.locale().getLanguage()) ? w.labelEn() : w.label())));
    model.addAttribute("records", viewer.groupIds().contains(Roles.ANS_REVIEWER));
    model.addAttribute("maxReference", WindowPhases.MAX_REFERENCE);
    model.addAttribute("maxReason", WindowPhases.MAX_REASON);
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    return "ans-windows/page";
  }
}
