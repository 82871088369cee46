package fr.parcours.dossierpage;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * After a start, mails the messages of the dossier pages kept before it whose mail neither left nor failed
 * ({@link DossierMessages#announceUnannounced}): a node killed between keeping a message and mailing it left the other
 * side untold, and the page said nothing of it. It waits first ({@code parcours.messages.unannounced-after}, longer
 * than a mail may take with the SMTP timeouts of application.yml), so that a message another node of a cluster is
 * mailing at this moment is never mailed twice; the messages kept before this start are that old by then.
 */
@Component
class UnannouncedMessages implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(UnannouncedMessages.class);

  private final ObjectProvider<DossierMessages> messages;
  private final Duration after;

  UnannouncedMessages(ObjectProvider<DossierMessages> messages,
      @Value("${parcours.messages.unannounced-after:PT30S}") Duration after) {
    this.messages = messages;
    this.after = after;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    Instant started = ClockUtil.getCurrentTime().toInstant();
    Thread later = new Thread(() -> {
      try {
        Thread.sleep(after.toMillis());
        messages.getObject().announceUnannounced(started);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("The messages kept before this start and not mailed could not be looked at: {}", e.toString());
      }
    }, "parcours-unannounced-messages");
    later.setDaemon(true);
    later.start();
  }
}
