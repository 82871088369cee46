package fr.parcours.dossierpage;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * After a start, mails the messages of the dossier pages kept before it whose mail neither left nor failed
 * ({@link DossierMessages#announceUnannounced}): a node killed between keeping a message and mailing it left the other
 * side untold, and the page said nothing of it. It waits first ({@code parcours.messages.unannounced-after}, longer
 * than a mail may take with the SMTP timeouts of application.yml), so that a message another node of a cluster is
 * mailing at this moment is never mailed twice; the messages kept before this start are that old by then. The wait
 * runs on a scheduler of its own that stops with the application: closed before the wait is over, it mails nothing
 * and leaves no thread behind (it was a bare thread that outlived the context).
 */
@Component
class UnannouncedMessages implements ApplicationRunner, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(UnannouncedMessages.class);
  static final String THREAD = "parcours-unannounced-messages";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ObjectProvider<DossierMessages> messages;
  private final Duration after;
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  /** The name its thread starts with, its own among the applications of one JVM (the tests run several). */
  final String threadPrefix = THREAD + "-" + INSTANCES.incrementAndGet() + "-";

  UnannouncedMessages(ObjectProvider<DossierMessages> messages,
      @Value("${parcours.messages.unannounced-after:PT30S}") Duration after) {
    this.messages = messages;
    this.after = after;
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix(threadPrefix);
    scheduler.setDaemon(true);
    // closed while a mail leaves: that mail is given a few seconds, the next ones are left for the next start
    scheduler.setWaitForTasksToCompleteOnShutdown(false);
    scheduler.setAwaitTerminationSeconds(10);
  }

  @Override
  public void run(ApplicationArguments arguments) {
    Instant started = ClockUtil.getCurrentTime().toInstant();
    scheduler.initialize();
    scheduler.schedule(() -> {
      try {
        messages.getObject().announceUnannounced(started);
      } catch (RuntimeException e) {
        LOG.warn("The messages kept before this start and not mailed could not be looked at: {}", e.toString());
      }
    }, Instant.now().plus(after));
  }

  @Override
  public void destroy() {
    scheduler.destroy();
  }
}
