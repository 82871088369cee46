package fr.parcours.clock;

import fr.parcours.deadline.AskedLength;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * The bean {@code clocks} of a lean engine test: every window falls due on one fixed date, and what the diagram
 * and {@link ClockParseListener} ask of the clocks is recorded instead of done. It is a {@link Clocks}, so that the
 * application's own parse listener wires it as it wires the real one (pauses, closings, progress).
 */
public class ClockStub extends Clocks {

  private final Date due;
  /** The windows the diagram asked a date of, in order (due dates, timers, reminders, cycles). */
  public final List<String> windowsAsked = new ArrayList<>();
  /** What the parse listener's hooks were told, as "paused ANS_ANALYSIS at Task_ProvideComplements". */
  public final List<String> ledger = new ArrayList<>();

  public ClockStub(Date due) {
    super(null, null, "Europe/Paris");
    this.due = due;
  }

  @Override
  public Date due(DelegateExecution execution, String clockId) {
    windowsAsked.add(clockId);
    return due;
  }

  @Override
  public Date due(DelegateExecution execution, String clockId, String openedAtVariable) {
    windowsAsked.add(clockId + " from " + openedAtVariable);
    return due;
  }

  @Override
  public Date dueIf(DelegateExecution execution, String clockId, String appliesVariable) {
    windowsAsked.add(clockId + " if " + appliesVariable);
    return due;
  }

  @Override
  public Date reminder(DelegateExecution execution, String clockId) {
    windowsAsked.add("reminder " + clockId);
    return due;
  }

  @Override
  public Date lastMoment(DelegateExecution execution, String clockId) {
    windowsAsked.add("last moment " + clockId);
    return due;
  }

  @Override
  public Date lastMoment(DelegateExecution execution, String clockId, String openedAtVariable) {
    windowsAsked.add("last moment " + clockId + " from " + openedAtVariable);
    return due;
  }

  @Override
  public java.time.LocalDate lastDay(DelegateExecution execution, String clockId) {
    windowsAsked.add("last day " + clockId);
    return due.toInstant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
  }

  @Override
  public String cycle(DelegateExecution execution, String clockId) {
    windowsAsked.add("cycle " + clockId);
    return "R/" + due.toInstant() + "/P6M";
  }

  @Override
  public void reportOn(DelegateTask task, String clockId, String variable) {
    task.setVariableLocal(variable, "report of " + clockId);
  }

  /**
   * As the application's, from the deadlines table that the test deploys beside the track
   * ({@code bpmn/deadlines.dmn}), the row of the pathway the caller passes.
   */
  @Override
  public void offerAskedLength(DelegateTask task, String window) {
    RepositoryService repository = task.getProcessEngineServices().getRepositoryService();
    DecisionDefinition table = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DeadlineTable.DECISION_KEY).latestVersion().singleResult();
    try (InputStream in = repository.getDecisionModel(table.getId())) {
      Object pathway = task.getVariable("pathway");
      task.setVariablesLocal(AskedLength.formVariables(DeadlineTableReader.read(in.readAllBytes(), "lean")
          .require(window, pathway == null ? null : pathway.toString())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  void showLastDayOn(DelegateTask task, String clockId) {
    note("last day of", clockId, task.getTaskDefinitionKey());
  }

  @Override
  void showReminderOn(DelegateTask task, String clockId) {
    note("reminder day of", clockId, task.getTaskDefinitionKey());
  }

  @Override
  public void closeIfOpen(DelegateExecution execution, String clockId) {
    note("closed", clockId, execution.getCurrentActivityId());
  }

  @Override
  void windowClosed(DelegateExecution execution, String clockId) {
    note("closed", clockId, execution.getCurrentActivityId());
  }

  @Override
  void partEnded(DelegateExecution execution) {
    ledger.add("part ended at " + execution.getCurrentActivityId());
  }

  @Override
  void pauseWhileWaiting(DelegateExecution execution, String clockId) {
    note("paused", clockId, execution.getCurrentActivityId());
  }

  @Override
  void resumeAfterWaiting(DelegateExecution execution, String clockId) {
    note("resumed", clockId, execution.getCurrentActivityId());
  }

  @Override
  void dossierMoved(DelegateTask task) {
    ledger.add("moved by " + task.getTaskDefinitionKey());
  }

  private void note(String what, String clockId, String activityId) {
    ledger.add(what + " " + clockId + " at " + activityId);
  }
}
