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
          "the Sésame account was requested from the HAS");
      case "Task_OpenSesameAccount" -> text(task, "sesameAccountId", "Sésame account id");
      case "Task_HoldHasMeeting" -> required(task, "hasMeetingDate", "Date of the meeting");
      case "Task_DepositSesameApplication" -> {
        text(task, "sesameReference", "Sésame file number");
        ticked(task, "sesameFiled", "the application is filed on Sésame");
        defaultFalse(task, "cnpCopySent");
      }
      case "Task_CheckSesameCompleteness" -> decision(task, "sesameCompleteness", Set.of("COMPLETE", "INCOMPLETE"),
          "COMPLETE", "sesameMissing", "what is missing (the vendor reads it)");
      case "Task_ExamineApplication" -> {
        decision(task, "cnedimtsDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "cnedimtsComment", "the opinion's reasons or the complements requested");
        lengthIfAsked(task, "cnedimtsDecision", "CNEDIMTS_COMPLEMENTS");
      }
      case "Task_ProvideCnedimtsComplements" -> text(task, "cnedimtsComplementsAnswer", "Your answer");
      case "Task_PublishOpinion" -> {
        ticked(task, "opinionPublished", "the opinion is published and sent to the vendor");
        if (Boolean.TRUE.equals(task.getVariable("telemonitoring"))) {
          ticked(task, "opinionSentToCnp", "the opinion was sent to the relevant CNPs (telemonitoring)");
        }
      }
      case "Task_EvaluateApplication" -> {
        decision(task, "ministersDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "ministersComment", "the reasons of the refusal or the information requested");
        lengthIfAsked(task, "ministersDecision", "MINISTERS_COMPLEMENTS");
      }
      case "Task_ProvideMinistersComplements" -> text(task, "ministersComplementsAnswer", "Your answer");
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
