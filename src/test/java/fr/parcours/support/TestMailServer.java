package fr.parcours.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailProxy;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests' SMTP server: GreenMail, as {@code GreenMailExtension} runs it (fresh for each test, or for the class),
 * but answering like a real mail server.
 *
 * <p>Why not GreenMail as it comes: it writes each line of a several-line reply (the three lines answering
 * {@code EHLO}) in its own TCP segment. The kernel holds the second segment until the first is acknowledged
 * (Nagle), and the client delays that acknowledgement by 40 ms, waiting for the rest of the reply: every mail step
 * waited about 42 ms for nothing (measured with Java Flight Recorder in the what-if simulator: 1,912 such waits, 83 s
 * of the worker threads' 240 s for 150 dossiers). A real server (Postfix, Exim) writes a whole reply at once, so a
 * test that pays the wait measures the test server, not Parcours. Here every connection the server accepts sends at
 * once ({@code TCP_NODELAY}); nothing else changes.
 */
public final class TestMailServer extends GreenMailProxy
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final ServerSetup setup;
  private boolean perMethod = true;
  private GreenMail server;

  public TestMailServer(ServerSetup setup) {
    this.setup = setup;
  }

  /** A server for the whole class rather than a fresh one for each test (as {@code GreenMailExtension}). */
  public TestMailServer withPerMethodLifecycle(boolean perMethod) {
    this.perMethod = perMethod;
    return this;
  }

  /** A GreenMail SMTP server on that address and port that answers at once (see the class comment). */
  public static GreenMail server(ServerSetup setup) {
    return new GreenMail(setup) {
      @Override
      protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup each : config) {
          if (!ServerSetup.PROTOCOL_SMTP.equals(each.getProtocol())) {
            throw new IllegalArgumentException("The tests' mail server speaks SMTP only, not " + each.getProtocol());
          }
          services.put(each.getProtocol(), new SmtpServer(each, managers) {
            @Override
            protected void handleClientSocket(Socket client) throws SocketException {
              client.setTcpNoDelay(true);
              super.handleClientSocket(client);
            }
          });
        }
        return services;
      }
    };
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!perMethod) {
      begin();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perMethod) {
      begin();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perMethod) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!perMethod) {
      stop();
    }
  }

  private void begin() {
    server = server(setup);
    server.start();
  }

  @Override
  public boolean isRunning() {
    return server != null && server.isRunning();
  }

  @Override
  protected GreenMail getGreenMail() {
    return server;
  }
}
