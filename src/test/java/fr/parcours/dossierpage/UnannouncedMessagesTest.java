package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The look for messages kept and not mailed before a start runs once, after its wait, on a thread that stops with
 * the application: closed before the wait is over, nothing is mailed and no thread is left (it was a bare thread
 * that slept on after the context closed, and could mail from a stopped application).
 */
class UnannouncedMessagesTest {

  @SuppressWarnings("unchecked")
  private static ObjectProvider<DossierMessages> provider(DossierMessages messages) {
    ObjectProvider<DossierMessages> provider = mock(ObjectProvider.class);
    when(provider.getObject()).thenReturn(messages);
    return provider;
  }

  /** Whether this instance's thread runs (other applications of this JVM, cached by other tests, have theirs). */
  private static boolean threadAlive(UnannouncedMessages unannounced) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith(unannounced.threadPrefix));
  }

  /**
   * Whether this instance's thread has ended within 200 ms of the close (less than the waits below, so that a thread
   * sleeping on would still be seen). The pool counts itself terminated as its last worker leaves, a moment before
   * that thread has returned: looking only once, at once, failed one build in many.
   */
  private static boolean threadEnded(UnannouncedMessages unannounced) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
    while (threadAlive(unannounced)) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Test
  void shouldLookOnceAfterItsWaitWithTheStartsInstant() throws InterruptedException {
    DossierMessages messages = mock(DossierMessages.class);
    UnannouncedMessages unannounced = new UnannouncedMessages(provider(messages), Duration.ofMillis(200));
    Instant before = Instant.now();

    unannounced.run(new DefaultApplicationArguments());

    verify(messages, never()).announceUnannounced(any());
    verify(messages, timeout(5_000)).announceUnannounced(any());
    unannounced.destroy();
    verify(messages).announceUnannounced(org.mockito.ArgumentMatchers.argThat(kept -> !kept.isBefore(
        before.minusSeconds(1))));
    assertThat(threadEnded(unannounced)).as("no thread after close").isTrue();
  }

  @Test
  void shouldMailNothingAndLeaveNoThreadWhenClosedBeforeItsWait() throws InterruptedException {
    DossierMessages messages = mock(DossierMessages.class);
    UnannouncedMessages unannounced = new UnannouncedMessages(provider(messages), Duration.ofMillis(500));
    unannounced.run(new DefaultApplicationArguments());
    assertThat(threadAlive(unannounced)).as("the wait runs on its own thread").isTrue();

    unannounced.destroy();

    assertThat(threadEnded(unannounced)).as("no thread after close").isTrue();
    Thread.sleep(800);
    verify(messages, never()).announceUnannounced(any());
  }
}
