package fr.parcours.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two starts of the same thing at the same instant, on two threads: the first runs in a transaction held open
 * until the second has run its own checks (which cannot see the first's uncommitted rows) and is waiting on the
 * database; then the first commits. What stops the second is then only the database's lock (a unique index):
 * without one it would succeed.
 */
public final class SameInstant {

  /** What each thread did: the first's result, and what the second threw (null when it succeeded). */
  public record Outcome<T>(T first, Throwable second) {
  }

  private SameInstant() {
  }

  public static <T> Outcome<T> run(PlatformTransactionManager transactions, Supplier<T> first, Runnable second)
      throws Exception {
    CountDownLatch firstDone = new CountDownLatch(1);
    CountDownLatch secondTried = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Throwable> secondOutcome = other.submit(() -> {
        firstDone.await();
        try {
          second.run();
          return null;
        } catch (RuntimeException refused) {
          return refused;
        } finally {
          secondTried.countDown();
        }
      });
      T result = new TransactionTemplate(transactions).execute(status -> {
        T started = first.get();
        firstDone.countDown();
        try {
          // the second runs its checks now and waits on the index: it cannot finish before this commits
          assertThat(secondTried.await(700, TimeUnit.MILLISECONDS)).as("the second waits for the first").isFalse();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return started;
      });
      return new Outcome<>(result, secondOutcome.get(30, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
  }
}
