package fr.parcours.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a write cut short by a stop leaves in a folder that several nodes may share: the start-up sweeps remove only
 * what has been untouched for a day. A write takes minutes at most, so a file or folder touched since is one that
 * another node of the cluster may still be writing, and stays.
 */
public final class Leftovers {

  /** How long a leftover stays untouched before a start-up sweep removes it. */
  public static final Duration UNTOUCHED_FOR = Duration.ofDays(1);

  private Leftovers() {
  }

  /** Whether nothing in it (a file, or a folder and all it holds) has changed for {@link #UNTOUCHED_FOR}. */
  public static boolean untouchedSince(Path path, Instant now) {
    return lastTouched(path).isBefore(now.minus(UNTOUCHED_FOR));
  }

  /** The latest change anywhere in it: a folder still being written keeps getting files. */
  public static Instant lastTouched(Path path) {
    try (Stream<Path> files = Files.walk(path)) {
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
}
