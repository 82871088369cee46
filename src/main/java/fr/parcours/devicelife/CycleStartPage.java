package fr.parcours.devicelife;

import fr.parcours.device.DevicePaths;
import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.shared.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The actions of {@code /devices} on a certificate of the vendor's company: "Nouveau modèle ou gamme",
 * "Re-certifier", "Candidater à nouveau" start the certification cycle ({@link CycleStarts}) and land the vendor
 * on its first task in Tasklist, or on the dossier page when it has none yet. Refused, nothing started, back on
 * {@code /devices} with a French sentence above the devices: a post without the page's token, by someone who is not
 * a vendor, for another company's certificate, a withdrawn one renewed, one without a cycle possible (the sentences
 * of {@link RecertificationIntake} and {@link fr.parcours.device.CycleChoices}).
 */
@Lazy
@Controller
class CycleStartPage {

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final CycleStarts starts;

  CycleStartPage(ProcessEngine engine, DossierBoard board, CycleStarts starts) {
    this.engine = engine;
    this.board = board;
    this.starts = starts;
  }

  @PostMapping(DevicePaths.CYCLES)
  String start(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model, RedirectAttributes back) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board,
        SignedInPage.PAGE_WITHOUT_SCRIPT, DevicePaths.DEVICES);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    String problem;
    if (!PageToken.matches(request, DevicePaths.CYCLE_CSRF, form.get("csrf"))) {
      problem = "La page a expiré : rechargez-la, puis recommencez. Aucun cycle n’a été démarré.";
    } else if (!viewer.vendor()) {
      problem = "Seul l’industriel du dispositif démarre un nouveau cycle de certification : aucun cycle n’a été"
          + " démarré.";
    } else {
      try {
        CycleStarts.Started started = starts.start(viewer.userId(), viewer.groupIds(), form.get("certificate"),
            reason(form.get("reason")), form.get("newVersion"));
        return "redirect:" + started.firstTaskId().map(id -> DossierBoard.TASKLIST_TASK + id)
            .orElse("/dossiers/" + started.dossierId()); // the mail step has not run yet: the dossier says what next
      } catch (BadInputException refused) {
        problem = refused.getMessage();
      } catch (AuthorizationException refused) {
        problem = "Votre compte ne peut pas démarrer un cycle de certification : demandez à l’administrateur de"
            + " Parcours de vous en donner le droit. Aucun cycle n’a été démarré.";
      }
    }
    back.addFlashAttribute(DevicePaths.CYCLE_PROBLEM, problem);
    return "redirect:" + DevicePaths.DEVICES + "#cycle-problem";
  }

  private static Reason reason(String given) {
    try {
      return Reason.valueOf(given == null ? "" : given);
    } catch (IllegalArgumentException unknown) {
      throw new BadInputException("Choisissez l’une des actions du certificat : « Nouveau modèle ou gamme »,"
          + " « Re-certifier » ou « Candidater à nouveau ». Aucun cycle n’a été démarré.");
    }
  }
}
