package fr.parcours.clock;

import fr.parcours.deadline.AskedLength;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.FrenchTimeLimits;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.RegulatoryDuration;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineRule.WhileWaiting;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import fr.parcours.shared.BadInputException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The regulatory clocks of the running dossiers: one per process instance and response window, with its
 * ledger of starts, pauses, resumes and restarts. Diagrams reach it as {@code clocks} in timer and due-date
 * expressions; pauses and progress are wired by {@link ClockParseListener}.
 *
 * <p>Camunda timers cannot pause, so when a clock pauses its armed timer is suspended (job only, never the
 * process instance) and when it resumes the timer gets the new due date; open tasks bound by the window
 * get it too.
 */
@Component("clocks")
public class Clocks {

  /** The task-local variable holding the task's time limit in French: "jusqu’au 2 avril 2026 inclus". */
  public static final String DUE_UNTIL = "dueUntil";
  /** The same in English: "until 2 April 2026 included". */
  public static final String DUE_UNTIL_EN = "dueUntilEn";
  /**
   * What a task that no window binds says in place of its time limit: its diagram states it in the task's
   * documentation (Tasklist's "Description" tab) and the task card shows it in the column "Échéance".
   */
  public static final String NO_DEADLINE = "Aucun délai réglementaire ne s’applique à cette étape.";
  /** The same in English. */
  public static final String NO_DEADLINE_EN = "No regulatory time limit applies to this step.";

  private final DeadlineCatalogue deadlines;
  private final ObjectProvider<ProcessEngine> engine;
  private final ZoneId zone;
  private final Map<String, Map<String, String>> timersByDefinition = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tasksByDefinition = new ConcurrentHashMap<>();

  Clocks(DeadlineCatalogue deadlines, ObjectProvider<ProcessEngine> engine,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.deadlines = deadlines;
    this.engine = engine;
    this.zone = ZoneId.of(zone);
  }

  // ---- used by the diagrams ----

  /** The due date of a window; opens it now if it is not open. */
  public Date due(DelegateExecution execution, String clockId) {
    Date[] due = new Date[1];
    privileged(() -> due[0] = Date.from(open(execution, clockId).read(now()).dueAt()));
    return due[0];
  }

  /**
   * The due date of a window opened by an earlier event, whose date the variable {@code openedAtVariable}
   * holds (the ANS analysis runs from the receipt of the complete evidence, not from the moment its timer is
   * armed); opens it at that date if it is not open, or now when the variable holds no date.
   */
  public Date due(DelegateExecution execution, String clockId, String openedAtVariable) {
    Date[] due = new Date[1];
    privileged(() -> {
      Instant openedAt = execution.getVariable(openedAtVariable) instanceof Date date ? date.toInstant() : now();
      due[0] = Date.from(open(execution, clockId, openedAt).read(now()).dueAt());
    });
    return due[0];
  }

  /**
   * The due date of a window that applies only to the dossiers whose variable {@code appliesVariable} is true
   * (the brand name's 70-day opinion, for an activity in anticipated coverage): opens it for them only. For the
   * others no window opens and none shows on the dossier page; the timer still falls on the day the window would
   * have had, where the diagram's gateway on that variable takes the path of the dossiers it does not apply to.
   */
  public Date dueIf(DelegateExecution execution, String clockId, String appliesVariable) {
    if (Boolean.TRUE.equals(execution.getVariable(appliesVariable))) {
      return due(execution, clockId);
    }
    Date[] due = new Date[1];
    privileged(() -> {
      Instant at = now();
      RegulatoryClock unopened = RegulatoryClock.notStarted(clockId, termsOf(execution, clockId, at));
      due[0] = Date.from(unopened.start(at, null).read(at).dueAt());
    });
    return due[0];
  }

  /**
   * The last day of a window, included (opens it now if it is not open): what mails and forms tell people,
   * "until 2 April 2026 included".
   */
  public LocalDate lastDay(DelegateExecution execution, String clockId) {
    LocalDate[] lastDay = new LocalDate[1];
    privileged(() -> lastDay[0] = open(execution, clockId).read(now()).lastDay());
    return lastDay[0];
  }

