package fr.parcours.dossierpage;

import fr.parcours.clock.ClockEntry;
import fr.parcours.clock.ClockReading;
import fr.parcours.clock.ClockState;
import fr.parcours.clock.Clocks;
import fr.parcours.clock.RegulatoryClock;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.LegalDates;
import fr.parcours.dossier.Dossiers;
import fr.parcours.dossierpage.DossierDetail.Diagram;
import fr.parcours.dossierpage.DossierDetail.Event;
import fr.parcours.dossierpage.DossierDetail.Mail;
import fr.parcours.dossierpage.DossierSummary.NextStep;
import fr.parcours.dossierpage.DossierSummary.TrackState;
import fr.parcours.dossierpage.DossierSummary.Window;
import fr.parcours.notification.DossierDocuments;
import fr.parcours.notification.NotificationJournal;
import fr.parcours.security.AsUser;
import fr.parcours.security.ReviewerGroups;
import fr.parcours.security.Roles;
import fr.parcours.shared.ClosedWindow;
import fr.parcours.shared.Pathway;
import fr.parcours.shared.StepsOnHold;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Where the dossiers stand, for the person who asks: every question is put to the engine as that person
 * ({@link AsUser}), so its authorizations decide what they see. A vendor reads its company's dossiers (granted
 * per dossier at its start), a reviewer group the pathways and tracks it instructs, a process owner all. The
 * processes asked about are those the {@link Pathway} registrations name: no list of process keys here.
 *
 * <p>What a vendor reads is what is meant for vendors: the steps as the diagrams name them, the windows, the
 * mails sent to it, and who acted as an agency ("ANS"), never a reviewer's name, comment or variables.
 */
@Lazy
@Service
public class DossierBoard {

  /** The most dossier instances one list reads (the engine's limit for a signed-in user's query). */
  static final int MAX_INSTANCES = 2000;
  static final String COMPANY = "companyName";
  static final String SOFTWARE = "softwareName";
  static final String VERSION = "softwareVersion";
  static final String PATHWAY = "pathway";
  /**
   * The CNEDiMTS track of a brand name sends a draft opinion first (cnedimts-opinion.bpmn): its examination, which
   * closes the window CNEDIMTS_OPINION, ends with the draft adopted, not the final opinion; and its decision.
   */
  static final String DRAFT_OPINION_FIRST = "draftOpinionFirst";
  static final String CNEDIMTS_DECISION = "cnedimtsDecision";
  /** The variables the pages read by name. */
  private static final List<String> READ = List.of(COMPANY, SOFTWARE, VERSION, PATHWAY, DRAFT_OPINION_FIRST,
      CNEDIMTS_DECISION);
  public static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";

  /** The steps a dossier waits at. */
  static final Set<String> WAITING = Set.of("userTask", "receiveTask", "intermediateMessageCatch",
      "intermediateTimer", "intermediateSignalCatch", "intermediateConditional");
  /** What the timeline tells: the steps people do, the events that happen to the dossier, and its ends. */
  static final Set<String> TOLD = Set.of("userTask", "receiveTask", "startEvent", "intermediateMessageCatch",
      "intermediateTimer", "intermediateSignalCatch", "intermediateConditional", "intermediateNoneThrowEvent",
      "intermediateMessageThrowEvent", "boundaryTimer", "boundaryMessage", "boundaryError", "boundaryEscalation",
      "boundarySignal", "noneEndEvent", "errorEndEvent", "terminateEndEvent", "escalationEndEvent",
      "messageEndEvent", "signalEndEvent", "callActivity");

  private final ReviewerGroups reviewers;
  private final HistoryService history;
  private final TaskService tasks;
  private final org.camunda.bpm.engine.ManagementService management;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final CommandExecutor commands;
  private final Dossiers dossiers;
  private final List<Pathway> pathways;
  private final DeadlineCatalogue deadlines;
  private final NotificationJournal journal;
  private final DossierDocuments documents;
  private final MessageSource messages;
  private final List<StepsOnHold> onHold;
  private final ZoneId zone;

  DossierBoard(ProcessEngine engine, Dossiers dossiers, List<Pathway> pathways, DeadlineCatalogue deadlines,
      NotificationJournal journal, DossierDocuments documents, MessageSource messages,
      @Value("${parcours.zone:Europe/Paris}") String zone, ReviewerGroups reviewers, List<StepsOnHold> onHold) {
    this.reviewers = reviewers;
    this.onHold = onHold;
    this.documents = documents;
    this.history = engine.getHistoryService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.repository = engine.getRepositoryService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    this.dossiers = dossiers;
    this.pathways = pathways;
    this.deadlines = deadlines;
    this.journal = journal;
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  /** The person signed in, with their groups, writing in that language. */
  public Viewer viewer(String userId, Locale locale) {
    return new Viewer(userId, identity.createGroupQuery().groupMember(userId).unlimitedList().stream()
        .map(g -> g.getId()).toList(), locale);
  }

  /** The pathways vendors start, by process key, with their names: what the list filters on. */
  public Map<String, String> pathwayNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (Pathway pathway : pathways) {
      if (pathway.startedByVendors()) {
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey(pathway.processKey())
            .latestVersion().singleResult();
        names.put(pathway.processKey(), definition == null || definition.getName() == null ? pathway.processKey()
            : definition.getName());
      }
    }
    return names;
  }

