package fr.parcours.config;

import static fr.parcours.support.Figures.loadAverage;
import static fr.parcours.support.Figures.percentile;

import fr.parcours.ParcoursApplication;
import com.sun.management.OperatingSystemMXBean;
import fr.parcours.support.TestSmtp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Prints Parcours' start-up against a bare Camunda 7.24 webapp on the same Spring Boot, the same starters and
 * the same kind of database, started alternately in one JVM on a free port (the order rotated each round), as
 * medians with their interquartile range, and the ratio of the medians and per round: first
 * on an empty in-memory H2 database each time (schema made, everything deployed), then restarted on the database
 * of its previous start; with, between them, the bare webapp deploying Parcours' diagrams and forms (the models'
 * share), the time each spends in its runners (Parcours' set-up), the processor time each start took (the starting
 * thread's and the whole JVM's: far less disturbed than elapsed time by what else the shared machine runs), and
 * the steps of Parcours' start-up that cost most beside the bare webapp's (Spring's start-up steps, beans created,
 * by their own processor time). No timing assertion.
 *
 * <p>{@code mvn -B -ntp -o verify -Pbenchmarks -Dtest=StartupBenchmark}; {@code -Dstartup.rounds=9},
 * {@code -Dstartup.databases=restart} (or {@code empty}) for one of the two comparisons, {@code -Dstartup.trace=true}
 * to print each start's bounds (to cut a flight recording, {@code -Dtest.jvm.flags=-XX:StartFlightRecording=...},
 * into starts), the classes it loaded and the time the JVM spent compiling and collecting meanwhile.
 */
class StartupBenchmark {

  /** Rounds not counted: the JIT is still compiling much of the start-up code for the first few. */
  static final int WARM_UP = Integer.getInteger("startup.warmup", 3);
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static final int ROUNDS = Integer.getInteger("startup.rounds", 9);
  /** "empty", "restart" or both (the default): which of the two comparisons to run. */
  static final String DATABASES = System.getProperty("startup.databases", "empty,restart");
  /** Prints each start's kind and wall-clock bounds, to cut a flight recording of the run into starts. */
  static final boolean TRACE = Boolean.getBoolean("startup.trace");
  /**
   * Adds Parcours started from Spring's ahead-of-time processing (the package built with {@code -Daot.profiles=demo
   * -Daot.demo.mailbox=false}: the demo profile and the benchmark's switched-off mailbox fixed at build time).
   */
  static final boolean AOT = Boolean.getBoolean("startup.aot");

  /** A Camunda webapp and REST API with nothing of Parcours: the starters' auto-configuration alone. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class BareCamundaWebapp {
  }

  /** One kind of application: how it is built, and its start-ups. */
  record Kind(String label, Function<BufferingApplicationStartup, SpringApplicationBuilder> builder,
      List<Start> starts) {
  }

  /**
   * One start: its time, the time its runners took (from "started" to "ready"), the processor time it took (the
   * starting thread's, and the whole JVM's: compiler, collector and the application's own threads too), and
   * its steps. Processor time depends far less than elapsed time on what else the shared machine runs.
   */
  record Start(long millis, long runnerMillis, long runnerCpuMillis, long threadCpuMillis, long processCpuMillis,
      CpuTimedSteps steps) {
  }

  /**
   * Spring's steps of a start-up (bean created, configuration parsed...), each with the processor time its thread
   * spent in it, which a loaded machine disturbs far less than the elapsed time {@link BufferingApplicationStartup}
   * records.
   */
  static final class CpuTimedSteps implements ApplicationStartup {

    final BufferingApplicationStartup buffer = new BufferingApplicationStartup(20_000);
    final Map<Long, Long> cpuNanos = new ConcurrentHashMap<>();

