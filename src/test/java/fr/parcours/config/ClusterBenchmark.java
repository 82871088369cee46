package fr.parcours.config;

import static fr.parcours.support.Figures.loadAverage;
import static fr.parcours.support.Figures.medianAndQuartiles;
import static fr.parcours.support.Figures.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes against one on one PostgreSQL (issue 21): the throughput of ANS certification dossiers carried from the
 * candidature to the certificate through the packaged application, by one node alone and by two nodes sharing the
 * database and the evidence folder, in alternating rounds (a, a+b, b, a+b…) of the same work.
 *
 * <pre>
 * mvn verify -Pbenchmarks -Dtest=ClusterBenchmark [-Dcluster.rounds=8 -Dcluster.dossiers=30 -Dcluster.clients=8
 *     -Dcluster.warmup=20 -Dcluster.settings="--camunda.bpm.job-execution.backoff-time-in-millis=50 ..."]
 * </pre>
 *
 * Both nodes start once, together, on an empty embedded PostgreSQL (free ports, as {@link ClusterIT}); a warm-up
 * round through both is not counted. In a one-node round the other node is frozen ({@code SIGSTOP}, after every due
 * job has run and while none of its connections is in a transaction: it holds nothing) and thawed for the next
 * two-node round ({@code SIGCONT}); the one-node rounds go to each node in turn (a, a+b, b, a+b…), so that both JVMs
 * do the same work and are warmed alike. {@code cluster.clients} people work at once: each carries one dossier (a
 * software of its own) from Alice's candidature through the deposit, admissibility, convention, evidence (the seven proofs of the SOCLE profile) and
 * Ana's review to the certificate, each request on the next node in turn (as a load balancer without stickiness
 * does for HTTP Basic calls), and waits for the mail steps before each task as Tasklist's user would (polling).
 * A dossier counts when its instance has ended; a round lasts from its first request to the end of its last dossier.
 *
 * <p>Prints per round the dossiers a minute, the processor time of each node, of PostgreSQL and of the people
 * (this JVM), the machine's load, PostgreSQL's backends waiting on a lock (sampled every 250 ms), and from Camunda's
 * job log the jobs each node ran, the jobs that failed (optimistic locking among them) and how long a job waited
 * from its creation to its success, on the node that created it or the other; then the median [interquartile range] of each kind of round and their ratio;
 * at the end Camunda's job-acquisition metrics of each node (written to the database when a node stops). Asserts
 * nothing about time.
 */
class ClusterBenchmark {

  static final int ROUNDS = number("cluster.rounds", 8);
  static final int DOSSIERS = number("cluster.dossiers", 30);
  static final int CLIENTS = number("cluster.clients", 8);
  static final int WARM_UP = number("cluster.warmup", 20);
  static final List<String> SETTINGS = Arrays.stream(System.getProperty("cluster.settings", "").split("\\s+"))
      .filter(s -> !s.isBlank()).toList();
  static final AtomicInteger SOFTWARE = new AtomicInteger();
  /** Linux's clock ticks per second, the unit of /proc/PID/stat. */
  static final double TICKS = 100.0;

  @TempDir Path folder;

  PackagedCluster cluster;

  /** What one round measured. */
  record Round(String through, int dossiers, double seconds, Map<String, Double> cpuSeconds, String loadBefore,
      String loadAfter, double activeBackends, double lockWaits, double samplesWithLockWait,
      Map<String, Integer> jobsByNode, int failedJobs, int optimisticLockingFailures, long jobWaitMedian,
      long jobWaitP90, int refusedRequests, String whereRun) {

    int nodes() {
      return through.split(",").length;
    }

    double perMinute() {
      return dossiers * 60 / seconds;
    }
  }