  /** Every dossier the person may read, open and closed, the latest filed first. */
  public List<DossierSummary> visibleTo(Viewer viewer) {
    DeadlineTable table = deadlines.current();
    String[] keys = pathways.stream().map(Pathway::processKey).distinct().toArray(String[]::new);
    return AsUser.ask(identity, viewer.userId(), () -> {
      Map<String, List<HistoricProcessInstance>> byNumber = new LinkedHashMap<>();
      history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(keys)
          .orderByProcessInstanceStartTime().desc().listPage(0, MAX_INSTANCES).stream()
          .filter(instance -> instance.getBusinessKey() != null)
          .forEach(instance -> byNumber.computeIfAbsent(instance.getBusinessKey(), k -> new ArrayList<>())
              .add(instance));
      List<DossierSummary> found = new ArrayList<>();
      byNumber.forEach((number, visible) -> found.add(summary(viewer, number, visible, table)));
      return found;
    });
  }

  /**
   * Whether the person may read more dossier instances than one list reads ({@value #MAX_INSTANCES}, the latest
   * filed first): the list then says that older dossiers are left out.
   */
  public boolean moreThanOneListHolds(Viewer viewer) {
    String[] keys = pathways.stream().map(Pathway::processKey).distinct().toArray(String[]::new);
    return AsUser.ask(identity, viewer.userId(), () -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(keys).count() > MAX_INSTANCES);
  }

  /**
   * The dossier with that number, if the person may read some of it; empty for a number that names no
   * dossier and for another company's dossier alike.
   */
  public Optional<DossierDetail> read(Viewer viewer, String number) {
    List<String> every = dossiers.everyInstanceOf(number);
    if (every.isEmpty()) {
      return Optional.empty();
    }
    DeadlineTable table = deadlines.current();
    return AsUser.ask(identity, viewer.userId(), () -> {
      List<HistoricProcessInstance> visible = history.createHistoricProcessInstanceQuery()
          .processInstanceIds(new HashSet<>(every)).orderByProcessInstanceStartTime().asc()
          .listPage(0, MAX_INSTANCES);
      if (visible.isEmpty()) {
        return Optional.<DossierDetail>empty();
      }
      DossierSummary summary = summary(viewer, number, visible, table);
      List<HistoricActivityInstance> steps = activities(visible);
      return Optional.of(new DossierDetail(summary, diagrams(visible, steps), timeline(viewer, visible, steps, table),
          mails(viewer, visible), documents.ofInstances(visible.stream().map(HistoricProcessInstance::getId)
              .toList())));
    });
  }

