package fr.parcours.has;

import static fr.parcours.shared.TaskInputs.decision;
import static fr.parcours.shared.TaskInputs.defaultFalse;
import static fr.parcours.shared.TaskInputs.required;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.clock.Clocks;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the HAS-side tracks (Sésame filing, CNEDiMTS opinion, ministers'
 * decision) before it completes, whatever pathway calls them.
 */
@Component("hasTaskChecks")
public class HasTaskChecks implements TaskListener {

  private final Clocks clocks;

  HasTaskChecks(Clocks clocks) {
    this.clocks = clocks;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_RequestSesameAccount" -> ticked(task, "sesameAccountRequested",
          "Nous avons demandé notre compte Sésame à la HAS");
      case "Task_OpenSesameAccount" -> text(task, "sesameAccountId", "Identifiant du compte Sésame");
      case "Task_HoldHasMeeting" -> required(task, "hasMeetingDate", "Date de la réunion");
      case "Task_DepositSesameApplication" -> {
        text(task, "sesameReference", "Numéro de dossier Sésame");
        ticked(task, "sesameFiled", "La demande est déposée sur Sésame");
        defaultFalse(task, "cnpCopySent");
      }
      case "Task_CheckSesameCompleteness" -> decision(task, "sesameCompleteness", Set.of("COMPLETE", "INCOMPLETE"),
          "COMPLETE", "sesameMissing", "ce qui manque (l’industriel le lit)");
      case "Task_ExamineApplication" -> {
        decision(task, "cnedimtsDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "cnedimtsComment", "le résumé de l’avis ou les compléments demandés");
        lengthIfAsked(task, "cnedimtsDecision", "CNEDIMTS_COMPLEMENTS");
      }
      case "Task_ProvideCnedimtsComplements" -> text(task, "cnedimtsComplementsAnswer", "Votre réponse");
      case "Task_PublishOpinion" -> {
        ticked(task, "opinionPublished", "L’avis est publié sur le site de la HAS et envoyé à l’industriel par Sésame");
        if (Boolean.TRUE.equals(task.getVariable("telemonitoring"))) {
          ticked(task, "opinionSentToCnp", "Envoyé aux CNP concernés (télésurveillance)");
        }
      }
      case "Task_EvaluateApplication" -> {
        decision(task, "ministersDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "ministersComment", "les motifs du refus ou les informations demandées");
        lengthIfAsked(task, "ministersDecision", "MINISTERS_COMPLEMENTS");
      }
      case "Task_ProvideMinistersComplements" -> text(task, "ministersComplementsAnswer", "Votre réponse");
      default -> throw new IllegalStateException("No checks for task " + task.getTaskDefinitionKey());
    }
  }

  /**
   * Complements asked in a window whose length the agency sets for this pathway (brand name: at least 10 days):
   * the length given is refused, in French and naming the minimum, when it is missing or too short.
   */
  private void lengthIfAsked(DelegateTask task, String decisionVariable, String window) {
    if ("COMPLEMENTS".equals(task.getVariable(decisionVariable))) {
      clocks.checkAskedLength(task, window);
    }
  }
}