  /**
   * The last day of a window that passed somewhere in the dossier, never opening it: the pathway's own, or a track's
   * it called, ended or not (the CNEDiMTS track that ended when its complements lapsed). The dossier's parts are the
   * instances of the execution's root; the most recent last day of that row in them that passed (a repeating
   * window's cycle ended by its timer counts, {@link RegulatoryClock#passedLastDays}), or, when none has, the latest.
   * Null when the dossier never opened that window.
   */
  public LocalDate lastDayPassed(DelegateExecution execution, String clockId) {
    List<RegulatoryClock> found = new ArrayList<>();
    privileged(() -> {
      String root = ((ExecutionEntity) execution).getProcessInstance().getRootProcessInstanceId();
      var history = execution.getProcessEngineServices().getHistoryService();
      List<String> parts = new ArrayList<>();
      history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root).list()
          .forEach(part -> parts.add(part.getId()));
      parts.remove(execution.getProcessInstanceId());
      if (!parts.isEmpty()) {
        history.createHistoricVariableInstanceQuery().processInstanceIdIn(parts.toArray(String[]::new))
            .variableName(ClockStore.variableName(clockId)).disableCustomObjectDeserialization().list().stream()
            // the instance's own window, not a copy a task holds
            .filter(variable -> java.util.Objects.equals(variable.getExecutionId(), variable.getProcessInstanceId()))
            .map(variable -> stored(variable.getName(), variable.getValue()))
            .flatMap(Optional::stream)
            .forEach(found::add);
      }
      // this instance's own, as it stands in this transaction
      RegulatoryClock own = ClockStore.load(execution.getProcessInstance(), clockId);
      if (own != null) {
        found.add(own);
      }
    });
    Instant now = now();
    return found.stream().flatMap(clock -> clock.passedLastDays(now).stream()).max(LocalDate::compareTo)
        .orElse(found.stream().map(clock -> clock.read(now).lastDay()).filter(java.util.Objects::nonNull)
            .max(LocalDate::compareTo).orElse(null));
  }

  /**
   * The last day of a window opened by an earlier event, whose date the variable {@code openedAtVariable} holds
   * (the shortened hearing runs from the hearing request, though only the hearing's date says it is shortened);
   * opens it at that date if it is not open, or now when the variable holds no date.
   */
  public LocalDate lastDay(DelegateExecution execution, String clockId, String openedAtVariable) {
    LocalDate[] lastDay = new LocalDate[1];
    privileged(() -> {
      Instant openedAt = execution.getVariable(openedAtVariable) instanceof Date date ? date.toInstant() : now();
      lastDay[0] = open(execution, clockId, openedAt).read(now()).lastDay();
    });
    return lastDay[0];
  }

  /**
   * Closes a window that the dossier's path shows does not apply (a step decided it), if it is open; the dossier
   * page says at which step it closed.
   */
  public void closeIfOpen(DelegateExecution execution, String clockId) {
    privileged(() -> close(execution, clockId));
  }

  /**
   * The length of a window (opens it now if it is not open): the row's duration, or the length the agency gave
   * when it asked ("30 jours"), which a mail states beside the last day.
   */
  public RegulatoryDuration length(DelegateExecution execution, String clockId) {
    RegulatoryDuration[] length = new RegulatoryDuration[1];
    privileged(() -> length[0] = open(execution, clockId).terms().budget());
    return length[0];
  }

  /** The last second of a window's last day (23:59:59 Paris), for a date variable people read as that day. */
  public Date lastMoment(DelegateExecution execution, String clockId) {
    return Date.from(FrenchTimeLimits.lastMoment(lastDay(execution, clockId), zone));
  }

  /**
   * The last second of the last day of a window opened by an earlier event, whose date the variable
   * {@code openedAtVariable} holds (the brand name's decree, 120 days from the AR, which its AR mail announces):
   * opens it at that date if it is not open, as {@link #lastDay(DelegateExecution, String, String)} does.
   */
  public Date lastMoment(DelegateExecution execution, String clockId, String openedAtVariable) {
    return Date.from(FrenchTimeLimits.lastMoment(lastDay(execution, clockId, openedAtVariable), zone));
  }

  /** A repeating timer for a window: it first fires at the due date, then again every budget. */
  public String cycle(DelegateExecution execution, String clockId) {
    String[] cycle = new String[1];
    privileged(() -> {
      RegulatoryClock clock = open(execution, clockId);
      cycle[0] = "R/" + clock.read(now()).dueAt() + "/" + clock.terms().budget();
    });
    return cycle[0];
  }

  /** When the vendor is reminded: the window's due date less its "remind before" from the deadlines table. */
  public Date reminder(DelegateExecution execution, String clockId) {
    Date[] reminder = new Date[1];
    privileged(() -> reminder[0] = Date.from(remindAt(open(execution, clockId), pathwayOf(execution))));
    return reminder[0];
  }

  private Instant remindAt(RegulatoryClock clock, String pathway) {
    Instant due = clock.read(now()).dueAt();
    DeadlineRule rule = deadlines.current().find(clock.clockId(), pathway).orElse(null);
    if (rule == null || rule.reminderBefore() == null) {
      return due;
    }
    return due.atZone(zone).minus(rule.reminderBefore().period()).minus(rule.reminderBefore().time()).toInstant();
  }

  // ---- wired by the parse listener ----

  /**
   * A task whose due date names a window shows its last day in Tasklist: 23:59:59 (Paris) that day, not the
   * midnight after it when the window's timer fires.
   */
  void showLastDayOn(DelegateTask task, String clockId) {
    privileged(() -> {
      RegulatoryClock clock = ClockStore.load(holderOf(task.getExecution(), clockId), clockId);
      if (clock != null && clock.state() != ClockState.NOT_STARTED) {
        ClockReading reading = clock.read(now());
        task.setDueDate(lastMoment(reading));
        task.setVariablesLocal(untilVariables(reading.lastDay()));
      }
    });
  }

  /**
   * A task that no window binds but that Parcours reminds the vendor of (its follow-up date names a row whose law
   * sets no time limit, {@code PARCOURS_REMINDER}: the copy to the CNPs) says so where its time limit would be shown,
   * with the reminder's day, as the dossier page says it: "Aucun délai réglementaire ne s’applique à cette étape ;
   * rappel de Parcours le 10 décembre 2026." Tasklist shows the same day as the task's follow-up date, and no due
   * date, so that nobody reads the reminder as a regulatory deadline. A follow-up date naming a window the law sets
   * is no reminder of Parcours: the task then says what any task without a window says.
   */
  void showReminderOn(DelegateTask task, String clockId) {
    privileged(() -> {
      RegulatoryClock clock = ClockStore.load(holderOf(task.getExecution(), clockId), clockId);
      boolean reminder = deadlines.current().find(clockId, pathwayOf(task.getExecution()))
          .map(DeadlineRule::parcoursReminder).orElse(false);
      ClockReading reading = clock == null ? null : clock.read(now());
      if (!reminder || task.getDueDate() != null || reading == null || reading.state() != ClockState.RUNNING
          || reading.dueAt() == null) {
        showNoDeadlineOn(task);
        return;
      }
      LocalDate remindOn = reading.dueAt().atZone(zone).toLocalDate();
      task.setFollowUpDate(Date.from(reading.dueAt()));
      task.setVariablesLocal(Map.of(DUE_UNTIL, noDeadline(remindOn, Locale.FRENCH),
          DUE_UNTIL_EN, noDeadline(remindOn, Locale.ENGLISH)));
    });
  }

  /**
   * What a task without a window says of its time limit, with the day Parcours reminds the vendor of it when there is
   * one (its follow-up date; null: none): "Aucun délai réglementaire ne s’applique à cette étape ; rappel de Parcours
   * le 10 décembre 2026." Tasklist's forms and every page that lists the task say it in these words.
   */
  public static String noDeadline(LocalDate remindOn, Locale language) {
    boolean english = Locale.ENGLISH.getLanguage().equals(language.getLanguage());
    if (remindOn == null) {
      return english ? NO_DEADLINE_EN : NO_DEADLINE;
    }
    return english
        ? NO_DEADLINE_EN.replaceFirst("\\.$", "") + "; Parcours reminder on " + LegalDates.date(remindOn, language) + "."
        : NO_DEADLINE.replaceFirst("\\.$", "") + " ; rappel de Parcours le " + LegalDates.date(remindOn, language) + ".";
  }

  /** A task that no window binds says so where its time limit would be shown ({@link #NO_DEADLINE}). */
  void showNoDeadlineOn(DelegateTask task) {
    if (task.getDueDate() == null) {
      task.setVariablesLocal(Map.of(DUE_UNTIL, NO_DEADLINE, DUE_UNTIL_EN, NO_DEADLINE_EN));
    }
  }

  /**
   * A task whose follow-up date is a day a person set (the hearing's, {@link TimeLimits#followsADaySet}) says, where
   * its time limit would be shown, that none applies and the day it is done from ({@link #fromDay}); without that
   * day (no hearing), that no time limit applies.
   */
  void showFromDayOn(DelegateTask task) {
    if (task.getDueDate() == null && task.getFollowUpDate() != null) {
      LocalDate from = task.getFollowUpDate().toInstant().atZone(zone).toLocalDate();
      task.setVariablesLocal(Map.of(DUE_UNTIL, fromDay(from, Locale.FRENCH), DUE_UNTIL_EN, fromDay(from, Locale.ENGLISH)));
    } else {
      showNoDeadlineOn(task);
    }
  }

  /**
   * What a task without a window says when it is done from a day a person set (its follow-up date, the hearing's
   * day): "Aucun délai réglementaire ne s’applique à cette étape ; à faire à partir du 24 décembre 2026."
   */
  public static String fromDay(LocalDate from, Locale language) {
    return Locale.ENGLISH.getLanguage().equals(language.getLanguage())
        ? NO_DEADLINE_EN.replaceFirst("\\.$", "") + "; to be done from " + LegalDates.date(from, language) + " on."
        : NO_DEADLINE.replaceFirst("\\.$", "") + " ; à faire à partir du " + LegalDates.date(from, language) + ".";
  }

  /**
   * The task-local variables a form shows its time limit with, written as mails write it: {@value #DUE_UNTIL}
   * ("jusqu’au 2 avril 2026 inclus") and {@value #DUE_UNTIL_EN} ("until 2 April 2026 included").
   */
  private static Map<String, Object> untilVariables(LocalDate lastDay) {
    return Map.of(DUE_UNTIL, LegalDates.until(lastDay, Locale.FRENCH),
        DUE_UNTIL_EN, LegalDates.until(lastDay, Locale.ENGLISH));
  }

  private Date lastMoment(ClockReading reading) {
    return Date.from(FrenchTimeLimits.lastMoment(reading.lastDay(), zone));
  }

  void windowClosed(DelegateExecution execution, String clockId) {
    privileged(() -> close(execution, clockId));
  }

  /**
   * A part of the dossier (a pathway or a track, one process instance) ended: every window it still holds open
   * closes with it, whichever element opened it, and says where the part ended ("Closed: Certificat délivré").
   * Nothing is left to count once its part is over: no task, no timer, nobody waits on it.
   */
  void partEnded(DelegateExecution execution) {
    privileged(() -> {
      VariableScope instance = execution.getProcessInstance();
      for (String name : instance.getVariableNamesLocal()) {
        if (holdsWindow(name)) {
          close(execution, name.substring(ClockStore.VARIABLE_PREFIX.length()));
        }
      }
    });
  }

  /**
   * Closes the window this part holds, never one a calling part holds and this part counts on ({@link #holderOf}):
   * the ministers' track ends its evaluation, but the decree's window the pathway opened at the AR runs on until the
   * pathway's order is published.
   */
  private void close(DelegateExecution execution, String clockId) {
    VariableScope instance = execution.getProcessInstance();
    RegulatoryClock clock = ClockStore.load(instance, clockId);
    if (clock != null && clock.state() != ClockState.STOPPED && clock.state() != ClockState.NOT_STARTED) {
      // a window counted back from a later date (the renewal's, from the registration's end) opened at that date
      Instant last = clock.ledger().get(clock.ledger().size() - 1).at();
      ClockStore.save(instance, clock.stop(now().isBefore(last) ? last : now(), "Closed: " + nameOf(execution)));
    }
  }

  void pauseWhileWaiting(DelegateExecution execution, String clockId) {
    // a track shared by pathways marks the wait; the row of the dossier's pathway says whether its window stops
    // meanwhile (the ministers' 60 days of a generic line are suspended) or runs on (PECAN's, the brand name's)
    if (deadlines.current().find(clockId, pathwayOf(execution))
        .map(rule -> rule.whileWaiting() == WhileWaiting.RUNS).orElse(false)) {
      return;
    }
    privileged(() -> change(execution, execution.getProcessEngineServices(), clockId,
        clock -> switch (clock.state()) {
          case RUNNING -> clock.pause(now(), "Waiting for the vendor: " + nameOf(execution), actor());
          default -> clock; // not open yet, already paused or closed: nothing to pause
        }));
  }

  void resumeAfterWaiting(DelegateExecution execution, String clockId) {
    privileged(() -> resume(execution, clockId));
  }

  private void resume(DelegateExecution execution, String clockId) {
    DeadlineRule rule = deadlines.rule(clockId, pathwayOf(execution));
    change(execution, execution.getProcessEngineServices(), clockId,
        clock -> {
          if (clock.state() != ClockState.PAUSED) {
            return clock;
          }
          RegulatoryClock resumed = clock.resume(now(), actor());
          return rule.whileWaiting() == WhileWaiting.RESTARTS
              ? resumed.restart(now(), "The vendor answered: " + nameOf(execution), actor())
              : resumed;
        });
  }

  /** A user task was completed: windows that restart with every move of the dossier start again. */
  void dossierMoved(DelegateTask task) {
    privileged(() -> restartOnProgress(task));
  }

  private void restartOnProgress(DelegateTask task) {
    // only the windows the table restarts can move: none in the table, nothing to read in the dossier
    DeadlineTable table = deadlines.current();
    if (table.restartingWindows().isEmpty()) {
      return;
    }
    DelegateExecution execution = task.getExecution();
    DelegateExecution instance = execution.getProcessInstance();
    for (String clockId : table.restartingWindows()) {
      if (!instance.hasVariableLocal(ClockStore.VARIABLE_PREFIX + clockId)) {
        continue; // the dossier has no such clock
      }
      Optional<DeadlineRule> rule = table.find(clockId, pathwayOf(instance));
      if (rule.isEmpty() || rule.get().whileWaiting() != WhileWaiting.RESTARTS) {
        continue;
      }
      change(instance, execution.getProcessEngineServices(), clockId, clock -> clock.state() == ClockState.RUNNING
          ? clock.restart(now(), "The dossier moved: '" + task.getName() + "' completed", actor())
          : clock);
    }
  }

  // ---- used by people, through the application's API ----

  /**
   * Pauses a window of a running dossier by hand, for a wait the diagram does not show; the armed timer
   * stops with it. Needs the right to update the process instance.
   *
   * @throws BadInputException when the dossier or window is unknown, or the clock cannot pause (already
   *     paused, stopped, never started); the ledger is then unchanged
   */
  public ClockReading pause(String processInstanceId, String clockId, String reason) {
    return byHand(processInstanceId, clockId, clock -> clock.pause(now(), reason, actor()));
  }

  /** Resumes a window paused by hand; the armed timer gets the due date moved by the pause. */
  public ClockReading resume(String processInstanceId, String clockId) {
    return byHand(processInstanceId, clockId, clock -> clock.resume(now(), actor()));
  }

  /** Starts a window again from zero, for a new event that the regulation says restarts it. */
  public ClockReading restart(String processInstanceId, String clockId, String reason) {
    return byHand(processInstanceId, clockId, clock -> clock.restart(now(), reason, actor()));
  }

  /** The windows of a running dossier, read as the engine (the caller checks who may see them). */
  public List<ClockReading> readings(String processInstanceId) {
    return commandExecutor().execute(context -> context.runWithoutAuthorization(() -> {
      ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
      return instance == null ? List.<ClockReading>of() : readings(instance);
    }));
  }

  private ClockReading byHand(String processInstanceId, String clockId, Change change) {
    return commandExecutor().execute(context -> {
      ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
      if (instance == null || !instance.isProcessInstanceExecution()) {
        throw new BadInputException("Aucun dossier en cours n’a l’id d’instance « " + processInstanceId
            + " » : vérifiez l’id dans Tasklist ou Cockpit. (No running dossier has the process instance id '"
            + processInstanceId + "': check the id in Tasklist or Cockpit.)");
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkUpdateProcessInstanceById(processInstanceId);
      }
      RegulatoryClock clock = ClockStore.load(instance, clockId);
      if (clock == null) {
        List<String> open = readings(instance).stream().map(ClockReading::clockId).toList();
        throw new BadInputException("Le délai " + clockId + " n’est pas ouvert dans ce dossier ; délais ouverts : "
            + (open.isEmpty() ? "aucun" : String.join(", ", open)) + ". (The window " + clockId + " is not open in"
            + " this dossier; open windows: " + open + ".)");
      }
      RegulatoryClock changed;
      try {
        changed = change.apply(clock);
      } catch (ClockStateException | IllegalArgumentException e) {
        throw new BadInputException("Le délai " + clockId + " ne peut pas être modifié ainsi. " + e.getMessage());
      }
      RegulatoryClock[] result = new RegulatoryClock[1];
      privileged(() -> {
        ClockStore.save(instance, changed);
        for (ExecutionEntity part : countingOn(instance, clockId)) {
          moveArmedTimers(part.getId(), part.getProcessDefinitionId(), instance.getProcessEngineServices(), changed,
              pathwayOf(part));
        }
        result[0] = changed;
      });
      return result[0].read(now());
    });
  }

  private CommandExecutor commandExecutor() {
    return ((ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  public List<ClockReading> readings(VariableScope instance) {
    List<ClockReading> readings = new ArrayList<>();
    Instant now = now();
    for (String name : instance.getVariableNamesLocal()) {
      if (name.startsWith(ClockStore.VARIABLE_PREFIX)) {
        readings.add(ClockStore.load(instance, name.substring(ClockStore.VARIABLE_PREFIX.length())).read(now));
      }
    }
    return readings;
  }

  /**
   * The window a dossier variable holds, when it is one ({@code clock_<WINDOW>}, as history keeps it too, for
   * a closed dossier): its ledger, to read or describe at any instant. Empty for any other variable.
   */
  public static Optional<RegulatoryClock> stored(String variableName, Object value) {
    if (!holdsWindow(variableName) || !(value instanceof String json)) {
      return Optional.empty();
    }
    return Optional.of(ClockStore.fromJson(json));
  }

  /** Whether a dossier variable of that name holds a window ({@code clock_<WINDOW>}). */
  public static boolean holdsWindow(String variableName) {
    return variableName != null && variableName.startsWith(ClockStore.VARIABLE_PREFIX);
  }

  /**
   * What a reviewer reads about a window in a task: its last day included, the days left and the pauses, in
   * French (the agencies read French only).
   */
  public String report(VariableScope instance, String clockId) {
    RegulatoryClock clock = ClockStore.load(instance, clockId);
    return clock == null ? "Ce délai n’a pas encore commencé." : clock.describe(now(), Locale.FRENCH);
  }

  /**
   * Puts the report of a window on a task, for its form to show ({@code {{variable}}}): written as the task opens and
   * read on later days, it gives the days left on the day it opened, saying so.
   */
  public void reportOn(DelegateTask task, String clockId, String variable) {
    RegulatoryClock clock = ClockStore.load(holderOf(task.getExecution(), clockId), clockId);
    task.setVariableLocal(variable, clock == null ? "Ce délai n’a pas encore commencé."
        : clock.describeOnOpening(now(), Locale.FRENCH));
  }

  // ---- inside ----

  /**
   * Clock work is the engine's own bookkeeping: it reads the deadlines table and moves timers whoever
   * completed the task, so it runs without the user's authorization checks.
   */
  private static void privileged(Runnable work) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      work.run();
    } else {
      context.runWithoutAuthorization(() -> {
        work.run();
        return null;
      });
    }
  }

  /**
   * The pathway a dossier runs in (its variable {@code pathway}, passed down to the tracks it calls): it picks
   * the row of a window that a track names for every pathway that calls it. Null when the dossier names none.
   */
  static String pathwayOf(VariableScope scope) {
    return scope.getVariable("pathway") instanceof String pathway ? pathway : null;
  }

  private RegulatoryClock open(DelegateExecution execution, String clockId) {
    return open(execution, clockId, now());
  }

  private RegulatoryClock open(DelegateExecution execution, String clockId, Instant openedAt) {
    VariableScope instance = holderOf(execution, clockId);
    RegulatoryClock clock = ClockStore.load(instance, clockId);
    if (clock != null && (clock.state() == ClockState.RUNNING || clock.state() == ClockState.PAUSED)) {
      return clock;
    }
    ClockTerms terms = termsOf(execution, clockId, openedAt);
    String reason = "Opened: " + nameOf(execution);
    Instant lastEntry = clock == null || clock.ledger().isEmpty() ? null
        : clock.ledger().get(clock.ledger().size() - 1).at();
    Instant at = lastEntry != null && openedAt.isBefore(lastEntry) ? now() : openedAt;
    RegulatoryClock opened = clock == null
        ? RegulatoryClock.notStarted(clockId, terms).start(at, actor())
        : RegulatoryClock.of(clockId, terms, clock.ledger()).restart(at, reason, actor());
    ClockStore.save(instance, opened);
    return opened;
  }

  private ClockTerms termsOf(DelegateExecution execution, String clockId, Instant openedAt) {
    DeadlineRule rule = deadlines.rule(clockId, pathwayOf(execution));
    return new ClockTerms(lengthOf(rule, execution, FrenchTimeLimits.dateOf(openedAt, zone)), rule.workingDays(),
        zone);
  }

  /** The row's duration, or the length the agency gave when it asked for a row it sets ({@code >= P10D}). */
  private RegulatoryDuration lengthOf(DeadlineRule rule, VariableScope scope, LocalDate askedOn) {
    return AskedLength.of(rule, askedOn, scope.getVariable(AskedLength.daysVariable(rule.id())),
        scope.getVariable(AskedLength.lastDayVariable(rule.id())), date -> FrenchTimeLimits.dateOf(date.toInstant(), zone));
  }

  /**
   * The form that asks for a window whose length the agency sets ({@code >= P10D}) gives a number of days or a
   * last day: a complete listener {@code ${clocks.checkAskedLength(task, 'CNEDIMTS_COMPLEMENTS')}} refuses
   * neither, both, or one below the minimum, with a message naming it.
   */
  public void checkAskedLength(DelegateTask task, String clockId) {
    privileged(() -> lengthOf(deadlines.rule(clockId, pathwayOf(task.getExecution())), task,
        FrenchTimeLimits.dateOf(now(), zone)));
  }

  /**
   * The task that asks for a window whose length the agency may set ({@code >= P10D} for the dossier's pathway):
   * a create listener {@code ${clocks.offerAskedLength(task, 'CNEDIMTS_COMPLEMENTS')}} tells its form whether to
   * show the length field and the least it may hold ({@link AskedLength#formVariables}).
   */
  public void offerAskedLength(DelegateTask task, String clockId) {
    privileged(() -> task.setVariablesLocal(AskedLength.formVariables(
        deadlines.rule(clockId, pathwayOf(task.getExecution())))));
  }

  private interface Change {
    RegulatoryClock apply(RegulatoryClock clock);
  }

  private void change(DelegateExecution execution, ProcessEngineServices services, String clockId, Change change) {
    ExecutionEntity holder = holderOf(execution, clockId);
    RegulatoryClock clock = ClockStore.load(holder, clockId);
    if (clock == null) {
      return;
    }
    RegulatoryClock changed = change.apply(clock);
    if (changed == clock) {
      return;
    }
    ClockStore.save(holder, changed);
    for (ExecutionEntity part : countingOn(holder, clockId)) {
      moveArmedTimers(part.getId(), part.getProcessDefinitionId(), services, changed, pathwayOf(part));
    }
  }

  /**
   * The part of the dossier (a process instance) whose window an execution counts on: its own part when that holds
   * the window open, else the nearest part that called it and holds it open, else its own part, which then opens
   * it. A dossier has one window of a kind, not one per part: the decree's 120 days that the brand name's pathway
   * opens at the AR (and the generic line's 60 days, at the receipt of the filing) are the very window the
   * ministers' track dates its tasks and timer with, and pauses while the vendor answers where the row says so.
   * The pathway's window is the truth, not the track's: it opens at the pathway's event, before the track, and it
   * outlives the track, dating the order (or the code) that the ministers publish after deciding. One window, so
   * nothing to keep in step: the order's due date, the dossier page and the mails read the same ledger, pauses
   * included, and the page shows it once.
   */
  private static ExecutionEntity holderOf(DelegateExecution execution, String clockId) {
    ExecutionEntity own = (ExecutionEntity) execution.getProcessInstance();
    if (isOpen(ClockStore.load(own, clockId))) {
      return own;
    }
    for (ExecutionEntity call = own.getSuperExecution(); call != null;
        call = call.getProcessInstance().getSuperExecution()) {
      ExecutionEntity caller = call.getProcessInstance();
      if (isOpen(ClockStore.load(caller, clockId))) {
        return caller;
      }
    }
    return own;
  }

  private static boolean isOpen(RegulatoryClock clock) {
    return clock != null && (clock.state() == ClockState.RUNNING || clock.state() == ClockState.PAUSED);
  }

  /**
   * The part holding a window and the parts it called that count on it (holding none of their own): where a pause
   * or a resume moves the armed timers and the due dates of open tasks.
   */
  private static List<ExecutionEntity> countingOn(ExecutionEntity holder, String clockId) {
    List<ExecutionEntity> parts = new ArrayList<>(List.of(holder));
    calledBy(holder, clockId, parts);
    return parts;
  }

  private static void calledBy(ExecutionEntity execution, String clockId, List<ExecutionEntity> parts) {
    ExecutionEntity called = execution.getSubProcessInstance();
    if (called != null && ClockStore.load(called, clockId) == null) {
      parts.add(called);
      calledBy(called, clockId, parts);
    }
    for (ExecutionEntity child : execution.getExecutions()) {
      calledBy(child, clockId, parts);
    }
  }

  private void moveArmedTimers(String processInstanceId, String processDefinitionId,
      ProcessEngineServices services, RegulatoryClock clock, String pathway) {
    ClockReading reading = clock.read(now());
    Date due = reading.dueAt() == null ? null : Date.from(reading.dueAt());
    Map<String, String> timers = timersByDefinition.computeIfAbsent(processDefinitionId,
        id -> references(services, id, true));
    // the job entities themselves, in this transaction: the management service's bulk suspension would
    // race with the due date update of the same row
    for (JobEntity job : Context.getCommandContext().getJobManager().findJobsByProcessInstanceId(processInstanceId)) {
      String reference = timers.get(job.getActivityId());
      if (!(job instanceof TimerEntity) || reference == null || reading.state() == ClockState.STOPPED
          || !clock.clockId().equals(reference.substring(reference.indexOf(':') + 1))) {
        continue;
      }
      job.setDuedate(reference.startsWith("reminder:") ? Date.from(remindAt(clock, pathway)) : due);
      job.setSuspensionState(reading.state() == ClockState.PAUSED
          ? SuspensionState.SUSPENDED.getStateCode() : SuspensionState.ACTIVE.getStateCode());
    }
    Map<String, String> tasks = tasksByDefinition.computeIfAbsent(processDefinitionId,
        id -> references(services, id, false));
    TaskService taskService = services.getTaskService();
    for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).list()) {
      // a task completed in this very transaction (the ministers' evaluation that asks for information and so
      // pauses their window at once) is still listed: it has no due date left to move
      if (task instanceof org.camunda.bpm.engine.impl.persistence.entity.TaskEntity entity && entity.isDeleted()) {
        continue;
      }
      if (clock.clockId().equals(tasks.get(task.getTaskDefinitionKey())) && due != null) {
        task.setDueDate(lastMoment(reading));
        taskService.saveTask(task);
        taskService.setVariablesLocal(task.getId(), untilVariables(reading.lastDay()));
      }
    }
  }

  /**
   * For the timers of one process definition: element id → "kind:window id" (kind: due, cycle, reminder);
   * for its user tasks: task id → window id of the due date.
   */
  private static Map<String, String> references(ProcessEngineServices services, String processDefinitionId,
      boolean timers) {
    BpmnModelInstance model = services.getRepositoryService().getBpmnModelInstance(processDefinitionId);
    Map<String, String> found = new ConcurrentHashMap<>();
    if (timers) {
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        String text = timer.getTimeDate() != null ? timer.getTimeDate().getTextContent()
            : timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent() : null;
        ModelElementInstance event = timer.getParentElement();
        ClockExpressions.clockId(text).ifPresent(id -> found.put(event.getAttributeValue("id"),
            ClockExpressions.kind(text).orElseThrow() + ":" + id));
      }
    } else {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        ClockExpressions.clockId(task.getCamundaDueDate()).ifPresent(id -> found.put(task.getId(), id));
      }
    }
    return found;
  }

  private static String nameOf(DelegateExecution execution) {
    // a dossier deleted from Cockpit ends at no named step
    String name = execution.getCurrentActivityName();
    String id = execution.getCurrentActivityId();
    return name != null ? name : id != null ? id : "";
  }

  /** Who caused the change: the signed-in user, or null for the engine itself (a timer, a job). */
  private static String actor() {
    CommandContext context = Context.getCommandContext();
    return context == null ? null : context.getAuthenticatedUserId();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
