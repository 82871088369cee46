package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.ans.AnsProcess;
import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.Roles;
import fr.parcours.support.Candidatures;
import fr.parcours.support.TestSmtp;
import fr.parcours.tasklist.TasklistFilters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints how fast the Tasklist queues answer with many open dossiers on a real PostgreSQL (embedded binaries),
 * through the REST API Tasklist calls (a filter's list, as HAL with its count and the card's variables, page by
 * page, and its count), authenticated with HTTP Basic and authorization checks on: an ANS reviewer's evidence
 * queue (ana) and a vendor's "Tâches de mon entreprise" (alice). Measured side by side in one run on the same
 * data: Camunda's defaults (left joins, no index of Parcours) against Parcours' indexes, and with inner joins; with
 * the EXPLAIN ANALYZE plans of the main queries (PostgreSQL's auto_explain). No timing assertion.
 *
 * <p>{@code mvn -B -ntp -o verify -Pbenchmarks -Dtest=QueueBenchmark -Dqueues.dossiers=50000} (default 50,000).
 * The dossiers are made quickly and honestly: each is an ANS certification instance started by the engine at
 * the step it waits at (instance modification, job executor off, 250 per transaction), with the variables its
 * start form and intake give it, and opened to its company as the intake does ({@link DossierAccess}): real
 * tasks, candidate groups, task and dossier authorizations, variables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueueBenchmark {

  static final int DOSSIERS = Integer.getInteger("queues.dossiers", 50_000);
  static final int COMPANIES = 20;
  static final int BATCH = 250;
  static final int WARM_UP = Integer.getInteger("queues.warm-up", 20);
  static final int CALLS = Integer.getInteger("queues.calls", 200);
  static final int PAGE = 15;
  /** Past this, a setting's calls stop (and say how many they were): a slow plan does not hold the run for hours. */
  static final Duration BUDGET = Duration.ofSeconds(Integer.getInteger("queues.budget-seconds", 120));
  static final Path SERVER_LOG = Path.of("target", "queue-benchmark-postgres.log");

  static final EmbeddedPostgres POSTGRES = start();

  static EmbeddedPostgres start() {
    try {
      Files.createDirectories(SERVER_LOG.getParent());
      Files.deleteIfExists(SERVER_LOG);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot prepare " + SERVER_LOG, e);
    }
    return fr.parcours.support.EmbeddedPostgresServer.start(EmbeddedPostgres.builder()
        // the plans of the queries, logged only while the benchmark asks for them (auto_explain.log_min_duration,
        // off by default; not set here: a setting of the command line would hide the one the benchmark reloads)
        .setServerConfig("shared_preload_libraries", "auto_explain")
        .setServerConfig("auto_explain.log_analyze", "on")
        .setServerConfig("auto_explain.log_buffers", "on")
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(SERVER_LOG.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(SERVER_LOG.toFile())));
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestSmtp.SMTP.getPort(); // the test profile's mail port (no mail is sent: the job executor is off)
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired AuthorizationSetup grants;
  @Autowired DossierAccess access;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DataSource dataSource;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void printTheQueuesWithManyOpenDossiers() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    long fillStart = System.nanoTime();
    fill(jdbc);
    long fillSeconds = (System.nanoTime() - fillStart) / 1_000_000_000L;
    jdbc.execute("ANALYZE");

    System.out.printf("%nBENCHMARK queues, %,d open dossiers made in %d s on PostgreSQL %s (embedded, shared"
            + " 2-core machine), %,d tasks, %,d identity links, %,d authorizations, %,d variables%n", DOSSIERS,
        fillSeconds, jdbc.queryForObject("SHOW server_version", String.class), count(jdbc, "act_ru_task"),
        count(jdbc, "act_ru_identitylink"), count(jdbc, "act_ru_authorization"), count(jdbc, "act_ru_variable"));

    List<Call> calls = new ArrayList<>();
    for (String[] call : List.of(new String[] {"ana, ANS evidence queue (FIFO)", "ana",
        "ANS — file des preuves (ordre d’arrivée)"}, new String[] {"alice, " + TasklistFilters.COMPANY_TASKS, "alice",
        TasklistFilters.COMPANY_TASKS})) {
      Call first = new Call(call[0], call[1], filterId(call[2]), new int[] {1});
      long tasks = count(first);
      System.out.printf("  %s: %,d tasks in the filter%n", call[0], tasks);
      calls.add(new Call(call[0], call[1], first.filterId, new int[] {(int) Math.max(1, Math.min(5, tasks / PAGE))}));
    }

    Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
    for (String name : System.getProperty("queues.settings", "CAMUNDA_DEFAULTS,INDEXES,INNER_JOINS").split(",")) {
      Setting setting = Setting.valueOf(name.strip());
      setting.apply(this, jdbc);
      Map<String, List<Long>> times = new LinkedHashMap<>();
      for (Call call : calls) {
        long warmUntil = System.nanoTime() + BUDGET.toNanos() / 4;
        for (int i = 0; i < WARM_UP && (i < 2 || System.nanoTime() < warmUntil); i++) {
          list(call, i);
          count(call);
        }
        List<Long> lists = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long until = System.nanoTime() + BUDGET.toNanos();
        for (int i = 0; i < CALLS && (i < 5 || System.nanoTime() < until); i++) {
          int page = i;
          lists.add(timed(() -> list(call, page)));
          counts.add(timed(() -> count(call)));
        }
        times.put(call.label + " — list (HAL, page of " + PAGE + ")", lists);
        times.put(call.label + " — count", counts);
      }
      figures.put(setting.label, times);
      printPlans(setting, calls);
    }

    System.out.printf("%nBENCHMARK queues, %,d open dossiers, %d calls each after %d of warm-up, milliseconds"
        + " p50 / p95, side by side in one run%n", DOSSIERS, CALLS, WARM_UP);
    List<String> names = new ArrayList<>(figures.values().iterator().next().keySet());
    for (String name : names) {
      System.out.printf("  %s%n", name);
      List<Long> first = null;
      for (Map.Entry<String, Map<String, List<Long>>> setting : figures.entrySet()) {
        List<Long> times = setting.getValue().get(name);
        System.out.printf("    %-66s %7.1f / %7.1f  (%d calls)%n", setting.getKey(), percentile(times, 50) / 1000.0,
            percentile(times, 95) / 1000.0, times.size());
        if (first == null) {
          first = times;
        } else {
          System.out.printf("      ratio p95 Camunda's defaults / this: %.1f%n",
              (double) percentile(first, 95) / Math.max(1, percentile(times, 95)));
        }
      }
    }
  }

  /** The settings compared, applied to the running engine and database (the data stays the same). */
  enum Setting {
    CAMUNDA_DEFAULTS("Camunda's defaults: left joins, no index of Parcours", true, false),
    INDEXES("left joins, Parcours' indexes (config.CamundaIndexes)", true, true),
    INNER_JOINS("inner joins (cmmnEnabled, standaloneTasksEnabled false), Parcours' indexes", false, true);

    final String label;
    final boolean leftJoins;
    final boolean indexes;

    Setting(String label, boolean leftJoins, boolean indexes) {
      this.label = label;
      this.leftJoins = leftJoins;
      this.indexes = indexes;
    }

    void apply(QueueBenchmark benchmark, JdbcTemplate jdbc) {
      benchmark.joins(leftJoins);
      if (indexes) {
        benchmark.parcoursIndexes().forEach(jdbc::execute);
      } else {
        benchmark.parcoursIndexNames().forEach(index -> jdbc.execute("DROP INDEX IF EXISTS " + index));
      }
      jdbc.execute("ANALYZE");
    }
  }

  /** Camunda's task query joins the authorizations and definitions left, unless CMMN and standalone tasks are off. */
  void joins(boolean left) {
    engineConfiguration.setCmmnEnabled(left);
    engineConfiguration.setStandaloneTasksEnabled(left);
  }

  /** Parcours' indexes on Camunda's tables, as created at start-up ({@link CamundaIndexes}). */
  List<String> parcoursIndexes() {
    return CamundaIndexes.statements();
  }

  List<String> parcoursIndexNames() {
    return parcoursIndexes().stream().map(s -> s.replaceAll("(?is).*INDEX\\s+(IF NOT EXISTS\\s+)?(\\S+)\\s+ON.*", "$2"))
        .toList();
  }

  /** The dossiers: a fifth of companies each, spread over the steps where a dossier waits. */
  private void fill(JdbcTemplate jdbc) throws Exception {
    List<String> companies = new ArrayList<>(List.of("vendor-medisoft"));
    for (int c = 1; c < COMPANIES; c++) {
      String id = "vendor-bench-%02d".formatted(c);
      if (identity.createGroupQuery().groupId(id).singleResult() == null) {
        Group group = identity.newGroup(id);
        group.setName("Entreprise %02d".formatted(c));
        group.setType(Roles.VENDOR_GROUP_TYPE);
        identity.saveGroup(group);
        grants.grantVendor(id);
      }
      companies.add(id);
    }
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    Instant now = Instant.now();
    // two threads, as the machine has two cores
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<?>> batches = new ArrayList<>();
    for (int from = 0; from < DOSSIERS; from += BATCH) {
      int start = from;
      batches.add(threads.submit(() -> transaction.executeWithoutResult(status -> {
        for (int i = start; i < Math.min(DOSSIERS, start + BATCH); i++) {
          startDossier(i, companies.get(i % COMPANIES), now);
        }
      })));
    }
    threads.shutdown();
    for (int b = 0; b < batches.size(); b++) {
      batches.get(b).get();
      if (b % 40 == 39) {
        System.out.printf("  … %,d dossiers%n", (b + 1) * BATCH);
      }
    }
  }

  /** Where the dossiers wait, one in ten each: evidence review (the queue) three, admissibility two, the vendor five. */
  static final String[] STEPS = {"Task_ReviewEvidence", "Task_ReviewEvidence", "Task_ReviewEvidence",
      "Task_ReviewAdmissibility", "Task_ReviewAdmissibility", "Task_DepositEvidence", "Task_DepositEvidence",
      "Task_DepositAdministrativeDossier", "Task_DepositAdministrativeDossier", "Task_SignConvention"};

  private void startDossier(int i, String company, Instant now) {
    Map<String, Object> variables = new HashMap<>(Candidatures.valid());
    String dossierId = "DMN-B%06d".formatted(i);
    variables.put(AnsProcess.APPLICANT, company.equals("vendor-medisoft") ? "alice" : company);
    variables.put(AnsProcess.VENDOR_GROUP, company);
    variables.put(AnsProcess.DOSSIER_ID, dossierId);
    variables.put("companyName", company.equals("vendor-medisoft") ? "MediSoft SAS" : "Entreprise " + company);
    variables.put("softwareName", "Logiciel " + i);
    variables.put(AnsProcess.WAITS_FOR_GO_AHEAD, false);
    variables.put(AnsProcess.FINAL_SOFTWARE_PROFILES, variables.get("softwareProfiles"));
    String step = STEPS[(i / COMPANIES + i) % STEPS.length];
    if (step.equals("Task_ReviewEvidence")) {
      // complete evidence received at different moments of the last 60 days: the queue's order
      Date received = Date.from(now.minus(Duration.ofMinutes((long) (i * 7919L) % (60L * 24 * 60))));
      variables.put(AnsProcess.EVIDENCE_COMPLETE_AT, received);
      variables.put(AnsProcess.EVIDENCE_QUEUED_AT, received);
    }
    ProcessInstance instance = runtime.createProcessInstanceByKey(AnsProcess.KEY).businessKey(dossierId)
        .setVariables(variables).startBeforeActivity(step).execute();
    access.openTo(company, instance.getId());
  }

  /** A filter as one user reads it; its pages (at most 5) walked in turn. */
  record Call(String label, String user, String filterId, int[] pages) {
  }

  private String filterId(String name) {
    return filters.createFilterQuery().filterName(name).singleResult().getId();
  }

  /** A page of the filter as Tasklist asks for it: HAL, with the count and the card's variables. */
  private void list(Call call, int page) {
    String body = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"active\":true}";
    JsonNode answer = send(call, "/filter/" + call.filterId + "/list?firstResult=" + (page % call.pages[0]) * PAGE
        + "&maxResults=" + PAGE, body, "application/hal+json");
    assertThat(answer.path("_embedded").path("task").size()).as(call.label + " sees tasks").isPositive();
  }

  private long count(Call call) {
    return send(call, "/filter/" + call.filterId + "/count", "{}", "application/json").path("count").asLong();
  }

  private JsonNode send(Call call, String path, String body, String accept) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/engine-rest" + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (call.user + ":" + call.user).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json").header("Accept", accept)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One list and one count of each call with auto_explain on; prints the plans of the queries on tasks. */
  private void printPlans(Setting setting, List<Call> calls) throws Exception {
    for (Call call : calls) {
      explainNext(true);
      long from = Files.size(SERVER_LOG);
      list(call, 0);
      count(call);
      explainNext(false);
      System.out.printf("%nPLANS %s — %s (EXPLAIN ANALYZE by auto_explain)%n", setting.label, call.label);
      for (String plan : plans(from)) {
        System.out.println(plan);
      }
    }
  }

  private void explainNext(boolean on) throws Exception {
    try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + (on ? "0" : "-1"));
      statement.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(300); // every session reads the new setting
  }

  /** The plans logged since that offset, of the statements that read ACT_RU_TASK, without their query text. */
  private static List<String> plans(long from) throws IOException {
    byte[] bytes;
    try (RandomAccessFile file = new RandomAccessFile(SERVER_LOG.toFile(), "r")) {
      file.seek(from);
      bytes = new byte[(int) (file.length() - from)];
      file.readFully(bytes);
    }
    List<String> plans = new ArrayList<>();
    StringBuilder entry = null;
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (line.contains("LOG:  duration:")) {
        if (entry != null) {
          plans.add(entry.toString());
        }
        entry = new StringBuilder();
        entry.append(line.replaceAll(".*LOG:  ", "  ")).append('\n');
      } else if (entry != null && (line.startsWith("\t") || line.startsWith(" "))) {
        entry.append(line).append('\n');
      } else if (entry != null) {
        plans.add(entry.toString());
        entry = null;
      }
    }
    if (entry != null) {
      plans.add(entry.toString());
    }
    List<String> onTasks = new ArrayList<>();
    for (String plan : plans) {
      if (plan.toUpperCase().contains("ACT_RU_TASK")) {
        StringBuilder kept = new StringBuilder();
        boolean inPlan = false;
        for (String line : plan.split("\n")) {
          if (line.contains("duration:")) {
            kept.append(line).append('\n');
          } else if (inPlan || line.contains("(cost=") || line.contains("(actual")) {
            inPlan = true;
            kept.append(line).append('\n');
          }
        }
        onTasks.add(kept.toString());
      }
    }
    return onTasks;
  }

  private static long count(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  private static long timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1_000;
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }
}
