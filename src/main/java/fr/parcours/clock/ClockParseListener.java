package fr.parcours.clock;

import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import fr.parcours.shared.DeploymentChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * Binds the diagrams to the deadlines table when they are parsed.
 *
 * <p>At deployment it refuses a timer or due date that writes its own duration, or names a window the
 * deadlines table does not have, and a user task that neither takes its due date from the table nor is marked as
 * having no time limit ({@link TimeLimits}), naming the element. At every parse it wires the clocks: the element that
 * arms a window stops it when it ends (so the next time the window opens afresh), an activity marked with
 * the extension property {@code pausesClock} pauses that clock while it is active (the agency is waiting
 * for the vendor), the end of the process closes every window still open in it, every completed user task
 * counts as progress of the dossier, a task whose due date
 * names a window shows the window's last day, and a task that names none says that no time limit applies.
 */
public class ClockParseListener extends AbstractBpmnParseListener {

  private final Supplier<Clocks> clocks;
  /**
   * The deadlines table each deployment's diagrams are checked against, read once per deployment rather than once
   * per diagram (a deployment of every model read it some thirty times: about 70 ms of an empty database's
   * start-up); by the id of the deployment that holds the table, which never changes once deployed.
   */
  private final Map<String, DeadlineTable> tables = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, DeadlineTable> eldest) {
      return size() > 4;
    }
  };

  public ClockParseListener(Supplier<Clocks> clocks) {
    this.clocks = clocks;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskListener progress = task -> clocks.get().dossierMoved(task);
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, progress);
    String dueDate = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate");
    if (dueDate != null && dueDate.isBlank()) {
      // the element template's "no response window" choice
      definition.setDueDateExpression(null);
    }
    // no due date but a follow-up date naming a window: the day Parcours reminds the vendor (PARCOURS_REMINDER)
    String followUp = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "followUpDate");
    ClockExpressions.clockId(dueDate).ifPresentOrElse(clockId -> definition.addBuiltInTaskListener(
        TaskListener.EVENTNAME_CREATE, task -> clocks.get().showLastDayOn(task, clockId)),
        () -> ClockExpressions.clockId(followUp).ifPresentOrElse(clockId -> definition.addBuiltInTaskListener(
            TaskListener.EVENTNAME_CREATE, task -> clocks.get().showReminderOn(task, clockId)),
            () -> definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, TimeLimits.followsADaySet(followUp)
                ? task -> clocks.get().showFromDayOn(task) : task -> clocks.get().showNoDeadlineOn(task))));
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    Scan scan = new Scan();
    scan.walk(processElement, null, processElement);

    DeploymentEntity deployment = DeploymentChecks.newDeploymentOf(definition);
    if (deployment != null) {
      validate(scan, definition, deployment);
    }

    scan.owners.forEach((clockId, ownerId) -> {
      ScopeImpl owner = ownerId == null ? definition : definition.findActivity(ownerId);
      ExecutionListener stop = execution -> clocks.get().windowClosed(execution, clockId);
      owner.addBuiltInListener(ExecutionListener.EVENTNAME_END, stop);
    });
    // whatever element opened a window, it does not outlive its part of the dossier
    ExecutionListener partEnded = execution -> clocks.get().partEnded(execution);
    definition.addBuiltInListener(ExecutionListener.EVENTNAME_END, partEnded);
    scan.pausing.forEach((activityId, clockId) -> {
      ActivityImpl activity = definition.findActivity(activityId);
      ExecutionListener pause = execution -> clocks.get().pauseWhileWaiting(execution, clockId);
      ExecutionListener resume = execution -> clocks.get().resumeAfterWaiting(execution, clockId);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, pause);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, resume);
    });
  }

  private void validate(Scan scan, ProcessDefinitionEntity definition, DeploymentEntity deployment) {
    List<String> problems = new ArrayList<>(scan.problems);
    if (!scan.references.isEmpty()) {
      DeadlineTable table = deadlinesFor(deployment);
      if (table == null) {
        problems.add("il utilise les délais " + String.join(", ", new LinkedHashSet<>(scan.references.values()))
            + " de la table des délais, mais aucune table des délais n’est déployée : déployez bpmn/deadlines.dmn"
            + " avec lui");
      } else {
        scan.references.forEach((elementId, clockId) -> {
          if (!table.names(clockId)) {
            problems.add(scan.described(elementId) + " nomme le délai « " + clockId + " », qui n’est une ligne de la"
                + " table des délais (bpmn/deadlines.dmn) pour aucun parcours : ajoutez cette ligne à la table, ou"
                + " choisissez l’un de ses délais (corrigez l’id)");
          }
        });
      }
    }
    DeploymentChecks.refuseIfAny(problems, definition, deployment);
  }

  /** The deadlines table deployed with the diagram, or else the latest one deployed before it. */
  private DeadlineTable deadlinesFor(DeploymentEntity deployment) {
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(DeadlineTable.DECISION_KEY + ".dmn")) {
        return read(deployment.getId(), () -> DeadlineTableReader.read(resource.getBytes(), "en cours de déploiement"));
      }
    }
    CommandContext context = Context.getCommandContext();
    DecisionDefinition latest = context.getDecisionDefinitionManager()
        .findLatestDecisionDefinitionByKey(DeadlineTable.DECISION_KEY);
    if (latest == null) {
      return null;
    }
    return read(latest.getDeploymentId(), () -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(latest.getDeploymentId(), latest.getResourceName());
      return DeadlineTableReader.read(resource.getBytes(), DeadlineTable.DECISION_KEY + ":" + latest.getVersion());
    });
  }

  private DeadlineTable read(String deploymentId, Supplier<DeadlineTable> reader) {
    if (deploymentId == null) {
      return reader.get();
    }
    synchronized (tables) {
      DeadlineTable table = tables.get(deploymentId);
      if (table == null) {
        table = reader.get();
        tables.put(deploymentId, table);
      }
      return table;
    }
  }

  /** What one walk over a process element finds. */
  private static final class Scan {
    /** element id → window id, for every clock call in the process. */
    final Map<String, String> references = new LinkedHashMap<>();
    /** window id → id of the activity whose end closes the window (null: the process itself). */
    final Map<String, String> owners = new LinkedHashMap<>();
    /** activity id → window id paused while the activity is active. */
    final Map<String, String> pausing = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    private final Map<String, String> taskDueDates = new LinkedHashMap<>();
    /** element id → the element as Modeler shows it: its id and its name. */
    private final Map<String, String> names = new LinkedHashMap<>();

    /** An element of the process as a process owner finds it: its id and its name. */
    String described(String elementId) {
      return "l’élément " + names.getOrDefault(elementId, elementId);
    }

    void walk(Element element, Element parent, Element process) {
      for (Element child : element.elements()) {
        String tag = child.getTagName();
        if (child.attribute("id") != null) {
          names.putIfAbsent(child.attribute("id"), DeploymentChecks.named(child));
        }
        switch (tag) {
          case "userTask" -> userTask(child);
          case "boundaryEvent", "intermediateCatchEvent", "startEvent" -> timer(child, element, process);
          default -> { }
        }
        pausesClock(child);
        windowProperty(child);
        walk(child, element, process);
      }
      if (element == process) {
        // a window only a task's due date uses is armed and closed by that task
        taskDueDates.forEach((taskId, clockId) -> owners.putIfAbsent(clockId, taskId));
      }
    }

    private void userTask(Element task) {
      String dueDate = task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate");
      if (dueDate == null || dueDate.isBlank() || ClockExpressions.clockId(dueDate).isPresent()) {
        // (a due date written as a duration or a date is refused below, with the expression to write instead)
        TimeLimits.problem(task.attribute("id"), task.attribute("name"), dueDate,
            DeploymentChecks.properties(task).get(TimeLimits.PROPERTY)).ifPresent(problems::add);
      }
      for (String attribute : List.of("dueDate", "followUpDate")) {
        String expression = task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, attribute);
        if (expression == null || expression.isBlank()) {
          continue;
        }
        String id = task.attribute("id");
        if ("followUpDate".equals(attribute) && ClockExpressions.dayHeld(expression)) {
          continue; // a day a person set (the hearing's), no window of the table
        }
        ClockExpressions.clockId(expression).ifPresentOrElse(clockId -> {
          references.put(id, clockId);
          taskDueDates.putIfAbsent(id, clockId);
        }, () -> problems.add("la tâche utilisateur " + DeploymentChecks.named(task) + " a pour « "
            + ("dueDate".equals(attribute) ? "Due date" : "Follow up date") + " » « " + expression.trim()
            + " », une durée ou une date écrite à la main : prenez-la dans la table des délais, avec le modèle"
            + " d’élément « Response window » ou en écrivant " + ClockExpressions.example("due")));
      }
    }

    private void timer(Element event, Element container, Element process) {
      Element timer = event.element("timerEventDefinition");
      if (timer == null) {
        return;
      }
      String id = event.attribute("id");
      Element definition = null;
      String kind = null;
      for (String candidate : List.of("timeDate", "timeDuration", "timeCycle")) {
        if (timer.element(candidate) != null) {
          definition = timer.element(candidate);
          kind = candidate;
        }
      }
      String expression = definition == null ? null : definition.getText();
      String expected = "timeCycle".equals(kind) ? "cycle" : "due";
      String window = DeploymentChecks.properties(event).get(ClockExpressions.WINDOW_PROPERTY);
      if (!"timeDuration".equals(kind)) {
        var call = ClockExpressions.kind(expression).orElse("");
        var clockId = ClockExpressions.clockId(expression)
            .filter(found -> call.equals(expected) || ("due".equals(expected) && "reminder".equals(call)));
        if (clockId.isPresent() && window != null && !window.equals(clockId.get())) {
          problems.add("le minuteur " + DeploymentChecks.named(event) + " a pour « Response window » « " + window
              + " », mais sa valeur (groupe « Timer ») nomme le délai « " + clockId.get() + " » : donnez-lui"
              + " (type « " + ("timeCycle".equals(kind) ? "Cycle" : "Date") + " ») la valeur "
              + ClockExpressions.call(call, window) + ", ou choisissez « " + clockId.get()
              + " » comme « Response window »");
        }
        if (clockId.isPresent()) {
          references.put(id, clockId.get());
          if ("reminder".equals(call)) {
            owners.putIfAbsent(clockId.get(), ownerOf(event, container, process));
          } else {
            owners.put(clockId.get(), ownerOf(event, container, process));
          }
          return;
        }
      }
      problems.add("le minuteur " + DeploymentChecks.named(event)
          + (expression == null || expression.isBlank() ? " n’a pas de valeur" : " vaut « " + expression.trim() + " »")
          + " : un minuteur prend sa date dans la table des délais ; dans son groupe « Timer », choisissez le type « "
          + ("timeCycle".equals(kind) ? "Cycle" : "Date") + " » et la valeur "
          + (window == null ? ClockExpressions.example(expected) : ClockExpressions.call(expected, window)));
    }

    private static String ownerOf(Element event, Element container, Element process) {
      if ("boundaryEvent".equals(event.getTagName())) {
        return event.attribute("attachedToRef");
      }
      if ("startEvent".equals(event.getTagName())) {
        // the start of an event sub-process: the window belongs to the scope around it
        return container == process ? null : container.attribute("id");
      }
      return event.attribute("id");
    }

    /** A notification step or a timer names the window it is about: the window must be a row. */
    private void windowProperty(Element element) {
      String window = DeploymentChecks.properties(element).get(ClockExpressions.WINDOW_PROPERTY);
      if (window != null) {
        references.putIfAbsent(element.attribute("id"), window);
      }
    }

    private void pausesClock(Element activity) {
      String clockId = DeploymentChecks.properties(activity).get(ClockExpressions.PAUSES_CLOCK_PROPERTY);
      if (clockId != null) {
        references.put(activity.attribute("id"), clockId);
        pausing.put(activity.attribute("id"), clockId);
      }
    }
  }
}
