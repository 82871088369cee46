package fr.parcours.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The wait that lands a person on a dossier's first task (dossierpage.FirstTask, tasklist.FirstTaskAfterStart): it
 * finds what comes a few looks later, answers at once when nothing is coming, looks once with no wait at all, and gives
 * up when the wait is over.
 */
class LookUntilTest {

  static final Duration EVERY = Duration.ofMillis(5);

  /** A look that counts itself and finds "task" on look number {@code foundAt} (0: never). */
  static Supplier<Optional<String>> looking(AtomicInteger looks, int foundAt) {
    return () -> looks.incrementAndGet() == foundAt ? Optional.of("task") : Optional.empty();
  }

  @Test
  void shouldFindWhatComesOnTheThirdLook() {
    AtomicInteger looks = new AtomicInteger();
    Optional<String> found = LookUntil.found(Duration.ofSeconds(5), EVERY, looking(looks, 3), () -> true);
    assertThat(found).contains("task");
    assertThat(looks).hasValue(3);
  }

  @Test
  void shouldStopAtOnceWhenNothingIsComing() {
    AtomicInteger looks = new AtomicInteger();
    long started = System.nanoTime();
    Optional<String> found = LookUntil.found(Duration.ofSeconds(5), EVERY, looking(looks, 0), () -> false);
    assertThat(found).isEmpty();
    assertThat(looks).as("the look, and the last one once nothing is due").hasValue(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void shouldLookOnceWithoutWaitingWhenTheWaitIsZero() {
    AtomicInteger looks = new AtomicInteger();
    assertThat(LookUntil.found(Duration.ZERO, EVERY, looking(looks, 1), () -> true)).contains("task");
    assertThat(LookUntil.found(Duration.ZERO, EVERY, looking(looks, 0), () -> true)).isEmpty();
    assertThat(looks).hasValue(2);
  }

  @Test
  void shouldGiveUpWhenTheWaitIsOver() {
    AtomicInteger looks = new AtomicInteger();
    long started = System.nanoTime();
    Optional<String> found = LookUntil.found(Duration.ofMillis(100), EVERY, looking(looks, 0), () -> true);
    assertThat(found).isEmpty();
    assertThat(looks.get()).isGreaterThan(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /**
   * The last step of the dossier commits its task between a look (no task yet) and the check of what is due (no step
   * left): the wait answered "no task" and the page landed on the dossier page, although the task was there
   * (ComplianceAuditBrowserIT timed out so once, on a loaded machine). It looks once more.
   */
  @Test
  void shouldFindWhatTheLastStepMadeBetweenTheLookAndTheCheck() {
    AtomicInteger looks = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean made = new java.util.concurrent.atomic.AtomicBoolean();
    Optional<String> found = LookUntil.found(Duration.ofSeconds(5), EVERY, () -> {
      looks.incrementAndGet();
      return made.get() ? Optional.of("task") : Optional.empty();
    }, () -> {
      made.set(true); // the step's job commits the task here: nothing is due any more
      return false;
    });
    assertThat(found).contains("task");
    assertThat(looks).hasValue(2);
  }
}
