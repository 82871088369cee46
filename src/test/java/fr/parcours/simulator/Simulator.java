package fr.parcours.simulator;

import fr.parcours.simulator.AnswerBook.Answer;
import fr.parcours.simulator.AnswerBook.Assumption;
import fr.parcours.simulator.AnswerBook.Ending;
import fr.parcours.simulator.AnswerBook.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives N dossiers of a pathway through an engine with simulated time: the dossiers are deposited over the first
 * days, each step a person answers is answered after a time drawn from the what-if file's assumptions, and the
 * engine's clock ({@link ClockUtil}) jumps from one moment something happens to the next (an answer due, a timer due)
 * instead of waiting. At each moment, the jobs that are due (mail steps, timers) and the answers that are due run on
 * several worker threads, as the job executor's threads would, one dossier per thread at a time (its pathway and its
 * tracks together, so that two threads never work the same dossier). Answers fall at 10:00 Paris time on their day,
 * the windows' timers at midnight: the moments are few and each holds much work.
 *
 * <p>What each dossier draws depends only on the seed, its number, the step and how many times it met the step: a run
 * with the same seed takes the same decisions whatever the threads' order.
 */
final class Simulator {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalTime ANSWER_TIME = LocalTime.of(10, 0);

  /** How a run is set. */
  record Settings(int dossiers, long seed, int threads, int depositDays, int horizonDays, Instant start) {
  }

  /** A few dossiers run before the measured run, with another seed, on the same engine; not reported. */
  static Settings warmUp(Settings settings, int dossiers) {
    return new Settings(dossiers, settings.seed() + 1, settings.threads(), settings.depositDays(),
        settings.horizonDays(), settings.start());
  }

  private final Driver driver;
  private final ProcessEngine engine;
  private final ManagementService management;
  private final WhatIfFile whatIf;
  private final AnswerBook book;
  private final Settings settings;
  /** Called at each moment of simulated time (the simulation empties the test SMTP server's mailboxes with it). */
  private final Runnable atEachMoment;

  private final List<Dossier> dossiers = new ArrayList<>();
  private final Map<String, Dossier> byBusinessKey = new ConcurrentHashMap<>();
  private final Map<String, Dossier> byInstance = new ConcurrentHashMap<>();
  private final PriorityQueue<Pending> pending = new PriorityQueue<>();
  private final Set<String> seenTasks = ConcurrentHashMap.newKeySet();
  private final SimulationResult result;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, String> jobKinds = new ConcurrentHashMap<>();

  Simulator(Driver driver, WhatIfFile whatIf, Settings settings, String label, Runnable atEachMoment) {
    this.driver = driver;
    this.engine = driver.engine();
    this.management = engine.getManagementService();
    this.whatIf = whatIf;
    this.book = whatIf.book();
    this.settings = settings;
    this.atEachMoment = atEachMoment;
    this.result = new SimulationResult(label, book.pathway(), settings);
  }

  /** One dossier of the run. */
  static final class Dossier {
    final int index;
    final Instant depositAt;
    volatile String instanceId;
    volatile String businessKey;
    volatile Instant decidedAt;
    final Map<String, Integer> met = new ConcurrentHashMap<>();

    Dossier(int index, Instant depositAt) {
      this.index = index;
      this.depositAt = depositAt;
    }
  }