  /**
   * The diagram of one process instance of the dossier, when the person may read that instance; empty
   * otherwise.
   */
  public Optional<String> diagram(Viewer viewer, String number, String instanceId) {
    if (!dossiers.everyInstanceOf(number).contains(instanceId)) {
      return Optional.empty();
    }
    return AsUser.ask(identity, viewer.userId(), () -> {
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
          .singleResult();
      if (instance == null) {
        return Optional.<String>empty();
      }
      try (InputStream xml = repository.getProcessModel(instance.getProcessDefinitionId())) {
        return Optional.of(new String(xml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  // ---- one dossier, asked as the person (called inside AsUser) ----

  private DossierSummary summary(Viewer viewer, String number, List<HistoricProcessInstance> visible,
      DeadlineTable table) {
    List<HistoricProcessInstance> ordered = new ArrayList<>(visible);
    ordered.sort(Comparator.comparing((HistoricProcessInstance i) -> i.getSuperProcessInstanceId() != null)
        .thenComparing(HistoricProcessInstance::getStartTime));
    HistoricProcessInstance root = ordered.stream().filter(i -> i.getSuperProcessInstanceId() == null).findFirst()
        .orElseGet(() -> dossiers.rootOf(number).orElse(ordered.get(0)));
    List<String> ids = ordered.stream().map(HistoricProcessInstance::getId).toList();
    Map<String, Map<String, Object>> variables = variables(ids);
    Map<String, Object> first = new HashMap<>();
    ordered.forEach(i -> variables.getOrDefault(i.getId(), Map.of()).forEach(first::putIfAbsent));

    Set<String> heldByColleagues = new HashSet<>();
    Map<String, ClosedWindow> closing = new HashMap<>();
    List<NextStep> next = nextSteps(viewer, ids, heldByColleagues, closing, variables, table,
        first.get(PATHWAY) instanceof String p ? p : null);
    Set<String> mine = new HashSet<>(next.stream().map(NextStep::taskId).toList());
    mine.removeAll(heldByColleagues);
    Set<String> onHold = new HashSet<>(next.stream().filter(step -> step.onHold() != null).map(NextStep::taskId)
        .toList());
    if (viewer.vendor()) {
      next.addAll(outsideActions(viewer, number, ordered, variables));
      next.sort(Comparator.comparing(NextStep::dueDay, Comparator.nullsLast(Comparator.naturalOrder())));
    }
    List<TrackState> tracks = new ArrayList<>();
    LocalDate nextDue = null;
    boolean overdue = false;
    LocalDate today = today();
    for (HistoricProcessInstance instance : ordered) {
      Map<String, Object> own = variables.getOrDefault(instance.getId(), Map.of());
      String pathway = own.get(PATHWAY) instanceof String p ? p : first.get(PATHWAY) instanceof String p2 ? p2 : null;
      List<Window> windows = new ArrayList<>();
      List<RegulatoryClock> clocks = own.entrySet().stream()
          .flatMap(e -> Clocks.stored(e.getKey(), e.getValue()).stream()).toList();
      // a part that ended holds no running window, whatever its ledger says (parts ended before the engine closed
      // them): the window closed with its part, on the day and at the step it ended
      Ended ended = instance.getEndTime() == null ? null
          : new Ended(instance.getEndTime().toInstant(), Objects.requireNonNullElse(endOf(instance), ""));
      for (RegulatoryClock clock : clocks) {
        ClockReading reading = clock.read(now());
        DeadlineRule rule = table.find(clock.clockId(), pathway).orElse(null);
        Window window = window(viewer.locale(), clock, reading, rule, pathway, today, ended,
            draftOpinion(clock, own));
        windows.add(window);
        boolean deadline = rule == null || !rule.parcoursReminder();
        if (deadline && ended == null && reading.state() == ClockState.RUNNING && reading.lastDay() != null) {
          nextDue = nextDue == null || reading.lastDay().isBefore(nextDue) ? reading.lastDay() : nextDue;
          overdue |= reading.lastDay().isBefore(today);
        }
      }
      windows.sort(Comparator.comparing((Window w) -> !w.open()).thenComparing(Window::label));
      boolean running = instance.getEndTime() == null;
      List<String> steps = running ? waitingSteps(viewer, instance, mine, onHold, closing, clocks) : List.of();
      boolean datedByCaller = running && windows.isEmpty() && instance.getSuperProcessInstanceId() != null
          && hasDatedTask(instance.getId());
      tracks.add(new TrackState(instance.getId(), instance.getProcessDefinitionKey(),
          nameOf(instance), running, trackState(viewer.locale(), instance, steps), steps, windows, datedByCaller));
    }
    boolean open = root.getEndTime() == null;
    String closedAs = open ? null : endOf(root);
    String device = join(first.get(SOFTWARE), first.get(VERSION));
    return new DossierSummary(number, root.getProcessDefinitionKey(), nameOf(root),
        first.get(COMPANY) instanceof String c ? c : "", device, open, root.getStartTime().toInstant(),
        open ? null : root.getEndTime().toInstant(), closedAs, tracks, next, nextDue, overdue && open);
  }

  /**
   * The few variables the pages read, by instance: the company, the device, the pathway, and the windows
   * ({@code clock_...}); asked by name, so that a dossier's many other variables never crowd them out of a page.
   */
  private Map<String, Map<String, Object>> variables(List<String> instanceIds) {
    String[] ids = instanceIds.toArray(String[]::new);
    List<HistoricVariableInstance> found = new ArrayList<>(history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids).variableNameIn(READ.toArray(String[]::new)).disableBinaryFetching()
        .disableCustomObjectDeserialization().listPage(0, MAX_INSTANCES));
    // "_" is LIKE's any-character: the names found are checked again below
    found.addAll(history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids).variableNameLike("clock_%")
        .disableBinaryFetching().disableCustomObjectDeserialization().listPage(0, MAX_INSTANCES));
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    for (HistoricVariableInstance variable : found) {
      String name = variable.getName();
      boolean wanted = READ.contains(name)
          || Clocks.holdsWindow(name) && variable.getValue() instanceof String;
      // only the process instance's own variables: a task's local ones are not the dossier's
      if (wanted && Objects.equals(variable.getExecutionId(), variable.getProcessInstanceId())) {
        byInstance.computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>()).put(name, variable.getValue());
      }
    }
    return byInstance;
  }

  /**
   * The tasks of the dossier that are the person's or her group's: offered to one of her groups (claimed by a colleague
   * too: the page said "nothing to do" while her company's task waited in a colleague's hands, walk of 3 December
   * 2026; it says who holds it), or assigned to her.
   */
  private List<NextStep> nextSteps(Viewer viewer, List<String> instanceIds, Set<String> heldByColleagues,
      Map<String, ClosedWindow> closing, Map<String, Map<String, Object>> variables, DeadlineTable table,
      String pathway) {
    String[] ids = instanceIds.toArray(String[]::new);
    Map<String, Task> open = new java.util.LinkedHashMap<>();
    tasks.createTaskQuery().processInstanceIdIn(ids).taskCandidateUser(viewer.userId()).includeAssignedTasks()
        .orderByDueDate().asc().listPage(0, 50).forEach(task -> open.put(task.getId(), task));
    tasks.createTaskQuery().processInstanceIdIn(ids).taskAssignee(viewer.userId()).orderByDueDate().asc()
        .listPage(0, 50).forEach(task -> open.putIfAbsent(task.getId(), task));
    List<NextStep> next = new ArrayList<>();
    for (Task task : open.values()) {
      LocalDate day = task.getDueDate() == null ? null : task.getDueDate().toInstant().atZone(zone).toLocalDate();
      String holder = task.getAssignee();
      boolean colleague = holder != null && !holder.equals(viewer.userId());
      if (colleague) {
        heldByColleagues.add(task.getId());
      }
      String name = colleague ? text(viewer.locale(), "next.heldBy", task.getName(), fullName(holder)) : task.getName();
      LocalDate remindOn = day == null ? parcoursReminder(task, variables, table, pathway) : null;
      LocalDate from = day == null && remindOn == null ? daySet(task) : null;
      ClosedWindow closed = windowClosed(task);
      if (closed != null) {
        closing.put(task.getId(), closed);
      }
      String due = closed != null ? text(viewer.locale(), closed.failed() ? "due.closedFailed" : "due.closed",
          LegalDates.date(dateOf(closed.lastMoment()), viewer.locale()))
          : day != null ? LegalDates.until(day, viewer.locale())
          : from != null ? text(viewer.locale(), "due.from", LegalDates.date(from, viewer.locale()))
          : remindOn == null ? text(viewer.locale(), "due.none")
          : text(viewer.locale(), "due.reminder", LegalDates.date(remindOn, viewer.locale()));
      StepsOnHold.OnHold held = onHold.stream().flatMap(steps -> steps.onHold(task, viewer.locale()).stream())
          .findFirst().orElse(null);
      next.add(new NextStep(task.getId(), name, due, day, TASKLIST_TASK + task.getId(), held));
    }
    next.sort(Comparator.comparing(NextStep::dueDay, Comparator.nullsLast(Comparator.naturalOrder())));
    return next;
  }

  /**
   * The day a task is done from when its follow-up date is a day a person set (the hearing's day for « Adopter l’avis
   * définitif », {@link fr.parcours.clock.TimeLimits#followsADaySet}); null otherwise.
   */
  private LocalDate daySet(Task task) {
    if (task.getFollowUpDate() == null) {
      return null;
    }
    var element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    return element instanceof org.camunda.bpm.model.bpmn.instance.UserTask user
        && fr.parcours.clock.TimeLimits.followsADaySet(user.getCamundaFollowUpDate())
        ? task.getFollowUpDate().toInstant().atZone(zone).toLocalDate() : null;
  }

  /**
   * The day Parcours reminds the person of a task that no law times, when a timer on the task names a
   * row of the deadlines table whose law sets no time limit ({@link DeadlineRule#parcoursReminder()}: the copy to
   * the CNPs) and that window still runs; null otherwise. The page then says both: no regulatory time limit, and the
   * reminder's day, as the window's row says it.
   */
  private LocalDate parcoursReminder(Task task, Map<String, Map<String, Object>> variables, DeadlineTable table,
      String pathway) {
    var model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
    for (var timer : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BoundaryEvent.class)) {
      if (timer.getAttachedTo() == null || !timer.getAttachedTo().getId().equals(task.getTaskDefinitionKey())
          || timer.getExtensionElements() == null) {
        continue;
      }
      String window = timer.getExtensionElements().getChildElementsByType(
          org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).stream()
          .flatMap(properties -> properties.getCamundaProperties().stream())
          .filter(property -> "window".equals(property.getCamundaName()))
          .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty::getCamundaValue).filter(Objects::nonNull)
          .map(String::trim).findFirst().orElse(null);
      if (window == null || !table.find(window, pathway).map(DeadlineRule::parcoursReminder).orElse(false)) {
        continue;
      }
      Optional<ClockReading> running = variables.getOrDefault(task.getProcessInstanceId(), Map.of()).entrySet()
          .stream().flatMap(e -> Clocks.stored(e.getKey(), e.getValue()).stream())
          .filter(clock -> clock.clockId().equals(window)).map(clock -> clock.read(now()))
          .filter(reading -> reading.state() == ClockState.RUNNING && reading.dueAt() != null
              && reading.dueAt().isAfter(now())).findFirst();
      if (running.isPresent()) {
        return dateOf(running.get().dueAt());
      }
    }
    return null;
  }

  /**
   * What a timer of a window that the dossier waits at means: the window runs until its last day ("Prise en charge
   * anticipée en cours, jusqu’au 30 novembre 2027 inclus"), not "waiting for « Fin de la prise en charge proche »",
   * the name of the reminder's timer, which the vendor read as something pending (walk of 3 December 2026). The timer
   * names its window by the property {@code window} (element template "Response window timer"). Null for another
   * timer, or a window the dossier holds no running clock of.
   */
  private String windowRunning(Viewer viewer, HistoricProcessInstance instance, String timerId,
      List<RegulatoryClock> clocks) {
    var element = repository.getBpmnModelInstance(instance.getProcessDefinitionId()).getModelElementById(timerId);
    if (!(element instanceof org.camunda.bpm.model.bpmn.instance.BaseElement base)
        || base.getExtensionElements() == null) {
      return null;
    }
    String window = base.getExtensionElements().getChildElementsByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> "window".equals(property.getCamundaName())).map(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty::getCamundaValue).findFirst().orElse(null);
    if (window == null) {
      return null;
    }
    return clocks.stream().filter(clock -> clock.clockId().equals(window.trim())).map(clock -> clock.read(now()))
        .filter(reading -> reading.state() == ClockState.RUNNING && reading.lastDay() != null).findFirst()
        .map(reading -> text(viewer.locale(), "step.windowRuns", messages.getMessage("window." + window.trim(), null,
            window.trim(), viewer.locale()), LegalDates.until(reading.lastDay(), viewer.locale())))
        .orElse(null);
  }

