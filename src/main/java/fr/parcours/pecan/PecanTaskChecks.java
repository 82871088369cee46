package fr.parcours.pecan;

import static fr.parcours.shared.TaskInputs.required;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.has.HasTaskChecks;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Checks what a person submits with a task of the PECAN diagram itself (the tracks it calls have their own). */
@Component("pecanTaskChecks")
class PecanTaskChecks implements TaskListener {

  private final HasTaskChecks tracks;

  PecanTaskChecks(HasTaskChecks tracks) {
    this.tracks = tracks;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_SendAcknowledgement" -> required(task, "acknowledgementDate", "Date de l’accusé de réception");
      case "Task_FileLpprApplication" -> {
        text(task, "lpprFilingReference", "Référence de la demande LPPR");
        ticked(task, "lpprFiled", "La demande d’inscription sur la LPPR est déposée");
      }
      case "Task_FileLatmApplication" -> {
        text(task, "latmFilingReference", "Référence de la demande LATM");
        ticked(task, "latmFiled", "La demande d’inscription sur la LATM est déposée");
      }
      // dossiers started before the HAS-side tracks had these steps in the PECAN diagram itself
      default -> tracks.notify(task);
    }
  }
}
