package fr.parcours.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Looks for something that another transaction is about to make (a dossier's first task, which follows a mail step
 * the job executor runs a moment after the start), again and again, for a short wait at most.
 */
public final class LookUntil {

  private LookUntil() {
  }

  /**
   * What {@code look} finds, looked for every {@code every} until it finds it, until {@code worthWaiting} says
   * nothing is coming (no step of the dossier is due: then it looks once more, for what the last step made meanwhile),
   * or until {@code wait} is over; looks once at least, so that a wait of zero still answers what is there. Empty when nothing was found, or when the thread is interrupted.
   */
  public static <T> Optional<T> found(Duration wait, Duration every, Supplier<Optional<T>> look,
      BooleanSupplier worthWaiting) {
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<T> found = look.get();
      if (found.isPresent() || System.nanoTime() >= until) {
        return found;
      }
      if (!worthWaiting.getAsBoolean()) {
        // nothing due any more: the last step may have made it between the look and this check (its job committed
        // there, which a loaded machine makes likely), so look once more rather than answer "nothing"
        return look.get();
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