  /** Something a person does at a moment: deposit a dossier (no task) or answer a step. */
  record Pending(Instant at, long order, Dossier dossier, String taskId, String taskKey, Answer answer, Date due,
      boolean late) implements Comparable<Pending> {
    public int compareTo(Pending other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  SimulationResult run() {
    long wallStart = System.nanoTime();
    ClockUtil.setCurrentTime(Date.from(settings.start()));
    for (int i = 0; i < settings.dossiers(); i++) {
      long day = settings.dossiers() == 1 ? 0 : (long) i * settings.depositDays() / settings.dossiers();
      Instant at = atAnswerTime(settings.start(), day);
      Dossier dossier = new Dossier(i, at);
      dossiers.add(dossier);
      pending.add(new Pending(at, sequence.getAndIncrement(), dossier, null, null, null, null, false));
    }
    Instant horizon = settings.start().plus(Duration.ofDays(settings.horizonDays()));
    ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), work -> new Thread(() -> {
      driver.onWorkerThread();
      work.run();
    }, "simulateur-" + sequence.incrementAndGet()));
    try {
      Instant now = settings.start();
      while (true) {
        workAt(now, workers);
        long sampling = System.nanoTime();
        result.sample(now, openTasksByWho(), openDossiers());
        atEachMoment.run();
        Instant next = nextMoment(now);
        result.ownNanos.addAndGet(System.nanoTime() - sampling);
        if (next == null) {
          break;
        }
        if (next.isAfter(horizon)) {
          result.stoppedAtHorizon = true;
          break;
        }
        now = next;
        ClockUtil.setCurrentTime(Date.from(now));
        result.moments++;
      }
      result.simulatedEnd = now;
    } finally {
      workers.shutdownNow();
    }
    result.wallNanos = System.nanoTime() - wallStart;
    collectEndings();
    return result;
  }

