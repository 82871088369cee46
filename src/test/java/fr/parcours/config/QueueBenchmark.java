package fr.parcours.config;

import static fr.parcours.support.Figures.loadAverage;
import static fr.parcours.support.Figures.percentile;
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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
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
 * queue (ana) and a vendor's "Tâches de mon entreprise" (alice), the list with the body Tasklist sends (its own
 * sort, "created" descending, after the filter's). Measured side by side in one run on the same data: Parcours'
 * queries and indexes as the branch queues3 left them and Parcours' now ({@link Setting}), and on request Parcours'
 * now with a plan made for each call's values, Camunda's own joins, its defaults without Parcours' indexes and inner
 * joins ({@code -Dqueues.settings}); with the EXPLAIN
 * ANALYZE plans of the task and variable queries (PostgreSQL's auto_explain). Each setting must show each person
 * the same number of tasks. No timing assertion.
 *
 * <p>{@code mvn -B -ntp -o verify -Pbenchmarks -Dtest=QueueBenchmark -Dqueues.dossiers=50000} (default 50,000).
 * The dossiers are made quickly and honestly: {@code queues.seed-dossiers} (500) ANS certification instances are
 * started by the engine at the step they wait at (instance modification, job executor off, 250 per transaction),
 * with the variables their start form and intake give them, and opened to their company as the intake does
 * ({@link DossierAccess}): real tasks, candidate groups, task and dossier authorizations, variables. Their runtime
 * rows are then copied with new ids in set-based SQL until there are enough ({@link #replicate}): 50,000 in about
 * a minute and a half instead of an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueueBenchmark {

  static final int DOSSIERS = Integer.getInteger("queues.dossiers", 50_000);
  private static final String PROBED_DESK = "ANS — toutes les tâches, as a list of groups (benchmark)";
  static final int COMPANIES = 20;
  static final int BATCH = 250;
  /** The dossiers driven through the engine; the rest are copies of their rows ({@link #replicate}). */
  static final int SEEDS = Integer.getInteger("queues.seed-dossiers", 500);
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
  @Autowired TaskService taskService;
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
    int seeds = fill(jdbc);
    long fillSeconds = (System.nanoTime() - fillStart) / 1_000_000_000L;
    // as autovacuum leaves a table after many inserts (PostgreSQL 13 and later): statistics, and the visibility map
    // that lets a covering index answer without reading the table
    vacuum(jdbc);

    long dossiers = jdbc.queryForObject("SELECT count(*) FROM act_ru_execution WHERE id_ = proc_inst_id_"
        + " AND business_key_ LIKE 'DMN-B%'", Long.class);
    System.out.printf("%nBENCHMARK queues, %,d open dossiers made in %d s on PostgreSQL %s (embedded, shared"
            + " 2-core machine, load average %s): %,d driven through the engine, the rest copies of their runtime"
            + " rows with new ids (set-based SQL); %,d tasks, %,d identity links, %,d authorizations, %,d"
            + " variables%n", dossiers, fillSeconds, jdbc.queryForObject("SHOW server_version", String.class),
        loadAverage(), seeds, count(jdbc, "act_ru_task"), count(jdbc, "act_ru_identitylink"),
        count(jdbc, "act_ru_authorization"), count(jdbc, "act_ru_variable"));

    long hold = Long.getLong("queues.hold-seconds", 0);
    if (hold > 0) {
      // to try queries by hand on the filled database: psql -h localhost -p <port> -U postgres
      System.out.printf("  holding %d s: PostgreSQL on port %d%n", hold, POSTGRES.getPort());
      Thread.sleep(hold * 1000);
    }

    // a reviewer's first filter, her agency's tasks of every step, beside the same tasks asked through a list of
    // groups (as a user's own groups are), which probes each task's grants (TaskGrantCheck#readsGrantsAsSets)
    Filter desk = filters.getFilter(filterId("ANS — toutes les tâches"));
    Filter probed = filters.newTaskFilter(PROBED_DESK).setProperties(desk.getProperties())
        .setQuery(taskService.createTaskQuery().taskCandidateGroupIn(List.of(Roles.ANS_REVIEWER))
            .includeAssignedTasks().orderByDueDate().asc());
    filters.saveFilter(probed);
    grants.grant(Roles.ANS_REVIEWER, Resources.FILTER, probed.getId(), Permissions.READ);

    List<Call> calls = new ArrayList<>();
    for (String[] call : List.of(new String[] {"ana, ANS evidence queue (FIFO)", "ana",
        "ANS — file des preuves (ordre d’arrivée)"}, new String[] {"ana, ANS — toutes les tâches (nearest due first)",
        "ana", "ANS — toutes les tâches"}, new String[] {"ana, the same tasks asked as a list of groups (probed)",
        "ana", PROBED_DESK}, new String[] {"alice, " + TasklistFilters.COMPANY_TASKS, "alice",
        TasklistFilters.COMPANY_TASKS})) {
      Call first = new Call(call[0], call[1], filterId(call[2]), new int[] {1});
      long tasks = count(first);
      System.out.printf("  %s: %,d tasks in the filter%n", call[0], tasks);
      calls.add(new Call(call[0], call[1], first.filterId, new int[] {(int) Math.max(1, Math.min(5, tasks / PAGE))}));
    }

    Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : System.getProperty("queues.settings", "QUEUES3,PARCOURS").split(",")) {
      Setting setting = Setting.valueOf(name.strip());
      setting.apply(this, jdbc);
      Map<String, List<Long>> times = new LinkedHashMap<>();
      for (Call call : calls) {
        // every setting shows each person the same tasks: the count is Camunda's own check's (the first setting's)
        long[] seen = new long[1];
        if (setting.oneCall) {
          // a call takes minutes: one of each, measured with its plans (auto_explain on during that very call)
          long from = explainNext(true);
          times.put(call.label + " — list (HAL, page of " + PAGE + ")", List.of(timed(() -> list(call, 0))));
          times.put(call.label + " — count", List.of(timed(() -> seen[0] = count(call))));
          explainNext(false);
          printPlans(setting, call, from);
        } else {
          seen[0] = count(call);
        }
        assertThat(seen[0]).as(setting + ": " + call.label + " sees what the first setting showed")
            .isEqualTo(counts.computeIfAbsent(call.label, label -> seen[0]));
        if (setting.oneCall) {
          continue;
        }
        long warmUntil = System.nanoTime() + BUDGET.toNanos() / 4;
        for (int i = 0; i < WARM_UP && (i < 2 || System.nanoTime() < warmUntil); i++) {
          list(call, i);
          count(call);
        }
        List<Long> lists = new ArrayList<>();
        List<Long> countTimes = new ArrayList<>();
        long until = System.nanoTime() + BUDGET.toNanos();
        for (int i = 0; i < CALLS && (i < 5 || System.nanoTime() < until); i++) {
          int page = i;
          lists.add(timed(() -> list(call, page)));
          countTimes.add(timed(() -> count(call)));
        }
        times.put(call.label + " — list (HAL, page of " + PAGE + ")", lists);
        times.put(call.label + " — count", countTimes);
        long from = explainNext(true);
        list(call, 0);
        count(call);
        explainNext(false);
        printPlans(setting, call, from);
      }
      figures.put(setting.label, times);
    }

    System.out.printf("%nBENCHMARK queues, %,d open dossiers, %d calls each after %d of warm-up (fewer past %d s),"
        + " milliseconds p50 / p95, side by side in one run; load average now %s%n", dossiers, CALLS, WARM_UP,
        BUDGET.toSeconds(), loadAverage());
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
          System.out.printf("      ratio, first setting / this one: p50 %.1f, p95 %.1f%n",
              (double) percentile(first, 50) / Math.max(1, percentile(times, 50)),
              (double) percentile(first, 95) / Math.max(1, percentile(times, 95)));
        }
      }
    }
  }

  /**
   * {@code VACUUM ANALYZE}, again (up to five times) while the queues' tables are not all marked visible: a pass
   * made while another session still held an older snapshot left 1 % of the grants' pages marked, and PostgreSQL
   * then read the grants from the table (0.5 s a page of ana's) instead of from Parcours' index alone. Autovacuum
   * marks them in the end; the benchmark measures that state, and prints it.
   */
  private static void vacuum(JdbcTemplate jdbc) throws InterruptedException {
    String share = "";
    for (int pass = 1; pass <= 5; pass++) {
      jdbc.execute("VACUUM ANALYZE");
      share = jdbc.queryForObject("SELECT string_agg(relname || ' ' || relallvisible || '/' || relpages, ', ' ORDER BY"
          + " relname) FROM pg_class WHERE relname IN ('act_ru_task', 'act_ru_identitylink', 'act_ru_authorization',"
          + " 'act_ru_variable')", String.class);
      Integer hidden = jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname IN ('act_ru_task',"
          + " 'act_ru_identitylink', 'act_ru_authorization', 'act_ru_variable') AND relallvisible < relpages * 0.99",
          Integer.class);
      if (hidden == 0) {
        break;
      }
      Thread.sleep(2000);
    }
    System.out.printf("  pages marked all-visible (of all): %s%n", share);
  }

  /** The settings compared, applied to the running engine and database (the data stays the same). */
  enum Setting {
    CAMUNDA_DEFAULTS("Camunda's defaults: its join on the grants, no index of Parcours", Sql.CAMUNDA, true,
        Indexes.NONE, Plans.DRIVER, true),
    CAMUNDA_JOIN("Camunda's join on the grants, the first two indexes of Parcours", Sql.CAMUNDA, true,
        Indexes.FIRST, Plans.DRIVER, true),
    INNER_JOINS("Camunda's join, inner (cmmnEnabled, standaloneTasksEnabled false), the first two indexes",
        Sql.CAMUNDA, false, Indexes.FIRST, Plans.DRIVER, true),
    QUEUES3("before: grants probed task by task (EXISTS), whole rows sorted, indexes led by task (branch queues3)",
        Sql.QUEUES3, true, Indexes.QUEUES3, Plans.DRIVER, false),
    PARCOURS("Parcours: a step's grants read as sets (IN), others probed; the page by its ids; indexes led by group",
        Sql.PARCOURS, true, Indexes.PARCOURS, Plans.DRIVER, false),
    CUSTOM_PLANS("Parcours, with a plan made for each call's values (plan_cache_mode=force_custom_plan)",
        Sql.PARCOURS, true, Indexes.PARCOURS, Plans.CUSTOM, false);

    final String label;
    final Sql sql;
    final boolean leftJoins;
    final Indexes indexes;
    final Plans plans;
    /** A call takes minutes at 50,000 dossiers: one call of each, no warm-up. */
    final boolean oneCall;

    Setting(String label, Sql sql, boolean leftJoins, Indexes indexes, Plans plans, boolean oneCall) {
      this.label = label;
      this.sql = sql;
      this.leftJoins = leftJoins;
      this.indexes = indexes;
      this.plans = plans;
      this.oneCall = oneCall;
    }

    void apply(QueueBenchmark benchmark, JdbcTemplate jdbc) throws Exception {
      benchmark.joins(leftJoins);
      ProcessEngineConfigurationImpl engine = benchmark.engineConfiguration;
      for (CamundaStatements.Replacement replacement : List.of(TaskGrantCheck.SQL, VariableGrantCheck.SQL,
          AuthorizedGroups.SQL, QUEUES3_TASKS)) {
        replacement.uninstall(engine);
      }
      if (sql != Sql.CAMUNDA) {
        (sql == Sql.QUEUES3 ? QUEUES3_TASKS : TaskGrantCheck.SQL).install(engine);
        VariableGrantCheck.SQL.install(engine);
        AuthorizedGroups.SQL.install(engine);
      }
      for (List<String> statements : List.of(CamundaIndexes.statements(), FIRST_INDEXES, QUEUES3_INDEXES)) {
        indexNames(statements).forEach(index -> jdbc.execute("DROP INDEX IF EXISTS " + index));
      }
      switch (indexes) {
        case FIRST -> FIRST_INDEXES.forEach(jdbc::execute);
        case QUEUES3 -> QUEUES3_INDEXES.forEach(jdbc::execute);
        case PARCOURS -> CamundaIndexes.statements().forEach(jdbc::execute);
        case NONE -> { }
      }
      jdbc.execute("ANALYZE");
      benchmark.plans(plans);
    }
  }

  /** Whose SQL reads the grants: Camunda's joins, the branch queues3's, Parcours' now. */
  enum Sql { CAMUNDA, QUEUES3, PARCOURS }

  enum Indexes { NONE, FIRST, QUEUES3, PARCOURS }

  /**
   * How PostgreSQL plans the statements: as the JDBC driver and PostgreSQL do by default (from the fifth execution of
   * one statement on a connection, a prepared statement, whose generic plan PostgreSQL then keeps when it costs no
   * more than the plans made for the values), or a plan made for each execution's values
   * ({@code plan_cache_mode=force_custom_plan}: slower here, see the README).
   */
  enum Plans { DRIVER, CUSTOM }

  /** The two indexes Parcours made first (branch queues). */
  static final List<String> FIRST_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS parcours_idx_var_exe_name ON act_ru_variable (execution_id_, name_)",
      "CREATE INDEX IF NOT EXISTS parcours_idx_task_def_key ON act_ru_task (task_def_key_, proc_def_id_)");

  /** The indexes as the branch queues3 left them. */
  static final List<String> QUEUES3_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS parcours_idx_task_queue ON act_ru_task (task_def_key_, proc_def_id_,"
          + " suspension_state_, tenant_id_, id_, proc_inst_id_)",
      "CREATE INDEX IF NOT EXISTS parcours_idx_link_task_group ON act_ru_identitylink (task_id_, group_id_, type_)",
      "CREATE INDEX IF NOT EXISTS parcours_idx_var_exe_name_type ON act_ru_variable (execution_id_, name_, type_,"
          + " long_, double_)",
      "CREATE INDEX IF NOT EXISTS parcours_idx_auth_resource ON act_ru_authorization (resource_id_, resource_type_,"
          + " group_id_, user_id_, type_, perms_)");

  /** The task query as the branch queues3 left it. */
  static final CamundaStatements.Replacement QUEUES3_TASKS = new CamundaStatements.Replacement(
      "db/camunda/queue-benchmark-queues3.xml", Map.of(
          "selectTaskByQueryCriteria", "fr.parcours.config.QueueBenchmark.Queues3.selectTasks",
          "selectTaskCountByQueryCriteria", "fr.parcours.config.QueueBenchmark.Queues3.countTasks"));

  /** Sets how every session plans its statements (a server setting, reloaded: sessions read it at once). */
  void plans(Plans plans) throws Exception {
    try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER SYSTEM SET plan_cache_mode = "
          + (plans == Plans.CUSTOM ? "force_custom_plan" : "auto"));
      statement.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(300);
  }

  /** Camunda's task query joins the authorizations and definitions left, unless CMMN and standalone tasks are off. */
  void joins(boolean left) {
    engineConfiguration.setCmmnEnabled(left);
    engineConfiguration.setStandaloneTasksEnabled(left);
  }

  /** The indexes those statements create (their DROP statements left out). */
  static List<String> indexNames(List<String> statements) {
    return statements.stream().filter(statement -> statement.toUpperCase().startsWith("CREATE"))
        .map(statement -> statement.replaceAll("(?is).*INDEX\\s+(IF NOT EXISTS\\s+)?(\\S+)\\s+ON.*", "$2")).toList();
  }

  /**
   * The dossiers: {@link #SEEDS} driven through the engine ({@link #seed}), then their runtime rows copied with new
   * ids until there are {@link #DOSSIERS} ({@link #replicate}).
   */
  private int fill(JdbcTemplate jdbc) throws Exception {
    int seeds = Math.min(SEEDS, DOSSIERS);
    seed(jdbc, seeds);
    int copies = Math.max(0, (DOSSIERS + seeds - 1) / seeds - 1);
    replicate(jdbc, copies);
    return seeds;
  }

  /**
   * Copies the runtime rows of the seed dossiers {@code copies} times in set-based SQL, each copy with new ids
   * (the seed's id followed by {@code -r<copy>}) and its references rewritten to the copy's rows: the process
   * instances and their executions, tasks, variables (and their byte arrays), identity links, and the
   * authorizations on those tasks and instances, as the engine and {@link DossierAccess} wrote them. So the tables
   * the queues read have the shape Parcours creates, at a cost of seconds instead of an hour. The copy's dossier
   * number gets the suffix too, and its queue dates move back a minute per copy, so the queue's order mixes them.
   * Not copied (the queues do not read them): jobs, event subscriptions and history.
   */
  private void replicate(JdbcTemplate jdbc, int copies) {
    if (copies == 0) {
      return;
    }
    jdbc.execute("CREATE TABLE bench_seed_instance AS SELECT id_ FROM act_ru_execution WHERE id_ = proc_inst_id_"
        + " AND business_key_ LIKE 'DMN-B%'");
    jdbc.execute("CREATE TABLE bench_seed_task AS SELECT id_ FROM act_ru_task WHERE proc_inst_id_ IN"
        + " (SELECT id_ FROM bench_seed_instance)");
    String instances = "proc_inst_id_ IN (SELECT id_ FROM bench_seed_instance)";
    String dated = "'" + AnsProcess.EVIDENCE_QUEUED_AT + "', '" + AnsProcess.EVIDENCE_COMPLETE_AT + "'";
    copy(jdbc, copies, "act_ge_bytearray", "id_ IN (SELECT bytearray_id_ FROM act_ru_variable WHERE " + instances
        + ")", Map.of(), "id_");
    copy(jdbc, copies, "act_ru_execution", instances, Map.of("business_key_", "business_key_ || '-r' || k"),
        "id_", "root_proc_inst_id_", "proc_inst_id_", "parent_id_", "super_exec_");
    copy(jdbc, copies, "act_ru_task", instances, Map.of(), "id_", "execution_id_", "proc_inst_id_",
        "parent_task_id_");
    copy(jdbc, copies, "act_ru_variable", instances, Map.of(
            "text_", "CASE WHEN name_ = '" + AnsProcess.DOSSIER_ID + "' THEN text_ || '-r' || k ELSE text_ END",
            "long_", "CASE WHEN name_ IN (" + dated + ") THEN long_ - k * 60000 ELSE long_ END"),
        "id_", "execution_id_", "proc_inst_id_", "var_scope_", "task_id_", "bytearray_id_");
    copy(jdbc, copies, "act_ru_identitylink", "task_id_ IN (SELECT id_ FROM bench_seed_task)", Map.of(),
        "id_", "task_id_");
    copy(jdbc, copies, "act_ru_authorization", "resource_id_ IN (SELECT id_ FROM bench_seed_task UNION"
        + " SELECT id_ FROM bench_seed_instance)", Map.of(), "id_", "resource_id_", "root_proc_inst_id_");
    jdbc.execute("DROP TABLE bench_seed_task");
    jdbc.execute("DROP TABLE bench_seed_instance");
  }

  /** One INSERT … SELECT: the rows of the table that {@code where} selects, {@code copies} times. */
  private static void copy(JdbcTemplate jdbc, int copies, String table, String where, Map<String, String> changed,
      String... ids) {
    List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        + " ORDER BY ordinal_position", String.class, table);
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(List.of(ids).contains(column) ? column + " || '-r' || k" : changed.getOrDefault(column, column));
    }
    long start = System.nanoTime();
    int rows = jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
        + String.join(", ", values) + " FROM " + table + " CROSS JOIN generate_series(1, " + copies + ") AS k WHERE "
        + where);
    System.out.printf("  copied %,d rows of %s in %d ms%n", rows, table, (System.nanoTime() - start) / 1_000_000);
  }

  /** The seed dossiers: a twentieth of them per company, spread over the steps where a dossier waits. */
  private void seed(JdbcTemplate jdbc, int dossiers) throws Exception {
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
    for (int from = 0; from < dossiers; from += BATCH) {
      int start = from;
      batches.add(threads.submit(() -> transaction.executeWithoutResult(status -> {
        for (int i = start; i < Math.min(dossiers, start + BATCH); i++) {
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
    // Tasklist's own body: its sort (by default "created", descending, appended to the filter's own order)
    String body = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
        + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";
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

  /** Prints the plans logged since that offset (a list and a count, as auto_explain wrote them). */
  private void printPlans(Setting setting, Call call, long from) throws IOException {
    System.out.printf("%nPLANS %s — %s (EXPLAIN ANALYZE by auto_explain)%n", setting.label, call.label);
    for (String plan : plans(from)) {
      System.out.println(plan);
    }
  }

  /** Turns auto_explain on or off for every session; returns the server log's length at that moment. */
  private long explainNext(boolean on) throws Exception {
    try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + (on ? "0" : "-1"));
      statement.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(300); // every session reads the new setting
    return Files.size(SERVER_LOG);
  }

  /**
   * The plans logged since that offset, of the statements that read ACT_RU_TASK (the filter's list and count) or
   * the variables (the cards' variables of the page), without their query text.
   */
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
      if (plan.toUpperCase().contains("ACT_RU_TASK") || plan.toUpperCase().contains("FROM ACT_RU_VARIABLE RES")) {
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

}
