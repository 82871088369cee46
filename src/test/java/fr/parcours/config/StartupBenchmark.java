package fr.parcours.config;

import fr.parcours.ParcoursApplication;
import fr.parcours.support.TestSmtp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.metrics.StartupStep;

/**
 * Prints Parcours' start-up against a bare Camunda 7.24 webapp on the same Spring Boot, the same starters and
 * the same kind of database, started alternately in one JVM on a free port, as medians and their ratio: first
 * on an empty in-memory H2 database each time (schema made, everything deployed), then restarted on the database
 * of its previous start; with, between them, the bare webapp deploying Parcours' diagrams and forms (the models'
 * share), and the steps of Parcours' start-up that cost most (Spring's {@link BufferingApplicationStartup}: beans
 * created, with what they create in turn). No timing assertion.
 *
 * <p>{@code mvn -B -ntp -o verify -Pbenchmarks -Dtest=StartupBenchmark}
 */
class StartupBenchmark {

  static final int WARM_UP = 1;
  static final int ROUNDS = Integer.getInteger("startup.rounds", 5);

  /** A Camunda webapp and REST API with nothing of Parcours: the starters' auto-configuration alone. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class BareCamundaWebapp {
  }

  @Test
  void printTheStartUpAgainstABareCamundaWebapp() {
    for (boolean empty : new boolean[] {true, false}) {
      // restarts: each kind of application on its own database, made by its first start (the warm-up)
      String bareDatabase = "bare-" + UUID.randomUUID();
      String deployingDatabase = "deploying-" + UUID.randomUUID();
      String parcoursDatabase = "parcours-" + UUID.randomUUID();
      List<Long> bare = new ArrayList<>();
      List<Long> deploying = new ArrayList<>();
      List<Long> parcours = new ArrayList<>();
      BufferingApplicationStartup lastSteps = null;
      for (int round = 0; round < WARM_UP + ROUNDS; round++) {
        long bareMillis = timed(bare(), empty ? null : bareDatabase);
        long deployingMillis = timed(bareDeployingParcoursModels(), empty ? null : deployingDatabase);
        BufferingApplicationStartup steps = new BufferingApplicationStartup(20_000);
        long parcoursMillis = timed(parcours(steps), empty ? null : parcoursDatabase);
        if (round >= WARM_UP) {
          bare.add(bareMillis);
          deploying.add(deployingMillis);
          parcours.add(parcoursMillis);
          lastSteps = steps;
        }
      }
      System.out.printf("%nBENCHMARK start-up %s, %d rounds after %d of warm-up, alternately in one JVM,"
          + " milliseconds (median / min), shared 2-core machine%n", empty ? "on an EMPTY database (first start)"
          : "on the database of its previous start (a restart)", ROUNDS, WARM_UP);
      System.out.printf("  bare Camunda 7.24 webapp + REST, H2 in memory     %6d / %6d%n", median(bare),
          Collections.min(bare));
      System.out.printf("  the same, deploying Parcours' diagrams and forms   %6d / %6d%n", median(deploying),
          Collections.min(deploying));
      System.out.printf("  Parcours (demo profile), H2 in memory              %6d / %6d%n", median(parcours),
          Collections.min(parcours));
      System.out.printf("  ratio Parcours / bare (medians): %.2f%n", (double) median(parcours) / median(bare));
      printCostliest(lastSteps);
    }
  }

  private static SpringApplicationBuilder bare() {
    return new SpringApplicationBuilder(BareCamundaWebapp.class).properties(Map.of(
        // nothing of Parcours' own configuration, migrations or diagrams: Camunda's defaults
        "spring.config.name", "bare-camunda",
        "spring.flyway.enabled", "false",
        "camunda.bpm.auto-deployment-enabled", "false",
        "camunda.bpm.admin-user.id", "demo",
        "camunda.bpm.admin-user.password", "demo",
        "camunda.bpm.authorization.enabled", "true"));
  }

  /** The bare webapp deploying what Parcours deploys (no Parcours bean, no parse listener): the models' share. */
  private static SpringApplicationBuilder bareDeployingParcoursModels() {
    return bare().properties(Map.of(
        "camunda.bpm.auto-deployment-enabled", "true",
        "camunda.bpm.deployment-resource-pattern", "classpath*:bpmn/**/*.bpmn,classpath*:bpmn/**/*.dmn,"
            + "classpath*:forms/**/*.form"));
  }

  private static SpringApplicationBuilder parcours(BufferingApplicationStartup steps) {
    SpringApplicationBuilder builder = new SpringApplicationBuilder(ParcoursApplication.class).properties(Map.of(
        "spring.profiles.active", "demo",
        "parcours.demo.mailbox.enabled", "false",
        "parcours.evidence.storage", "target/startup-benchmark/" + UUID.randomUUID() + "/evidence",
        "parcours.documents.storage", "target/startup-benchmark/" + UUID.randomUUID() + "/documents"));
    builder.application().setApplicationStartup(steps);
    return builder;
  }

  /**
   * Started with the settings both share as arguments (above application.yml, which names a file database): an
   * in-memory database, new or of that name, a free port, and the mail port of the tests.
   */
  private static long timed(SpringApplicationBuilder builder, String database) {
    String url = "jdbc:h2:mem:" + (database == null ? UUID.randomUUID() : database) + ";DB_CLOSE_DELAY=-1";
    String[] arguments = {"--spring.datasource.url=" + url, "--spring.datasource.username=sa",
        "--spring.datasource.password=", "--server.port=0", "--spring.main.banner-mode=off",
        "--logging.level.root=warn", "--spring.jmx.enabled=false",
        "--spring.mail.port=" + TestSmtp.SMTP.getPort()};
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context = builder.run(arguments)) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      SpringApplication.exit(context);
      return millis;
    }
  }

  /** The beans whose creation took longest, in their own time (what they created in turn taken off). */
  private static void printCostliest(BufferingApplicationStartup steps) {
    StartupTimeline timeline = steps.getBufferedTimeline();
    Map<Long, Long> childTime = new LinkedHashMap<>();
    for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
      Long parent = event.getStartupStep().getParentId();
      if (parent != null) {
        childTime.merge(parent, event.getDuration().toNanos(), Long::sum);
      }
    }
    List<String[]> rows = new ArrayList<>();
    for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
      StartupStep step = event.getStartupStep();
      long own = event.getDuration().toNanos() - childTime.getOrDefault(step.getId(), 0L);
      StringBuilder tags = new StringBuilder();
      step.getTags().forEach(tag -> tags.append(tag.getKey().equals("beanName") ? tag.getValue() : ""));
      rows.add(new String[] {String.valueOf(own / 1_000_000), step.getName() + " " + tags,
          String.valueOf(event.getDuration().toMillis())});
    }
    rows.sort(Comparator.comparingLong((String[] row) -> Long.parseLong(row[0])).reversed());
    System.out.printf("  Parcours' costliest start-up steps (last round), milliseconds own / with what they create:%n");
    for (String[] row : rows.subList(0, Math.min(15, rows.size()))) {
      System.out.printf("    %6s / %6s  %s%n", row[0], row[2], row[1]);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
