package fr.parcours.pecan;

import fr.parcours.dossier.Dossier;
import fr.parcours.dossier.Dossiers;
import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Decisions that reach a PECAN dossier from outside Tasklist (the ministers' acknowledgement of receipt, the
 * CNEDiMTS opinion, as Sésame reports them). Each is taken only when the dossier waits for it: an opinion
 * before the acknowledgement, or a second acknowledgement, is refused with a message and changes nothing.
 * The step is completed as the calling user, so the engine's authorizations apply.
 */
@Service
public class PecanDesk {

  private final ProcessEngine engine;
  private final TaskService tasks;
  private final FormService forms;
  private final Dossiers dossiers;

  PecanDesk(ProcessEngine engine, TaskService tasks, FormService forms, Dossiers dossiers) {
    this.engine = engine;
    this.tasks = tasks;
    this.forms = forms;
    this.dossiers = dossiers;
  }

  public void acknowledge(String dossierId, LocalDate date, String reference) {
    Map<String, Object> form = new HashMap<>();
    form.put("acknowledgementDate", date == null ? null : date.toString());
    form.put("acknowledgementReference", reference);
    complete(dossierId, "Task_SendAcknowledgement", "un accusé de réception", "an acknowledgement of receipt", form);
  }

  public void recordOpinion(String dossierId, String decision, String comment) {
    Map<String, Object> form = new HashMap<>();
    form.put("cnedimtsDecision", decision);
    form.put("cnedimtsComment", comment);
    complete(dossierId, "Task_ExamineApplication", "l’avis de la CNEDiMTS", "the CNEDiMTS opinion", form);
  }

  private void complete(String dossierId, String taskKey, String quoi, String what, Map<String, Object> form) {
    Dossier dossier = dossiers.running(dossierId)
        .filter(d -> PecanProcess.KEY.equals(engine.getRepositoryService()
            .getProcessDefinition(d.root().getProcessDefinitionId()).getKey()))
        .orElseThrow(() -> new BadInputException("Aucun dossier PECAN en cours ne porte le numéro « " + dossierId
            + " » : vérifiez le numéro (DMN-aaaa-xxxxx) dans Tasklist. (No running PECAN dossier is numbered '"
            + dossierId + "': check the number (DMN-yyyy-xxxxx) in Tasklist.)"));
    String[] instances = dossier.processInstanceIds().toArray(String[]::new);
    Task step = engineLookup(() -> {
      Task task = tasks.createTaskQuery().processInstanceIdIn(instances).taskDefinitionKey(taskKey).singleResult();
      if (task == null) {
        List<String> waiting = tasks.createTaskQuery().processInstanceIdIn(instances).unlimitedList().stream()
            .map(Task::getName).toList();
        throw new BadInputException("Le dossier " + dossierId + " n’attend pas " + quoi + " ; rien n’a été"
            + " modifié. Il attend : " + (waiting.isEmpty() ? "le parcours ANS" : String.join(", ", waiting))
            + ". (Dossier " + dossierId + " is not waiting for " + what + "; nothing was changed. It is waiting"
            + " for: " + (waiting.isEmpty() ? "the ANS track" : String.join(", ", waiting)) + ".)");
      }
      return task;
    });
    forms.submitTaskForm(step.getId(), form);
  }

  private <T> T engineLookup(java.util.concurrent.Callable<T> lookup) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(lookup));
  }
}
