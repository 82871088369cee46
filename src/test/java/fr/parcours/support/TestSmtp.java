package fr.parcours.support;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The tests' SMTP server (GreenMail) listens on a port free when this test JVM starts, not on a fixed one,
 * so that {@code mvn verify} passes while the demo application or another build runs on the same machine.
 * The port is chosen once per JVM ({@link FreePorts} does it before any test) and handed to Spring as the
 * system property {@value #PORT_PROPERTY}, which {@code application-test.yml} reads for {@code spring.mail.port}.
 */
public final class TestSmtp {

  public static final String PORT_PROPERTY = "parcours.test.smtp-port";

  /** Where every test's GreenMail listens. */
  public static final ServerSetup SMTP = new ServerSetup(port(), ServerSetupTest.SMTP.getBindAddress(),
      ServerSetup.PROTOCOL_SMTP);

  private TestSmtp() {
  }

  /** The port of this JVM's tests, chosen the first time it is asked for. */
  static synchronized int port() {
    String chosen = System.getProperty(PORT_PROPERTY);
    if (chosen == null) {
      chosen = String.valueOf(freePort());
      System.setProperty(PORT_PROPERTY, chosen);
    }
    return Integer.parseInt(chosen);
  }

  /** A port nothing listens on now, on the loopback address the tests use. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ServerSetupTest.SMTP.getBindAddress()))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the tests' SMTP server", e);
    }
  }
}
