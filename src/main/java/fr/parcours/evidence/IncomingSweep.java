package fr.parcours.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes what a send cut short left in the evidence storage's {@code .incoming} folder (the
 * application stopped while unpacking an archive). A send takes minutes at most; only folders untouched for a
 * day go, so that a send in progress on another node sharing the storage is never touched.
 */
@Component
class IncomingSweep implements ApplicationRunner {

  static final Duration LEFT_FOR = Duration.ofDays(1);
  private static final Logger LOG = LoggerFactory.getLogger(IncomingSweep.class);

  private final EvidenceProperties properties;

  IncomingSweep(EvidenceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    int removed = sweep(Instant.now());
    if (removed > 0) {
      LOG.info("Removed {} unfinished evidence send(s) left in {}", removed, incoming());
    }
  }

  /** Removes the unfinished sends last touched before {@code now} minus a day; returns how many. */
  int sweep(Instant now) {
    Path incoming = incoming();
    if (!Files.isDirectory(incoming)) {
      return 0;
    }
    List<Path> stale;
    try (Stream<Path> sends = Files.list(incoming)) {
      stale = sends.filter(send -> lastTouched(send).isBefore(now.minus(LEFT_FOR))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + incoming, e);
    }
    stale.forEach(IncomingSweep::delete);
    return stale.size();
  }

  private Path incoming() {
    return properties.storage().toAbsolutePath().normalize().resolve(".incoming");
  }

  /** The latest change anywhere in the send's folder: a send still being unpacked keeps writing files. */
  private static Instant lastTouched(Path send) {
    try (Stream<Path> files = Files.walk(send)) {
      return files.map(file -> {
        try {
          return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
          return Instant.MAX; // vanishing under our feet: someone is working on it
        }
      }).max(Comparator.naturalOrder()).orElse(Instant.MAX);
    } catch (IOException e) {
      return Instant.MAX;
    }
  }

  private static void delete(Path send) {
    try (Stream<Path> files = Files.walk(send)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove the unfinished send {}: {}", send, e.getMessage());
    }
  }
}