    @Override
    public StartupStep start(String name) {
      StartupStep step = buffer.start(name);
      long thread = Thread.currentThread().getId();
      long from = THREADS.getCurrentThreadCpuTime();
      return new StartupStep() {
        @Override
        public String getName() {
          return step.getName();
        }

        @Override
        public long getId() {
          return step.getId();
        }

        @Override
        public Long getParentId() {
          return step.getParentId();
        }

        @Override
        public StartupStep tag(String key, String value) {
          step.tag(key, value);
          return this;
        }

        @Override
        public StartupStep tag(String key, Supplier<String> value) {
          step.tag(key, value);
          return this;
        }

        @Override
        public Tags getTags() {
          return step.getTags();
        }

        @Override
        public void end() {
          if (Thread.currentThread().getId() == thread) {
            cpuNanos.put(step.getId(), THREADS.getCurrentThreadCpuTime() - from);
          }
          step.end();
        }
      };
    }
  }

  @Test
  void printTheStartUpAgainstABareCamundaWebapp() {
    for (boolean empty : new boolean[] {true, false}) {
      if (!DATABASES.contains(empty ? "empty" : "restart")) {
        continue;
      }
      List<Kind> kinds = new ArrayList<>(List.of(
          new Kind("bare Camunda 7.24 webapp + REST, H2 in memory", steps -> bare(), new ArrayList<>()),
          new Kind("the same, deploying Parcours' diagrams and forms", steps -> bareDeployingParcoursModels(),
              new ArrayList<>()),
          new Kind("Parcours (demo profile), H2 in memory", StartupBenchmark::parcours, new ArrayList<>())));
      if (AOT) {
        kinds.add(new Kind("Parcours (demo profile), ahead-of-time processed", StartupBenchmark::parcours,
            new ArrayList<>()));
        // in a class loader of their own (BareWebappAheadOfTime): no builder here
        kinds.add(new Kind("bare webapp, ahead-of-time processed", null, new ArrayList<>()));
        kinds.add(new Kind("the same, deploying Parcours' models, ahead-of-time", null, new ArrayList<>()));
      }
      // restarts: each kind of application on its own database, made by its first start (the warm-up); by
      // identity, as a kind's record changes with its starts (until December 2026 the restarts after the first
      // round looked their database up by value, found none, and started on an empty one)
      Map<Kind, String> databases = new IdentityHashMap<>();
      kinds.forEach(kind -> databases.put(kind, "db-" + UUID.randomUUID()));
      for (int round = 0; round < WARM_UP + ROUNDS; round++) {
        // alternately, and in a different order each round, so that a burst of load falls on each kind in turn
        List<Kind> order = new ArrayList<>(kinds);
        Collections.rotate(order, round);
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (Kind kind : order) {
          long from = System.currentTimeMillis();
          long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
          long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
          long collecting = ManagementFactory.getGarbageCollectorMXBeans().stream()
              .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
          Start start = timed(kind, empty ? null : databases.get(kind));
          if (TRACE) {
            System.out.printf("TRACE %s round %d %d %d %s | classes +%d compiling %d ms collecting %d ms wall %d"
                + " cpu %d thread %d%n", empty ? "empty" : "restart", round, from,
                System.currentTimeMillis(), kind.label(),
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() - collecting,
                start.millis(), start.processCpuMillis(), start.threadCpuMillis());
          }
          if (round >= WARM_UP) {
            kind.starts().add(start);
          }
        }
        // the code of the bare webapp's own class loader runs in its two kinds only, that of the test's loader in
        // four: each of the two once more, not counted, so that the JIT sees both loaders' code as often
        for (Kind kind : kinds) {
          if (kind.builder() == null) {
            timed(kind, empty ? null : databases.get(kind));
          }
        }
      }
      System.out.printf("%nBENCHMARK start-up %s, %d rounds after %d of warm-up, alternately in one JVM (order rotated"
          + " each round), milliseconds: median [interquartile range p25–p75] min; runners (Parcours' set-up,"
          + " from \"started\" to \"ready\") median; shared 2-core machine, load average %s%n",
          empty ? "on an EMPTY database (first start)" : "on the database of its previous start (a restart)",
          ROUNDS, WARM_UP, loadAverage());
      for (Kind kind : kinds) {
        List<Long> millis = kind.starts().stream().map(Start::millis).toList();
        System.out.printf("  %-52s %6d [%6d–%6d] %6d; runners %4d (processor %4d); processor: starting thread %5d,"
            + " JVM %5d%n", kind.label(), percentile(millis, 50), percentile(millis, 25), percentile(millis, 75),
            Collections.min(millis), percentile(kind.starts().stream().map(Start::runnerMillis).toList(), 50),
            percentile(kind.starts().stream().map(Start::runnerCpuMillis).toList(), 50),
            percentile(kind.starts().stream().map(Start::threadCpuMillis).toList(), 50),
            percentile(kind.starts().stream().map(Start::processCpuMillis).toList(), 50));
      }
      for (int parcours = 2; parcours < Math.min(4, kinds.size()); parcours++) {
        System.out.printf("  %s:%n", kinds.get(parcours).label());
        printRatio("elapsed time", kinds, parcours, 0, Start::millis);
        printRatio("processor time of the starting thread", kinds, parcours, 0, Start::threadCpuMillis);
        printRatio("processor time of the whole JVM", kinds, parcours, 0, Start::processCpuMillis);
      }
      if (AOT) {
        System.out.printf("  both ahead-of-time processed, Parcours against the bare webapp so started (the like"
            + " for like comparison):%n");
        printRatio("elapsed time", kinds, 3, 4, Start::millis);
        printRatio("processor time of the starting thread", kinds, 3, 4, Start::threadCpuMillis);
        printRatio("processor time of the whole JVM", kinds, 3, 4, Start::processCpuMillis);
        System.out.printf("  ahead-of-time processed bare webapp / bare webapp, per round, processor time of the"
            + " starting thread: %s%n", perRound(kinds.get(4), kinds.get(0), Start::threadCpuMillis));
        System.out.printf("  ahead-of-time processed Parcours / Parcours, per round, processor time of the starting"
            + " thread: %s%n", perRound(kinds.get(3), kinds.get(2), Start::threadCpuMillis));
      }
      for (int parcours = 2; parcours < Math.min(4, kinds.size()); parcours++) {
        System.out.printf("  %s:%n", kinds.get(parcours).label());
        printCostliest(kinds.get(parcours).starts(), kinds.get(0).starts());
      }
    }
  }

