package fr.parcours.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The demo starts while another program holds the demo mailbox's port: the mailbox moves, the mails follow. */
class DemoMailboxPortTest {

  final DemoMailboxPort port = new DemoMailboxPort(new DeferredLogs());

  MockEnvironment demo(Map<String, Object> properties) {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("demo");
    environment.getPropertySources().addLast(new MapPropertySource("given", properties));
    return environment;
  }

  @Test
  void shouldMoveTheMailboxAndTheMailsToAFreePortWhenItsPortIsTaken() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName(DemoMailbox.BIND_ADDRESS))) {
      MockEnvironment environment = demo(Map.of(DemoMailboxPort.PORT, other.getLocalPort()));

      port.postProcessEnvironment(environment, new SpringApplication());

      int chosen = environment.getProperty(DemoMailboxPort.PORT, Integer.class);
      assertThat(chosen).isNotEqualTo(other.getLocalPort()).isPositive();
      assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(chosen);
      assertThat(DemoMailboxPort.isFree(chosen)).isTrue();
    }
  }

  @Test
  void shouldKeepAFreePortAsConfiguredAndSendTheMailsThere() {
    int free = DemoMailboxPort.freePort();
    MockEnvironment environment = demo(Map.of(DemoMailboxPort.PORT, free, "spring.mail.port", 25));

    port.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(DemoMailboxPort.PORT, Integer.class)).isEqualTo(free);
    assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(free);
  }

  @Test
  void shouldChooseAFreePortForPortZero() {
    MockEnvironment environment = demo(Map.of(DemoMailboxPort.PORT, 0));

    port.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(DemoMailboxPort.PORT, Integer.class)).isPositive();
    assertThat(environment.getProperty("spring.mail.port")).isEqualTo(environment.getProperty(DemoMailboxPort.PORT));
  }

  @Test
  void shouldLeaveOtherProfilesAndADisabledMailboxAlone() {
    MockEnvironment production = new MockEnvironment().withProperty(DemoMailboxPort.PORT, "0");
    port.postProcessEnvironment(production, new SpringApplication());
    assertThat(production.getProperty("spring.mail.port")).isNull();

    MockEnvironment disabled = demo(Map.of(DemoMailboxPort.PORT, 0, DemoMailboxPort.ENABLED, false));
    port.postProcessEnvironment(disabled, new SpringApplication());
    assertThat(disabled.getProperty("spring.mail.port")).isNull();
  }
}