  /**
   * Whether a task of that part has a due date, whoever it is offered to: the vendor reads on the page the agency's step
   * and the window that dates it, not the task itself, which her rights would hide from this query.
   */
  private boolean hasDatedTask(String instanceId) {
    var current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return tasks.createTaskQuery().processInstanceId(instanceId).dueAfter(new java.util.Date(0)).count() > 0;
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  /** A colleague as Tasklist names her: first and last name, else her login. */
  private String fullName(String userId) {
    var current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      var user = identity.createUserQuery().userId(userId).singleResult();
      String name = user == null ? "" : (Objects.requireNonNullElse(user.getFirstName(), "") + " "
          + Objects.requireNonNullElse(user.getLastName(), "")).trim();
      return name.isEmpty() ? userId : name;
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  /**
   * What the vendor does elsewhere while an agency's step of an open part waits on it: the Démarches Simplifiées
   * filing the ministry then records, the INS test day she organises with the ANS. A step says so in the page's words
   * ({@code outside.<step id>} in {@code i18n/dossiers*.properties}), with where to do it ({@code .link}, else the
   * dossier's messages) and the window that binds it ({@code .window}, a row of the deadlines table), so that the page
   * never says "nothing to do" while the dossier waits for her.
   */
  private List<NextStep> outsideActions(Viewer viewer, String number, List<HistoricProcessInstance> parts,
      Map<String, Map<String, Object>> variables) {
    List<NextStep> found = new ArrayList<>();
    for (HistoricProcessInstance part : parts) {
      if (part.getEndTime() != null) {
        continue;
      }
      for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
          .processInstanceId(part.getId()).activityType("userTask").unfinished().listPage(0, 100)) {
        String key = "outside." + step.getActivityId();
        String sentence = messages.getMessage(key, null, null, viewer.locale());
        if (sentence == null) {
          continue;
        }
        String link = messages.getMessage(key + ".link", null, "/dossiers/" + number + "#messages", viewer.locale());
        String window = messages.getMessage(key + ".window", null, null, viewer.locale());
        LocalDate day = window == null ? null : variables.getOrDefault(part.getId(), Map.of()).entrySet().stream()
            .flatMap(e -> Clocks.stored(e.getKey(), e.getValue()).stream())
            .filter(clock -> clock.clockId().equals(window)).map(clock -> clock.read(now()).lastDay()).filter(Objects::nonNull).findFirst().orElse(null);
        found.add(new NextStep(null, sentence, day == null ? text(viewer.locale(), "due.none")
            : LegalDates.until(day, viewer.locale()), day, link, null));
      }
    }
    return found;
  }

  /** The steps the instance waits at, each with who it waits for: "« Examiner les preuves », à l’ANS". */
  private List<String> waitingSteps(Viewer viewer, HistoricProcessInstance instance, Set<String> mine,
      Set<String> onHold, Map<String, ClosedWindow> closing, List<RegulatoryClock> clocks) {
    List<String> steps = new ArrayList<>();
    for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).unfinished().orderByHistoricActivityInstanceStartTime().asc()
        .listPage(0, 100)) {
      if (!WAITING.contains(step.getActivityType()) || step.getActivityName() == null) {
        continue;
      }
      String running = "intermediateTimer".equals(step.getActivityType())
          ? windowRunning(viewer, instance, step.getActivityId(), clocks) : null;
      if (running != null) {
        steps.add(running);
      } else if (!"userTask".equals(step.getActivityType())) {
        steps.add(text(viewer.locale(), "step.event", step.getActivityName()));
      } else if (mine.contains(step.getTaskId()) && closing.containsKey(step.getTaskId())) {
        ClosedWindow closed = closing.get(step.getTaskId());
        steps.add(text(viewer.locale(), closed.failed() ? "step.yoursClosedFailed" : "step.yoursClosed",
            step.getActivityName(), LegalDates.date(dateOf(closed.lastMoment()), viewer.locale())));
      } else if (mine.contains(step.getTaskId())) {
        // a task of hers that waits for something outside the dossier is not hers "to do" yet (walk 10: the line said
        // so under the sentence saying when it opens)
        steps.add(text(viewer.locale(), onHold.contains(step.getTaskId()) ? "step.yoursOnHold" : "step.yours",
            step.getActivityName()));
      } else {
        steps.add(text(viewer.locale(), "step.with", step.getActivityName(), whoWorks(viewer, step.getTaskId())));
      }
    }
    return steps;
  }

  /**
   * The last day of the task's window when that window has closed but the engine has not fired its timer yet (its job
   * runs seconds later, or at the next start): Tasklist then refuses the task (security.FormFieldsOnly), and the page
   * says so rather than « à vous de le faire » ({@link ClosedWindow}, the rule both use); when the timer's job failed,
   * that an administrator takes the step up, not that it closes « dans un instant », which it would say for ever.
   * The job is read without the person's rights: the task is one she may already see.
   */
  private ClosedWindow windowClosed(Task task) {
    return commands.execute(context -> ClosedWindow.of(context, task.getId())).orElse(null);
  }

  /** Who a task is offered to, as a group: the agency's short name, or "the vendor". */
  private String whoWorks(Viewer viewer, String taskId) {
    if (taskId == null) {
      return text(viewer.locale(), "who.agency");
    }
    Set<String> who = new LinkedHashSet<>();
    for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().taskId(taskId)
        .type(IdentityLinkType.CANDIDATE).listPage(0, 20)) {
      if (link.getGroupId() != null) {
        who.add(groupLabel(viewer.locale(), link.getGroupId()));
      }
    }
    return who.isEmpty() ? text(viewer.locale(), "who.agency") : String.join(", ", who);
  }

  private String groupLabel(Locale locale, String groupId) {
    if (groupId.startsWith(Roles.VENDOR_GROUP_PREFIX)) {
      return text(locale, "who.vendor");
    }
    return reviewers.find(groupId).map(Roles.Reviewer::shortName).orElse(groupId);
  }

  private String trackState(Locale locale, HistoricProcessInstance instance, List<String> steps) {
    if (instance.getEndTime() == null) {
      return steps.isEmpty() ? text(locale, "track.running") : String.join(" ; ", steps);
    }
    String day = LegalDates.date(dateOf(instance.getEndTime().toInstant()), locale);
    String end = endOf(instance);
    boolean stopped = instance.getState() != null && instance.getState().endsWith("TERMINATED");
    String thrown = stopped && end == null ? errorEndOf(instance) : null;
    if (thrown != null) { // it ended there, its caller went on (walk 15: « arrêté le … » for an unfavourable opinion)
      end = thrown;
      stopped = false;
    }
    return end == null ? text(locale, stopped ? "track.stopped" : "track.ended", day)
        : text(locale, stopped ? "track.stoppedAs" : "track.endedAs", day, end);
  }

  /** The end event a finished instance reached, as its diagram names it. */
  private String endOf(HistoricProcessInstance instance) {
    if (instance.getEndActivityId() == null) {
      return null;
    }
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(instance.getEndActivityId()).listPage(0, 1).stream().map(HistoricActivityInstance::getActivityName)
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  /**
   * The error end event a part reached ("Avis défavorable"): its caller caught the error and ended the part, which
   * history then records as terminated with no end of its own.
   */
  private String errorEndOf(HistoricProcessInstance instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityType("errorEndEvent").listPage(0, 1).stream().map(HistoricActivityInstance::getActivityName)
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** How the clocks record a window closed by the end of a step or of a part: "Closed: Certificat délivré". */
  private static final String CLOSED = "Closed: ";

  /** When a part of the dossier ended, and the step it ended at ("Certificat délivré"; empty when unnamed). */
  private record Ended(Instant at, String step) { }

  /**
   * Whether this window closed with a draft opinion rather than the opinion: the CNEDiMTS's, on a track that sends
   * the draft first (a brand name), once its examination gave one (neither complements asked nor none given).
   */
  private static boolean draftOpinion(RegulatoryClock clock, Map<String, Object> own) {
    return "CNEDIMTS_OPINION".equals(clock.clockId()) && Boolean.TRUE.equals(own.get(DRAFT_OPINION_FIRST))
        && ("FAVOURABLE".equals(own.get(CNEDIMTS_DECISION)) || "UNFAVOURABLE".equals(own.get(CNEDIMTS_DECISION)));
  }

  /** Whether a window closed on {@code closedAt} passed: closed after its last day, whatever step was open then. */
  static boolean passed(boolean reminder, LocalDate lastDay, LocalDate closedOn) {
    return !reminder && lastDay != null && closedOn.isAfter(lastDay);
  }

  private Window window(Locale locale, RegulatoryClock clock, ClockReading reading, DeadlineRule rule,
      String pathway, LocalDate today, Ended ended, boolean draftOpinion) {
    String label = messages.getMessage("window." + clock.clockId(), null,
        rule == null ? clock.clockId() : rule.measures(), locale);
    boolean reminder = rule != null && rule.parcoursReminder();
    // a row whose length the agency sets when it asks: the length it set (the clock's), the table's least beside it
    String ruleText = rule == null ? "" : rule.agencySetsLength()
        ? text(locale, "window.rule.asked", LegalDates.length(clock.terms().budget().period(), locale),
            LegalDates.length(rule.duration().period(), locale), rule.startsOn(locale), rule.source(locale, pathway))
        : text(locale, reminder ? "window.rule.reminder" : "window.rule",
            LegalDates.length(rule.duration().period(), locale), rule.startsOn(locale), rule.source(locale, pathway));
    ClockState state = reading.state();
    boolean stillOpen = state == ClockState.RUNNING || state == ClockState.PAUSED;
    if (stillOpen && ended != null) {
      state = ClockState.STOPPED;
    }
    boolean open = state == ClockState.RUNNING || state == ClockState.PAUSED;
    String lastDay = reading.lastDay() == null ? "" : LegalDates.until(reading.lastDay(), locale);
    long paused = reading.pausedTime() == null ? 0 : reading.pausedTime().toDays();
    String pausedText = paused == 0 ? "" : text(locale, "window.pausedFor", LegalDates.days(paused, locale));
    String sentence;
    if (reminder && state == ClockState.RUNNING && reading.dueAt() != null) {
      // no law sets it: not "il reste 7 jours", but the day Parcours reminds (or reminded)
      String remindOn = LegalDates.date(dateOf(reading.dueAt()), locale);
      sentence = text(locale, reading.dueAt().isAfter(now()) ? "window.reminder" : "window.reminded", label, remindOn);
      lastDay = text(locale, "window.reminderOn", remindOn);
    } else if (state == ClockState.RUNNING) {
      long left = reading.lastDay().toEpochDay() - today.toEpochDay();
      sentence = left > 0 ? text(locale, "window.left", label, LegalDates.days(left, locale), lastDay, pausedText)
          : left == 0 ? text(locale, "window.lastDayToday", label, pausedText)
          : text(locale, "window.overdue", label, LegalDates.days(-left, locale),
              LegalDates.date(reading.lastDay(), locale));
    } else if (state == ClockState.PAUSED) {
      ClockReading.Pause current = reading.pauses().isEmpty() ? null : reading.pauses().get(reading.pauses().size() - 1);
      sentence = text(locale, "window.paused", label,
          current == null ? "" : LegalDates.date(dateOf(current.from()), locale),
          current == null ? "" : because(locale, current.reason()), pausedText);
    } else if (state == ClockState.STOPPED) {
      ClockEntry last = clock.ledger().get(clock.ledger().size() - 1);
      Instant closedAt = stillOpen ? ended.at() : last.at();
      String step = stillOpen ? ended.step()
          : last.reason() != null && last.reason().startsWith(CLOSED) ? last.reason().substring(CLOSED.length()) : "";
      String closedOn = LegalDates.date(dateOf(closedAt), locale);
      // closed after its last day: it passed, whatever step was open then (« clos le 15 janvier (Répondre au projet
      // d’avis) » read as if the vendor had answered, walk 11)
      boolean passed = passed(reminder, reading.lastDay(), dateOf(closedAt));
      String lastDayText = passed ? LegalDates.date(reading.lastDay(), locale) : null;
      sentence = passed ? (step.isBlank() ? text(locale, "window.passed", label, lastDayText, closedOn)
              : text(locale, "window.passedAt", label, lastDayText, closedOn, step))
          // the brand name's draft opinion closed it, in time: the final opinion follows, bound by no window (walk 11)
          : draftOpinion ? text(locale, "window.draftOpinionAdopted", label, closedOn)
          : step.isBlank() ? text(locale, "window.closed", label, closedOn)
          : text(locale, "window.closedAt", label, closedOn, step);
    } else {
      sentence = text(locale, "window.notStarted", label);
    }
    // a pause that ends on the day the window opened takes none of its days out: that day is not one of them
    LocalDate opened = reading.startedAt() == null ? null : dateOf(reading.startedAt());
    List<String> pauses = reading.pauses().stream().map(p -> p.to() == null
        ? text(locale, "pause.since", LegalDates.date(dateOf(p.from()), locale), because(locale, p.reason()))
        : text(locale, "pause.between", LegalDates.date(dateOf(p.from()), locale),
            LegalDates.date(dateOf(p.to()), locale), because(locale, p.reason()))
            + (opened != null && !dateOf(p.to()).isAfter(opened) ? text(locale, "pause.onOpeningDay") : ""))
        .toList();
    return new Window(clock.clockId(), label, ruleText, text(locale, "window.state." + state.name()), open,
        sentence, openedOn(locale, clock, reading),
        lastDay, !reminder && state == ClockState.RUNNING && reading.lastDay().isBefore(today), pauses);
  }

  /**
   * The column "Ouvert le": the day the window opened; for a window counted back from a later date (the renewal's,
   * 120 days before the registration's end) that date is after its last day, so it says what it counts back from.
   */
  private String openedOn(Locale locale, RegulatoryClock clock, ClockReading reading) {
    if (reading.startedAt() == null) {
      return "";
    }
    String day = LegalDates.date(dateOf(reading.startedAt()), locale);
    return clock.terms().budget().isNegative() ? text(locale, "window.countedBackFrom", day) : day;
  }

  /** " — en attente de l’industriel : Fournir des compléments", or nothing when no reason was recorded. */
  private String because(Locale locale, String recorded) {
    String reason = reason(locale, recorded);
    return reason.isEmpty() ? "" : text(locale, "pause.because", reason);
  }

  /** The reasons the clocks record ("Waiting for the vendor: Fournir des compléments"), in the page's words. */
  String reason(Locale locale, String recorded) {
    if (recorded == null || recorded.isBlank()) {
      return "";
    }
    for (String[] known : new String[][] {{"Waiting for the vendor: ", "reason.waiting"},
        {"The vendor answered: ", "reason.answered"}, {"The dossier moved: ", "reason.moved"},
        {CLOSED, "reason.closed"}, {"Opened: ", "reason.opened"}}) {
      if (recorded.startsWith(known[0])) {
        return text(locale, known[1], recorded.substring(known[0].length()));
      }
    }
    return recorded;
  }

  // ---- the dossier page ----

  private List<HistoricActivityInstance> activities(List<HistoricProcessInstance> visible) {
    List<HistoricActivityInstance> all = new ArrayList<>();
    for (HistoricProcessInstance instance : visible) {
      all.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
          .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
          .listPage(0, MAX_INSTANCES));
    }
    return all;
  }

  private List<Diagram> diagrams(List<HistoricProcessInstance> visible, List<HistoricActivityInstance> steps) {
    List<Diagram> diagrams = new ArrayList<>();
    for (HistoricProcessInstance instance : visible) {
      Set<String> active = new LinkedHashSet<>();
      Set<String> done = new LinkedHashSet<>();
      steps.stream().filter(s -> s.getProcessInstanceId().equals(instance.getId())).forEach(s -> {
        if (s.getEndTime() == null) {
          active.add(s.getActivityId());
        } else {
          done.add(s.getActivityId());
        }
      });
      done.removeAll(active);
      diagrams.add(new Diagram(instance.getId(), nameOf(instance), List.copyOf(active), List.copyOf(done)));
    }
    return diagrams;
  }

  private List<Event> timeline(Viewer viewer, List<HistoricProcessInstance> visible,
      List<HistoricActivityInstance> steps, DeadlineTable table) {
    Map<String, Map<String, Object>> variables = variables(visible.stream().map(HistoricProcessInstance::getId)
        .toList());
    Locale locale = viewer.locale();
    Map<String, String> names = new HashMap<>();
    visible.forEach(i -> names.put(i.getId(), nameOf(i)));
    Set<String> colleagues = viewer.vendor() ? colleaguesOf(viewer) : Set.of();
    DateTimeFormatter time = DateTimeFormatter.ofPattern(viewer.english() ? "d MMM yyyy, HH:mm" : "d MMM yyyy, HH:mm",
        viewer.english() ? Locale.ENGLISH : Locale.FRENCH);
    List<HistoricActivityInstance> told = steps.stream()
        .filter(s -> TOLD.contains(s.getActivityType()) && s.getActivityName() != null)
        .sorted(Comparator.comparing((HistoricActivityInstance s) -> s.getEndTime() == null ? s.getStartTime()
            : s.getEndTime())).toList();
    List<Event> events = new ArrayList<>();
    for (HistoricActivityInstance step : told) {
      boolean ongoing = step.getEndTime() == null;
      Instant at = (ongoing ? step.getStartTime() : step.getEndTime()).toInstant();
      String who = "";
      String what = step.getActivityName();
      LocalDate passedOn = ongoing || !step.isCanceled() ? null
          : lastDayPassedAt(step, variables.getOrDefault(step.getProcessInstanceId(), Map.of()), table);
      if (passedOn != null) {
        // nobody did it: its window passed and Parcours closed it (« par l’industriel » read as if she had answered,
        // walk 11), by the rule of the windows' own sentence
        what = text(locale, "timeline.passed", what, LegalDates.date(passedOn, locale),
            whoWorks(viewer, step.getTaskId()));
      } else if ("userTask".equals(step.getActivityType())) {
        String assignee = step.getAssignee();
        if (assignee != null && (!viewer.vendor() || colleagues.contains(assignee))) {
          who = assignee;
        } else {
          who = whoWorks(viewer, step.getTaskId());
        }
      }
      events.add(new Event(time.format(at.atZone(zone)), names.getOrDefault(step.getProcessInstanceId(), ""),
          what, who.isEmpty() ? text(locale, "who.parcours") : who, ongoing));
    }
    return events;
  }

  /**
   * The last day of the window that closed at this step after that day ({@link #passed}), or null: a step cancelled
   * because its window passed, which nobody did.
   */
  private LocalDate lastDayPassedAt(HistoricActivityInstance step, Map<String, Object> own, DeadlineTable table) {
    String pathway = own.get(PATHWAY) instanceof String p ? p : null;
    for (RegulatoryClock clock : own.entrySet().stream().flatMap(e -> Clocks.stored(e.getKey(), e.getValue())
        .stream()).toList()) {
      ClockReading reading = clock.read(now());
      ClockEntry last = clock.ledger().isEmpty() ? null : clock.ledger().get(clock.ledger().size() - 1);
      boolean reminder = table.find(clock.clockId(), pathway).map(DeadlineRule::parcoursReminder).orElse(false);
      if (reading.state() == ClockState.STOPPED && last != null
          && (CLOSED + step.getActivityName()).equals(last.reason())
          && passed(reminder, reading.lastDay(), dateOf(last.at()))) {
        return reading.lastDay();
      }
    }
    return null;
  }

  /** The users of the vendor's company: a vendor reads its colleagues' names, never a reviewer's. */
  private Set<String> colleaguesOf(Viewer viewer) {
    Set<String> users = new HashSet<>();
    for (String group : viewer.groupIds()) {
      if (group.startsWith(Roles.VENDOR_GROUP_PREFIX)) {
        identity.createUserQuery().memberOfGroup(group).listPage(0, MAX_INSTANCES)
            .forEach(u -> users.add(u.getId()));
      }
    }
    return users;
  }

  private List<Mail> mails(Viewer viewer, List<HistoricProcessInstance> visible) {
    Locale locale = viewer.locale();
    DateTimeFormatter time = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
        viewer.english() ? Locale.ENGLISH : Locale.FRENCH);
    return journal.ofDossier(visible.stream().map(HistoricProcessInstance::getId).toList()).stream()
        .map(row -> Mail.of(row, time.format(row.createdAt().atZone(zone)),
            text(locale, "mail.status." + row.status().name()),
            row.sentAt() == null ? "" : time.format(row.sentAt().atZone(zone))))
        .toList();
  }

  // ---- words ----

  private static String nameOf(HistoricProcessInstance instance) {
    return instance.getProcessDefinitionName() == null ? instance.getProcessDefinitionKey()
        : instance.getProcessDefinitionName();
  }

  private static String join(Object name, Object version) {
    String n = name == null ? "" : name.toString();
    return version == null || version.toString().isBlank() ? n : n + " " + version;
  }

  String text(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  LocalDate today() {
    return dateOf(now());
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