  /**
   * Parcours against the bare webapp, and against the bare webapp deploying the same models (the fair comparison on
   * an empty database, where both deploy and check the same 69 files): the ratio of the medians, and the median and
   * quartiles of each round's.
   */
  private static void printRatio(String what, List<Kind> kinds, int which, int bareKind,
      Function<Start, Long> measure) {
    List<Long> parcours = kinds.get(which).starts().stream().map(measure).toList();
    for (int against = bareKind; against < bareKind + 2; against++) {
      List<Long> bare = kinds.get(against).starts().stream().map(measure).toList();
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < bare.size(); i++) {
        ratios.add((double) parcours.get(i) / Math.max(1, bare.get(i)));
      }
      Collections.sort(ratios);
      System.out.printf("  ratio Parcours / %s, %s: of the medians %.2f; per round, median %.2f [%.2f–%.2f]%n",
          against == bareKind ? "bare" : "bare deploying the same models", what,
          (double) percentile(parcours, 50) / Math.max(1, percentile(bare, 50)), ratios.get(ratios.size() / 2),
          ratios.get(ratios.size() / 4), ratios.get(ratios.size() * 3 / 4));
    }
  }

  /** One kind's measure over another's, round by round: the median [p25–p75] of the ratios. */
  private static String perRound(Kind kind, Kind against, Function<Start, Long> measure) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < kind.starts().size(); i++) {
      ratios.add((double) measure.apply(kind.starts().get(i)) / Math.max(1, measure.apply(against.starts().get(i))));
    }
    Collections.sort(ratios);
    return String.format("%.2f [%.2f–%.2f]", ratios.get(ratios.size() / 2), ratios.get(ratios.size() / 4),
        ratios.get(ratios.size() * 3 / 4));
  }

  /** Nothing of Parcours' own configuration, migrations or diagrams: Camunda's defaults. */
  static final Map<String, Object> BARE = Map.of(
      "spring.config.name", "bare-camunda",
      "spring.flyway.enabled", "false",
      "camunda.bpm.auto-deployment-enabled", "false",
      "camunda.bpm.admin-user.id", "demo",
      "camunda.bpm.admin-user.password", "demo",
      "camunda.bpm.authorization.enabled", "true");
  /** What the bare webapp deploying Parcours' models sets besides. */
  static final Map<String, Object> MODELS = Map.of(
      "camunda.bpm.auto-deployment-enabled", "true",
      "camunda.bpm.deployment-resource-pattern", "classpath*:bpmn/**/*.bpmn,classpath*:bpmn/**/*.dmn,"
          + "classpath*:forms/**/*.form");
  private static BareWebappAheadOfTime bareAheadOfTime;

  private static SpringApplicationBuilder bare() {
    return new SpringApplicationBuilder(BareCamundaWebapp.class).properties(BARE);
  }

  /** The bare webapp deploying what Parcours deploys (no Parcours bean, no parse listener): the models' share. */
  private static SpringApplicationBuilder bareDeployingParcoursModels() {
    return bare().properties(MODELS);
  }

  /** The bare webapp's settings as command-line arguments, before those given. */
  private static String[] asArguments(boolean models, String... more) {
    Map<String, Object> settings = new LinkedHashMap<>(BARE);
    if (models) {
      settings.putAll(MODELS);
    }
    List<String> arguments = new ArrayList<>();
    settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  private static SpringApplicationBuilder parcours(BufferingApplicationStartup steps) {
    return new SpringApplicationBuilder(ParcoursApplication.class).properties(Map.of(
        "spring.profiles.active", "demo",
        "parcours.demo.mailbox.enabled", "false"));
  }

  /**
   * Started with the settings both share as arguments (above application.yml, which names a file database): an
   * in-memory database, new or of that name, a free port, and the mail port of the tests.
   */
  private static Start timed(Kind kind, String database) {
    String name = database == null ? "db-" + UUID.randomUUID() : database;
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    // Parcours' storage folders go with the database (a restart checks the evidence storage's mark against it);
    // as arguments, since application.yml overrides the builder's properties
    String[] arguments = {"--spring.datasource.url=" + url, "--spring.datasource.username=sa",
        "--parcours.evidence.storage=target/startup-benchmark/" + name + "/evidence",
        "--parcours.documents.storage=target/startup-benchmark/" + name + "/documents",
        "--spring.datasource.password=", "--server.port=0", "--spring.main.banner-mode=off",
        "--logging.level.root=warn", "--spring.jmx.enabled=false",
        "--spring.mail.port=" + TestSmtp.SMTP.getPort()};
    CpuTimedSteps steps = new CpuTimedSteps();
    if (kind.builder() == null) {
      return bareAheadOfTime(kind.label().contains("models"), arguments, steps);
    }
    SpringApplicationBuilder builder = kind.builder().apply(steps.buffer);
    builder.application().setApplicationStartup(steps);
    long[] started = new long[4];
    builder.listeners(event -> {
      if (event instanceof ApplicationStartedEvent) {
        started[0] = System.nanoTime();
        started[2] = THREADS.getCurrentThreadCpuTime();
      } else if (event instanceof ApplicationReadyEvent) {
        started[1] = System.nanoTime();
        started[3] = THREADS.getCurrentThreadCpuTime();
      }
    });
    boolean aot = kind.label().contains("ahead-of-time");
    if (aot) {
      // Spring reads the switch at each start; the generated initializer is named after the main class
      System.setProperty("spring.aot.enabled", "true");
      builder.main(ParcoursApplication.class);
    }
    long threadCpu = THREADS.getCurrentThreadCpuTime();
    long processCpu = PROCESS.getProcessCpuTime();
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context = builder.run(arguments)) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      long threadCpuMillis = (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1_000_000;
      long processCpuMillis = (PROCESS.getProcessCpuTime() - processCpu) / 1_000_000;
      SpringApplication.exit(context);
      return new Start(millis, (started[1] - started[0]) / 1_000_000, (started[3] - started[2]) / 1_000_000,
          threadCpuMillis, processCpuMillis, steps);
    } finally {
      System.clearProperty("spring.aot.enabled");
    }
  }

  /** The bare webapp started from its ahead-of-time processing, made at the first such start (no steps recorded). */
  private static Start bareAheadOfTime(boolean models, String[] arguments, CpuTimedSteps steps) {
    try {
      if (bareAheadOfTime == null) {
        // processed with the settings that fix its conditions (the database's name and the port are read at start)
        bareAheadOfTime = BareWebappAheadOfTime.prepare(Path.of("target/startup-benchmark/bare-aot"),
            asArguments(false, arguments));
      }
      long processCpu = PROCESS.getProcessCpuTime();
      long[] measured = bareAheadOfTime.start(asArguments(models, arguments));
      if ((measured[2] > 0) != models) {
        throw new IllegalStateException("The bare webapp started from its processing finds " + measured[2]
            + " process definitions deployed, deploying Parcours' models: " + models);
      }
      return new Start(measured[0] / 1_000_000, 0, 0, measured[1] / 1_000_000,
          (PROCESS.getProcessCpuTime() - processCpu) / 1_000_000, steps);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The steps whose own time (what they created in turn taken off) took longest in Parcours, as medians over the
   * rounds, beside the same step's median in the bare webapp.
   */
  private static void printCostliest(List<Start> parcours, List<Start> bare) {
    Map<String, List<Long>> parcoursSteps = ownTimes(parcours);
    Map<String, List<Long>> bareSteps = ownTimes(bare);
    List<Map.Entry<String, List<Long>>> rows = new ArrayList<>(parcoursSteps.entrySet());
    rows.sort(Comparator.comparingLong((Map.Entry<String, List<Long>> row) -> percentile(row.getValue(), 50))
        .reversed());
    System.out.printf("  Parcours' costliest start-up steps, milliseconds of their own processor time (what their"
        + " thread spent in them, less the steps they contain), median over the rounds (the bare webapp's, where it"
        + " has the step; a step's name may differ: the engine is built by the first bean that needs it):%n");
    for (Map.Entry<String, List<Long>> row : rows.subList(0, Math.min(15, rows.size()))) {
      List<Long> inBare = bareSteps.get(row.getKey());
      System.out.printf("    %6d (%6s)  %s%n", percentile(row.getValue(), 50),
          inBare == null ? "-" : String.valueOf(percentile(inBare, 50)), row.getKey());
    }
    List<Map.Entry<String, List<Long>>> bareRows = new ArrayList<>(bareSteps.entrySet());
    bareRows.sort(Comparator.comparingLong((Map.Entry<String, List<Long>> row) -> percentile(row.getValue(), 50))
        .reversed());
    System.out.printf("  beans created (steps spring.beans.instantiate), median: Parcours %d, the bare webapp %d%n",
        percentile(parcours.stream().map(StartupBenchmark::beansCreated).toList(), 50),
        percentile(bare.stream().map(StartupBenchmark::beansCreated).toList(), 50));
    printBeansTheBareWebappHasNot(parcours, bare);
    System.out.printf("  the bare webapp's costliest:%n");
    for (Map.Entry<String, List<Long>> row : bareRows.subList(0, Math.min(5, bareRows.size()))) {
      System.out.printf("    %6d  %s%n", percentile(row.getValue(), 50), row.getKey());
    }
  }

  /**
   * The beans Parcours creates and the bare webapp does not (Parcours' own, and what its settings switch on: Flyway,
   * mail, templates...): how many, and their own processor time together (median over the rounds), with the
   * costliest of them.
   */
  private static void printBeansTheBareWebappHasNot(List<Start> parcours, List<Start> bare) {
    Set<String> bareBeans = new HashSet<>();
    bare.forEach(start -> ownNanosOfBeans(start).keySet().forEach(bareBeans::add));
    List<Long> totals = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    Map<String, List<Long>> byBean = new LinkedHashMap<>();
    for (Start start : parcours) {
      long total = 0;
      long count = 0;
      for (Map.Entry<String, Long> bean : ownNanosOfBeans(start).entrySet()) {
        if (!bareBeans.contains(bean.getKey())) {
          total += bean.getValue();
          count++;
          byBean.computeIfAbsent(bean.getKey(), name -> new ArrayList<>()).add(bean.getValue());
        }
      }
      totals.add(total);
      counts.add(count);
    }
    System.out.printf("  beans Parcours creates and the bare webapp does not: %d, their own processor time together"
        + " %.1f ms (median); the costliest, median ms:", percentile(counts, 50), percentile(totals, 50) / 1e6);
    byBean.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, List<Long>> bean) -> -percentile(bean.getValue(), 50)))
        .limit(12).forEach(bean -> System.out.printf(" %s %.1f;", bean.getKey(), percentile(bean.getValue(), 50) / 1e6));
    System.out.println();
  }

  /** Each bean's own processor time in a start (its creation less the beans it created meanwhile), by name. */
  private static Map<String, Long> ownNanosOfBeans(Start start) {
    Map<Long, Long> ownNanos = ownNanosByStep(start);
    Map<String, Long> own = new LinkedHashMap<>();
    for (StartupTimeline.TimelineEvent event : start.steps().buffer.getBufferedTimeline().getEvents()) {
      StartupStep step = event.getStartupStep();
      if (step.getName().equals("spring.beans.instantiate")) {
        String name = "";
        for (StartupStep.Tag tag : step.getTags()) {
          name = tag.getKey().equals("beanName") ? tag.getValue() : name;
        }
        own.merge(name, ownNanos.get(step.getId()), Long::sum);
      }
    }
    return own;
  }

  /** Each step's own processor time in a start: its thread's, less the steps it contains. */
  private static Map<Long, Long> ownNanosByStep(Start start) {
    StartupTimeline timeline = start.steps().buffer.getBufferedTimeline();
    Map<Long, Long> cpu = start.steps().cpuNanos;
    Map<Long, Long> childTime = new HashMap<>();
    for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
      Long parent = event.getStartupStep().getParentId();
      if (parent != null) {
        childTime.merge(parent, cpu.getOrDefault(event.getStartupStep().getId(), 0L), Long::sum);
      }
    }
    Map<Long, Long> own = new HashMap<>();
    for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
      long id = event.getStartupStep().getId();
      own.put(id, cpu.getOrDefault(id, 0L) - childTime.getOrDefault(id, 0L));
    }
    return own;
  }

  private static long beansCreated(Start start) {
    return start.steps().buffer.getBufferedTimeline().getEvents().stream()
        .filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate")).count();
  }

  /** Each step's own processor time per start, by name and bean (a step that never occurs in a start counts 0). */
  private static Map<String, List<Long>> ownTimes(List<Start> starts) {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    for (Start start : starts) {
      Map<Long, Long> ownNanos = ownNanosByStep(start);
      Map<String, Long> own = new LinkedHashMap<>();
      for (StartupTimeline.TimelineEvent event : start.steps().buffer.getBufferedTimeline().getEvents()) {
        StartupStep step = event.getStartupStep();
        StringBuilder name = new StringBuilder(step.getName());
        step.getTags().forEach(tag -> name.append(tag.getKey().equals("beanName") ? " " + tag.getValue() : ""));
        own.merge(name.toString(), ownNanos.get(step.getId()) / 1_000_000, Long::sum);
      }
      own.forEach((name, millis) -> times.computeIfAbsent(name, n -> new ArrayList<>()).add(millis));
    }
    times.values().forEach(list -> {
      while (list.size() < starts.size()) {
        list.add(0L);
      }
    });
    return times;
  }
}