  /** Everything due at this moment, round after round, until nothing is left to do at it. */
  private void workAt(Instant now, ExecutorService workers) {
    for (int round = 0; round < 500; round++) {
      long asked = System.nanoTime();
      Map<Object, List<Runnable>> units = new LinkedHashMap<>();
      List<Job> jobs = management.createJobQuery().executable().active().orderByJobDuedate().asc().list();
      for (Job job : jobs) {
        Dossier dossier = job.getProcessInstanceId() == null ? null : dossierOf(job.getProcessInstanceId());
        units.computeIfAbsent(dossier == null ? "sans dossier" : dossier, k -> new ArrayList<>())
            .add(() -> runJob(job));
      }
      while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
        Pending p = pending.poll();
        units.computeIfAbsent(p.dossier(), k -> new ArrayList<>()).add(() -> act(p));
      }
      result.ownNanos.addAndGet(System.nanoTime() - asked);
      if (units.isEmpty()) {
        return;
      }
      List<Future<?>> done = new ArrayList<>();
      for (Map.Entry<Object, List<Runnable>> unit : units.entrySet()) {
        done.add(workers.submit(() -> {
          unit.getValue().forEach(Runnable::run);
          if (unit.getKey() instanceof Dossier dossier) {
            carryOn(dossier);
          }
        }));
      }
      for (Future<?> future : done) {
        try {
          future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("Le simulateur a échoué : " + e.getCause(), e.getCause());
        }
      }
      long discovering = System.nanoTime();
      discoverTasks(now);
      result.ownNanos.addAndGet(System.nanoTime() - discovering);
    }
    throw new IllegalStateException("Au " + now + ", le travail ne s’arrête pas après 500 tours : une boucle ?");
  }

  /**
   * Runs the jobs the dossier's own work just made due (the next mail step, the step after it...) on the same thread
   * at once, as the job executor would, rather than at the next round: a round waits for its slowest dossier, and
   * with a round per job the worker threads waited more than they worked. The dossier's jobs are found through its
   * pathway's instance, the root of all its instances.
   */
  private void carryOn(Dossier dossier) {
    if (dossier.instanceId == null) {
      return;
    }
    for (int round = 0; round < 500; round++) {
      long asked = System.nanoTime();
      List<Job> jobs = management.createJobQuery().rootProcessInstanceId(dossier.instanceId).executable().active()
          .orderByJobDuedate().asc().list();
      result.ownNanos.addAndGet(System.nanoTime() - asked);
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(this::runJob);
    }
    result.failure("dossier " + dossier.businessKey + " : ses tâches de fond ne s’arrêtent pas après 500 tours");
  }

  private void runJob(Job job) {
    String kind = kindOf(job);
    long start = System.nanoTime();
    long cpu = cpuNanos();
    try {
      management.executeJob(job.getId());
      result.jobs.incrementAndGet();
    } catch (OptimisticLockingException e) {
      result.conflicts.incrementAndGet();
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("ENGINE-14026")) {
        // "No job found": an earlier job or answer of the same dossier, at this moment, removed it (a timer
        // cancelled when its step ended), as the job executor finds it gone
        result.jobsGone.incrementAndGet();
        return;
      }
      result.failure("job " + (job.getProcessDefinitionKey() == null ? "" : job.getProcessDefinitionKey()) + " : "
          + firstLine(e));
    } finally {
      long took = System.nanoTime() - start;
      result.jobNanos.addAndGet(took);
      result.spent(kind, took, cpuNanos() - cpu);
    }
  }

  /**
   * The processor time this thread has used: unlike the time elapsed, it does not count the time the thread waited
   * for a core that other programs of the machine held, so a glue ratio counted with it holds on a loaded machine.
   */
  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  /** « mail step, before (sends) : Event_X », « after : Event_X », « timer : Timer_Y », by its job definition. */
  private String kindOf(Job job) {
    String definitionId = job.getJobDefinitionId();
    if (definitionId == null) {
      return "tâche de fond sans définition";
    }
    return jobKinds.computeIfAbsent(definitionId, id -> {
      org.camunda.bpm.engine.management.JobDefinition definition = management.createJobDefinitionQuery()
          .jobDefinitionId(id).singleResult();
      if (definition == null) {
        return "tâche de fond sans définition";
      }
      String configuration = String.valueOf(definition.getJobConfiguration());
      String kind = configuration.startsWith("async-before") ? "asyncBefore" : configuration.startsWith("async-after")
          ? "asyncAfter" : "timer".equals(definition.getJobType()) ? "minuteur" : definition.getJobType();
      return kind + " " + definition.getActivityId();
    });
  }

  private void act(Pending p) {
    long start = System.nanoTime();
    long cpu = cpuNanos();
    try {
      if (p.taskId() == null) {
        deposit(p.dossier());
      } else {
        answer(p);
      }
    } catch (OptimisticLockingException e) {
      result.conflicts.incrementAndGet();
      synchronized (pending) {
        pending.add(new Pending(p.at(), sequence.getAndIncrement(), p.dossier(), p.taskId(), p.taskKey(), p.answer(),
            p.due(), p.late()));
      }
    } catch (RuntimeException e) {
      result.failure((p.taskKey() == null ? "dépôt" : p.taskKey() + " (" + p.answer() + ")") + " : " + firstLine(e));
    } finally {
      long took = System.nanoTime() - start;
      result.answerNanos.addAndGet(took);
      result.spent(p.taskKey() == null ? "dépôt (formulaire de démarrage)" : "réponse " + p.taskKey(), took,
          cpuNanos() - cpu);
    }
  }

  private void deposit(Dossier dossier) {
    String instanceId = driver.start(book.pathway(), book.vendor(), book.startForm(dossier.index));
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    dossier.instanceId = instanceId;
    dossier.businessKey = instance == null ? null : instance.getBusinessKey();
    byInstance.put(instanceId, dossier);
    if (dossier.businessKey != null) {
      byBusinessKey.put(dossier.businessKey, dossier);
    }
    result.deposited.incrementAndGet();
  }

  private void answer(Pending p) {
    Step step = book.steps().get(p.taskKey());
    Task task = engine.getTaskService().createTaskQuery().taskId(p.taskId()).singleResult();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (task == null) {
      // the step closed before its answer: its window passed (the vendor is late) or the dossier moved on
      if (p.due() != null && !now.isBefore(p.due().toInstant())) {
        result.missed(step.who(), p.taskKey(), true);
      } else {
        result.closedBeforeAnswer.incrementAndGet();
      }
      return;
    }
    if (step.sendsEvidence()) {
      driver.sendEvidence(task.getProcessInstanceId(), step.user());
    }
    Map<String, Object> values = new HashMap<>();
    LocalDate today = now.atZone(PARIS).toLocalDate();
    step.values(p.answer()).forEach((k, v) -> values.put(k, v instanceof AnswerBook.Dated dated ? dated.on(today) : v));
    if (p.answer() == Answer.COMPLEMENTS && step.grantsLength() != null
        && Boolean.TRUE.equals(engine.getTaskService().getVariable(task.getId(), "agencySetsLength"))) {
      // the pathway's row leaves the vendor's time to the reviewer, who types it in the form
      values.put("window_" + step.grantsLength() + "_days",
          (long) whatIf.assumptions().get(p.taskKey()).grantedDays());
    }
    driver.answer(task, step.user(), values);
    result.answered(step.who(), p.answer());
    if (task.getDueDate() != null && now.isAfter(task.getDueDate().toInstant())) {
      result.missed(step.who(), p.taskKey(), false);
    }
    if (book.decides(p.taskKey(), p.answer()) && p.dossier().decidedAt == null) {
      p.dossier().decidedAt = now;
    }
  }

  /** The tasks opened at this moment: each gets its answer, drawn now, at a later moment. */
  private void discoverTasks(Instant now) {
    List<Task> opened = engine.getTaskService().createTaskQuery()
        .taskCreatedAfter(Date.from(now.minusMillis(1))).orderByTaskCreateTime().asc().orderByTaskId().asc()
        .unlimitedList();
    for (Task task : opened) {
      if (!seenTasks.add(task.getId())) {
        continue;
      }
      Dossier dossier = dossierOf(task.getProcessInstanceId());
      Step step = book.steps().get(task.getTaskDefinitionKey());
      if (dossier == null) {
        // a dossier of an earlier run on the same engine (the warm-up's, still open on the bare engine): not ours
        result.foreignTasks.incrementAndGet();
        continue;
      }
      if (step == null) {
        result.failure("étape sans réponse dans le simulateur : " + task.getTaskDefinitionKey());
        continue;
      }
      int occurrence = dossier.met.merge(task.getTaskDefinitionKey(), 1, Integer::sum);
      Draw draw = draw(settings.seed(), dossier.index, task.getTaskDefinitionKey(), occurrence,
          whatIf.assumptions().get(task.getTaskDefinitionKey()));
      boolean late = draw.late() && task.getDueDate() != null;
      Instant at;
      if (step.beforeDue() && task.getDueDate() != null && !late) {
        // so many days before the step's last day (a renewal), at once when that day is nearer
        at = atAnswerTime(task.getDueDate().toInstant(), -Math.round(draw.days()));
        if (at.isBefore(now)) {
          at = now;
        }
      } else if (late) {
        // after the step's last day: the morning after its due moment
        at = atAnswerTime(task.getDueDate().toInstant(), 1);
      } else {
        at = atAnswerTime(now, Math.round(draw.days()));
        if (at.isBefore(now)) {
          at = now;
        }
      }
      synchronized (pending) {
        pending.add(new Pending(at, sequence.getAndIncrement(), dossier, task.getId(), task.getTaskDefinitionKey(),
            draw.answer(), task.getDueDate(), late));
      }
    }
  }

  private Instant nextMoment(Instant now) {
    Instant next = pending.isEmpty() ? null : pending.peek().at();
    List<Job> timers = management.createJobQuery().active().withRetriesLeft()
        .duedateHigherThan(Date.from(now)).orderByJobDuedate().asc().listPage(0, 1);
    if (!timers.isEmpty()) {
      Instant due = timers.get(0).getDuedate().toInstant();
      if (next == null || due.isBefore(next)) {
        next = due;
      }
    }
    return next;
  }

  private Dossier dossierOf(String processInstanceId) {
    Dossier known = byInstance.get(processInstanceId);
    if (known != null) {
      return known;
    }
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    String businessKey = instance != null ? instance.getBusinessKey()
        : java.util.Optional.ofNullable(engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId).singleResult()).map(HistoricProcessInstance::getBusinessKey)
            .orElse(null);
    Dossier dossier = businessKey == null ? null : byBusinessKey.get(businessKey);
    if (dossier != null) {
      byInstance.put(processInstanceId, dossier);
    }
    return dossier;
  }

  /**
   * The tasks waiting for their answer, by who answers: the queues. A step answered before its due day (a renewal,
   * open from the order on) is left out: it waits for its day for years, in no one's queue.
   */
  private Map<String, Integer> openTasksByWho() {
    Map<String, Integer> open = new TreeMap<>();
    for (Step step : book.steps().values()) {
      open.putIfAbsent(step.who(), 0);
    }
    synchronized (pending) {
      for (Pending p : pending) {
        // not a step that opens years before it is due (a renewal): it waits for its day, not in a queue
        if (p.taskKey() != null && !book.steps().get(p.taskKey()).beforeDue()) {
          open.merge(book.steps().get(p.taskKey()).who(), 1, Integer::sum);
        }
      }
    }
    return open;
  }

  /**
   * This run's dossiers still running (a pathway's instance is its dossier: a pathway is never called by another
   * process); not those an earlier run on the same engine left running, as a brand name's registrations live on.
   */
  private int openDossiers() {
    return (int) engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(startedIds()).count();
  }

  private Set<String> startedIds() {
    Set<String> ids = new java.util.HashSet<>();
    for (Dossier d : dossiers) {
      if (d.instanceId != null) {
        ids.add(d.instanceId);
      }
    }
    if (ids.isEmpty()) {
      ids.add("-");
    }
    return ids;
  }

  /** How each dossier ended, from the history of its pathway's instance. */
  private void collectEndings() {
    Map<String, HistoricProcessInstance> roots = new HashMap<>();
    Set<String> ids = startedIds();
    for (HistoricProcessInstance root : engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceIds(ids).unlimitedList()) {
      roots.put(root.getId(), root);
    }
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (HistoricVariableInstance v : engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids.toArray(String[]::new)).disableBinaryFetching().disableCustomObjectDeserialization()
        .unlimitedList()) {
      variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    for (Dossier d : dossiers) {
      HistoricProcessInstance root = d.instanceId == null ? null : roots.get(d.instanceId);
      Ending ending = root == null ? Ending.OPEN
          : book.classify(variables.getOrDefault(d.instanceId, Map.of()), root.getEndTime() != null);
      Instant decided = d.decidedAt;
      if (decided == null && ending == Ending.REFUSED && root.getEndTime() != null) {
        decided = root.getEndTime().toInstant(); // refused before the ministers: when the dossier closed
      }
      boolean measured = ending == Ending.DECIDED || ending == Ending.REFUSED;
      result.ended(ending, measured && decided != null ? Duration.between(d.depositAt, decided) : null);
    }
  }

  /** What a person does at a step: answers after so many days, that way, after the step's last day or not. */
  record Draw(double days, Answer answer, boolean late) {
  }

  /**
   * The draw of one dossier at one step, the n-th time it meets it: a function of the seed, the dossier's number,
   * the step and n alone, so that the threads' order never changes what a run decides.
   */
  static Draw draw(long seed, int dossier, String taskKey, int occurrence, Assumption assumption) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + dossier * 7_919L + taskKey.hashCode() * 31L
        + occurrence);
    double days = assumption.days().sample(random);
    double share = random.nextDouble();
    Answer answer = share < assumption.complements() ? Answer.COMPLEMENTS
        : share < assumption.complements() + assumption.refusals() ? Answer.REFUSAL : Answer.ORDINARY;
    return new Draw(days, answer, random.nextDouble() < assumption.late());
  }

  /** 10:00 Paris time, {@code days} days after the day of {@code from}. */
  static Instant atAnswerTime(Instant from, long days) {
    LocalDate day = from.atZone(PARIS).toLocalDate().plusDays(days);
    return day.atTime(ANSWER_TIME).atZone(PARIS).toInstant();
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