  @Test
  void printTheThroughputOfTwoNodesAgainstOne() throws Exception {
    try (PackagedCluster started = new PackagedCluster(folder)) {
      cluster = started;
      DataSource database = cluster.database;
      PackagedNode a = cluster.launch("a", SETTINGS);
      PackagedNode b = cluster.launch("b", SETTINGS);
      a.untilUp();
      b.untilUp();
      long postmaster = postmaster(database);

      System.out.printf("%nBENCHMARK two nodes against one: %d warm-up dossiers through both, then %d rounds of %d"
              + " ANS certification dossiers (a, a+b, b, a+b…), %d people at once; %d processors; node settings %s%n",
          WARM_UP, ROUNDS, DOSSIERS, CLIENTS, Runtime.getRuntime().availableProcessors(),
          SETTINGS.isEmpty() ? "those of application.yml" : SETTINGS);
      if (WARM_UP > 0) {
        print(round(List.of(a, b), WARM_UP, database, postmaster), "warm-up");
      }
      List<Round> rounds = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        // one node, two nodes, the other node alone, two nodes…: both JVMs do the same work over the run
        List<PackagedNode> through = i % 2 == 1 ? List.of(a, b) : List.of(i % 4 == 0 ? a : b);
        untilNoJobIsDue(database);
        for (PackagedNode node : List.of(a, b)) {
          if (!through.contains(node)) {
            freeze(node, database);
          }
        }
        for (PackagedNode node : through) {
          signal(node, "CONT");
        }
        Round round = round(through, DOSSIERS, database, postmaster);
        rounds.add(round);
        print(round, "round " + (i + 1));
      }
      signal(a, "CONT");
      signal(b, "CONT");
      summary(rounds);
      acquisitionMetrics(database, a, b);
    }
  }

  // ---- one round ----

  private Round round(List<PackagedNode> through, int dossiers, DataSource database, long postmaster)
      throws Exception {
    AtomicInteger refused = new AtomicInteger();
    Map<String, Long> before = cpuTicks(postmaster);
    String loadBefore = loadAverage();
    Instant start = Instant.now();
    LockSampler sampler = new LockSampler(database);
    List<String> instances;
    ExecutorService people = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<String>> carried = new ArrayList<>();
      for (int d = 0; d < dossiers; d++) {
        int first = d;
        carried.add(people.submit(() -> carry(through, first, refused)));
      }
      instances = new ArrayList<>();
      for (Future<String> dossier : carried) {
        try {
          instances.add(dossier.get(10, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
          throw new AssertionError("A dossier stopped through " + through + "; the database was doing "
              + activity(database), e);
        }
      }
    } finally {
      people.shutdownNow();
    }
    String ids = instances.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    untilEnded(database, ids);
    Instant end = Instant.now();
    double seconds = Duration.between(start, end).toMillis() / 1000.0;
    sampler.stop();
    Map<String, Long> after = cpuTicks(postmaster);
    Map<String, Double> cpu = new LinkedHashMap<>();
    after.forEach((who, ticks) -> cpu.put(who, (ticks - before.getOrDefault(who, 0L)) / TICKS));

    Map<String, Integer> jobsByNode = new LinkedHashMap<>();
    for (List<String> row : PackagedApplication.rows(database, "select hostname_, count(*) from act_hi_job_log"
        + " where job_state_ = 2 and process_instance_id_ in (" + ids + ") group by hostname_ order by hostname_")) {
      jobsByNode.put(row.get(0), Integer.parseInt(row.get(1)));
    }
    List<String> failures = PackagedApplication.rows(database, "select count(*), count(*) filter (where"
        + " job_exception_msg_ ilike '%optimisticlocking%' or job_exception_msg_ ilike '%concurrently%')"
        + " from act_hi_job_log where job_state_ = 1 and process_instance_id_ in (" + ids + ")").get(0);
    List<List<String>> jobs = PackagedApplication.rows(database, "select (extract(epoch from s.timestamp_"
        + " - c.timestamp_) * 1000)::bigint, c.hostname_ = s.hostname_ from act_hi_job_log c join act_hi_job_log s"
        + " on s.job_id_ = c.job_id_ and s.job_state_ = 2 where c.job_state_ = 0 and c.process_instance_id_ in ("
        + ids + ")");
    List<Long> waits = jobs.stream().map(r -> Long.parseLong(r.get(0))).toList();
    Map<Boolean, List<Long>> where = jobs.stream().collect(Collectors.partitioningBy(r -> r.get(1).equals("t"),
        Collectors.mapping(r -> Long.parseLong(r.get(0)), Collectors.toList())));
    return new Round(through.stream().map(n -> n.name).collect(Collectors.joining(",")), dossiers, seconds, cpu, loadBefore, loadAverage(), sampler.meanActive(),
        sampler.meanLockWaits(), sampler.shareWithLockWait(), jobsByNode, Integer.parseInt(failures.get(0)),
        Integer.parseInt(failures.get(1)), waits.isEmpty() ? 0 : percentile(waits, 50),
        waits.isEmpty() ? 0 : percentile(waits, 90), refused.get(), whereRun(where.get(true), where.get(false)));
  }

  /** How many jobs ran on the node whose transaction created them, and how long they waited, against the others. */
  private static String whereRun(List<Long> here, List<Long> elsewhere) {
    return String.format("%d on the node that created them (waited %d ms median), %d on the other (%d ms)", here.size(),
        here.isEmpty() ? 0 : percentile(here, 50), elsewhere.size(), elsewhere.isEmpty() ? 0 : percentile(elsewhere, 50));
  }

  /**
   * One dossier from Alice's candidature to Ana's conforming review, each request on the next node in turn
   * (starting with the dossier's own); its process instance.
   */
  private String carry(List<PackagedNode> through, int dossier, AtomicInteger refused) throws Exception {
    int[] step = {dossier};
    Supplier<PackagedNode> next = () -> through.get(step[0]++ % through.size());
    // each dossier certifies a software of its own, as Alice's company would (one device per name and version)
    JsonNode started = PackagedNode.json(next.get().startDossier(
        PackagedApplication.candidature("CardioWatch " + SOFTWARE.incrementAndGet())));
    String id = started.path("id").asText();
    submit(next.get(), "alice", id, "Task_DepositAdministrativeDossier", "{\"depositAction\": {\"value\": \"SUBMIT\"}}",
        refused);
    submit(next.get(), "ana", id, "Task_ReviewAdmissibility", "{\"admissibilityDecision\": {\"value\": \"ADMISSIBLE\"}}",
        refused);
    submit(next.get(), "alice", id, "Task_SignConvention",
        "{\"conventionSigned\": {\"value\": true}, \"signatoryName\": {\"value\": \"A. Martin\"}}", refused);
    PackagedNode sender = next.get();
    sender.untilTask("alice", id, "Task_DepositEvidence");
    HttpResponse<String> sent = sender.sendEvidence(started.path("businessKey").asText());
    if (sent.statusCode() != 200) {
      throw new AssertionError("Evidence refused by " + sender + ": " + sent.body());
    }
    submit(next.get(), "alice", id, "Task_DepositEvidence", "{\"allEvidenceDeposited\": {\"value\": true}}", refused);
    submit(next.get(), "ana", id, "Task_ReviewEvidence", "{\"evidenceDecision\": {\"value\": \"CONFORMS\"}}", refused);
    return id;
  }

  /**
   * Submits a task's form; a refusal by optimistic locking (the dossier changed meanwhile by a job on a node) is
   * counted and the form sent again, as the person would; any other refusal stops the benchmark.
   */
  private static void submit(PackagedNode node, String user, String dossier, String taskKey, String variables,
      AtomicInteger refused) throws Exception {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> answer = node.submit(user, dossier, taskKey, variables);
      if (answer.statusCode() == 204) {
        return;
      }
      if (attempt == 3 || !answer.body().contains("OptimisticLocking")) {
        throw new AssertionError(user + " could not complete " + taskKey + " on " + node + ": "
            + answer.statusCode() + " " + answer.body());
      }
      refused.incrementAndGet();
    }
  }

  /** Until every one of those instances has ended (seen within 100 ms). */
  private static void untilEnded(DataSource database, String ids) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (true) {
      String open = PackagedApplication.rows(database, "select count(*) from act_hi_procinst where end_time_ is null"
          + " and id_ in (" + ids + ")").get(0).get(0);
      if (open.equals("0")) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(open + " dossiers not ended 5 minutes after their last step: "
            + PackagedApplication.rows(database, "select a.proc_inst_id_, a.act_id_ from act_ru_execution a where"
            + " a.proc_inst_id_ in (" + ids + ") and a.act_id_ is not null"));
      }
      Thread.sleep(100);
    }
  }

  /** Until no job is due or locked (timers due later are left): a node frozen then holds nothing. */
  private static void untilNoJobIsDue(DataSource database) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    String due = "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
        + " and (lock_owner_ is not null or duedate_ is null or duedate_ <= now())";
    while (!PackagedApplication.rows(database, due).get(0).get(0).equals("0")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Jobs still due after 3 minutes: " + PackagedApplication.rows(database,
            "select id_, type_, lock_owner_, duedate_, exception_msg_ from act_ru_job where retries_ > 0"));
      }
      Thread.sleep(200);
    }
  }

  // ---- what limits ----

  /** PostgreSQL's client backends, active and waiting on a lock, every 250 ms on a connection of its own. */
  private static final class LockSampler {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<int[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    LockSampler(DataSource database) {
      thread = new Thread(() -> {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
          while (running.get()) {
            try (ResultSet row = statement.executeQuery("select count(*) filter (where state = 'active'),"
                + " count(*) filter (where wait_event_type = 'Lock') from pg_stat_activity"
                + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
              row.next();
              samples.add(new int[] {row.getInt(1), row.getInt(2)});
            }
            Thread.sleep(250);
          }
        } catch (Exception e) {
          throw new IllegalStateException("Sampling pg_stat_activity failed", e);
        }
      }, "lock-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    double meanActive() {
      return samples.stream().mapToInt(s -> s[0]).average().orElse(0);
    }

    double meanLockWaits() {
      return samples.stream().mapToInt(s -> s[1]).average().orElse(0);
    }

    double shareWithLockWait() {
      return samples.isEmpty() ? 0 : 100.0 * samples.stream().filter(s -> s[1] > 0).count() / samples.size();
    }
  }

  /** PostgreSQL's server process, the parent of every backend. */
  private static long postmaster(DataSource database) throws Exception {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
      backend.next();
      return Long.parseLong(stat(backend.getLong(1))[1]); // while the backend lives
    }
  }

  /**
   * Processor time so far, in clock ticks, of each node, of PostgreSQL (its server process, the backends it reaped
   * and those alive) and of the people (this JVM).
   */
  private Map<String, Long> cpuTicks(long postmaster) throws IOException {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (PackagedNode node : cluster.nodes) {
      ticks.put("node " + node.name, ownTicks(stat(node.process.pid())));
    }
    String[] server = stat(postmaster);
    long postgres = ownTicks(server) + Long.parseLong(server[13]) + Long.parseLong(server[14]);
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String[] child = stat(Long.parseLong(process.getFileName().toString()));
          if (Long.parseLong(child[1]) == postmaster) {
            postgres += ownTicks(child);
          }
        } catch (IOException gone) {
          // ended meanwhile: its time is in the server's reaped children's
        }
      }
    }
    ticks.put("PostgreSQL", postgres);
    ticks.put("people (this JVM)", ownTicks(stat(ProcessHandle.current().pid())));
    return ticks;
  }

  /** The fields of /proc/PID/stat after the command's name: [0] state, [1] parent, [11] utime, [12] stime, [13] cutime, [14] cstime */
  private static String[] stat(long pid) throws IOException {
    String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
  }

  private static long ownTicks(String[] stat) {
    return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
  }

  /**
   * Freezes a node once none of its database connections is in a transaction or a statement: frozen, it holds no
   * lock another node could wait for.
   */
  private static void freeze(PackagedNode node, DataSource database) throws Exception {
    String busy = "select count(*) from pg_stat_activity where application_name = '" + node.applicationName()
        + "' and state <> 'idle'";
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (true) {
      signal(node, "STOP");
      if (PackagedApplication.rows(database, busy).get(0).get(0).equals("0")) {
        return;
      }
      signal(node, "CONT");
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(node + " kept a transaction open for a minute: " + activity(database));
      }
      Thread.sleep(100);
    }
  }

  /** What PostgreSQL's client backends are doing, to say why a round stalled. */
  private static List<List<String>> activity(DataSource database) throws Exception {
    return PackagedApplication.rows(database, "select application_name, state, wait_event_type, wait_event,"
        + " now() - xact_start, left(query, 160) from pg_stat_activity where backend_type = 'client backend'"
        + " and pid <> pg_backend_pid() and state <> 'idle'");
  }

  /** Freezes ({@code STOP}) or thaws ({@code CONT}) a node's JVM, a child of this one. */
  private static void signal(PackagedNode node, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + node + " failed");
    }
  }

  // ---- printing ----

  private static void print(Round r, String label) {
    String cpu = r.cpuSeconds().entrySet().stream().map(e -> String.format("%s %.1f s (%.2f cores)", e.getKey(),
        e.getValue(), e.getValue() / r.seconds())).collect(Collectors.joining(", "));
    double serverCpu = r.cpuSeconds().entrySet().stream().filter(e -> !e.getKey().startsWith("people"))
        .mapToDouble(Map.Entry::getValue).sum();
    System.out.printf("  %-9s %d node%s (%s): %3d dossiers in %6.1f s = %5.1f dossiers a minute; load %s -> %s%n"
            + "            processor: %s; nodes and PostgreSQL %.2f s a dossier%n"
            + "            PostgreSQL backends: %.1f active, %.2f waiting on a lock (%.0f %% of samples with a wait);"
            + " jobs run %s, failed %d (%d optimistic locking); a job waited %d ms median, %d ms p90 from creation to"
            + " success; jobs run %s; forms refused by optimistic locking %d%n",
        label, r.nodes(), r.nodes() == 1 ? " " : "s", r.through(), r.dossiers(), r.seconds(), r.perMinute(), r.loadBefore(),
        r.loadAfter(), cpu, serverCpu / r.dossiers(), r.activeBackends(), r.lockWaits(), r.samplesWithLockWait(),
        r.jobsByNode(), r.failedJobs(), r.optimisticLockingFailures(), r.jobWaitMedian(), r.jobWaitP90(),
        r.whereRun(), r.refusedRequests());
  }

  private static void summary(List<Round> rounds) {
    List<Double> one = rounds.stream().filter(r -> r.nodes() == 1).map(Round::perMinute).toList();
    List<Double> two = rounds.stream().filter(r -> r.nodes() == 2).map(Round::perMinute).toList();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i + 1 < rounds.size(); i += 2) {
      ratios.add(rounds.get(i + 1).perMinute() / rounds.get(i).perMinute());
    }
    System.out.printf("  dossiers a minute, median [p25–p75]: one node %s, two nodes %s; ratio two / one of the"
            + " medians %.2f, of each pair of rounds %s (goal 1.6); %d processors, load %s at the end%n",
        medianAndQuartiles(one, "%.1f"), medianAndQuartiles(two, "%.1f"),
        percentile(two, 50) / percentile(one, 50), medianAndQuartiles(ratios, "%.2f"),
        Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.printf("  processor cores busy, median: one node %s, two nodes %s (of %d)%n",
        medianAndQuartiles(rounds.stream().filter(r -> r.nodes() == 1).map(ClusterBenchmark::coresBusy).toList(),
            "%.2f"),
        medianAndQuartiles(rounds.stream().filter(r -> r.nodes() == 2).map(ClusterBenchmark::coresBusy).toList(),
            "%.2f"), Runtime.getRuntime().availableProcessors());
  }

  private static double coresBusy(Round r) {
    return r.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum() / r.seconds();
  }

  /** Camunda's job-acquisition metrics of the whole run, by node: each node writes them when it stops. */
  private static void acquisitionMetrics(DataSource database, PackagedNode... stopping) throws Exception {
    for (PackagedNode node : stopping) {
      node.process.destroy();
    }
    for (PackagedNode node : stopping) {
      node.process.waitFor(2, TimeUnit.MINUTES);
    }
    System.out.printf("  Camunda's job metrics over the whole run (warm-up included), by reporter: %s%n",
        PackagedApplication.rows(database, "select reporter_, name_, sum(value_) from act_ru_meter_log"
            + " where name_ like 'job-%' group by reporter_, name_ order by reporter_, name_"));
  }

  private static int number(String property, int usual) {
    String value = System.getProperty(property, "").strip();
    if (value.isEmpty()) {
      return usual;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 || property.equals("cluster.warmup") && n == 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("-D" + property + "=" + value + ": a whole number of at least 1 is expected");
  }
}
