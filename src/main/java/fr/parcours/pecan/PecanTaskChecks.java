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
      case "Task_SendAcknowledgement" -> required(task, "acknowledgementDate", "Date of the acknowledgement");
      case "Task_FileLpprApplication" -> {
        text(task, "lpprFilingReference", "LPPR filing reference");
        ticked(task, "lpprFiled", "the application for the LPPR is filed");
      }
      case "Task_FileLatmApplication" -> {
        text(task, "latmFilingReference", "LATM filing reference");
        ticked(task, "latmFiled", "the application for the LATM is filed");
      }
      // dossiers started before the HAS-side tracks had these steps in the PECAN diagram itself
      default -> tracks.notify(task);
    }
  }
}
