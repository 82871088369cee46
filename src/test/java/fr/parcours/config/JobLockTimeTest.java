package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The job lock time is a chosen setting (README, "Running several nodes"): a node that dies holding jobs stalls its
 * dossiers this long. Unset, Camunda's default of 5 minutes applied. The tests' engines run no job executor, and
 * {@code ClusterIT} shortens it to 10 s: this test holds the value the application ships with.
 */
class JobLockTimeTest {

  @Test
  void shouldShipAOneMinuteJobLock() throws Exception {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
        new ClassPathResource("application.yml"));

    Object lockTime = yaml.get(0).getProperty("camunda.bpm.job-execution.lock-time-in-millis");

    assertThat(lockTime).as("camunda.bpm.job-execution.lock-time-in-millis in application.yml").isEqualTo(60000);
    // above the slowest job: a mail waiting on an SMTP server that does not answer (connect, then read, write)
    long smtpTimeouts = 0;
    for (String timeout : List.of("connectiontimeout", "timeout", "writetimeout")) {
      smtpTimeouts += ((Number) yaml.get(0).getProperty("spring.mail.properties.mail.smtp." + timeout)).longValue();
    }
    assertThat((Integer) lockTime).as("lock time against the SMTP timeouts").isGreaterThan((int) (2 * smtpTimeouts));
  }
}
