package fr.parcours.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Under the {@code demo} profile, the demo mailbox's SMTP port ({@code parcours.demo.mailbox.smtp-port}, 3025)
 * may be held by another program (another Parcours, a build's test mail server): then the mailbox takes a free
 * port instead and says which in the log. Parcours sends its mails to the mailbox's port ({@code spring.mail.port}
 * is set here, nowhere else in the demo profile). Port 0 asks for a free port outright. Registered in {@code META-INF/spring.factories}: it runs before any bean.
 */
public class DemoMailboxPort implements EnvironmentPostProcessor {

  static final String PORT = "parcours.demo.mailbox.smtp-port";
  static final String ENABLED = "parcours.demo.mailbox.enabled";

  private final Log log;

  public DemoMailboxPort(DeferredLogFactory logs) {
    this.log = logs.getLog(DemoMailboxPort.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("demo"))
        || !environment.getProperty(ENABLED, Boolean.class, true)) {
      return;
    }
    int wanted = environment.getProperty(PORT, Integer.class, DemoMailbox.DEFAULT_PORT);
    int port = wanted != 0 && isFree(wanted) ? wanted : freePort();
    if (wanted != 0 && port != wanted) {
      log.warn("Le port " + wanted + " de la boîte aux lettres de la démo (" + PORT + ") est pris par un autre"
          + " programme : elle écoute sur le port " + port + " à la place, et Parcours y envoie ses courriels."
          + " Donnez un port à " + PORT + " pour le choisir.");
    }
    environment.getPropertySources().addFirst(new MapPropertySource("demoMailboxPort",
        Map.of(PORT, port, "spring.mail.port", port)));
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(DemoMailbox.BIND_ADDRESS))) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(DemoMailbox.BIND_ADDRESS))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("Aucun port libre pour la boîte aux lettres de la démo (" + e + ") : donnez"
          + " à " + PORT + " un port libre, puis redémarrez.", e);
    }
  }
}
