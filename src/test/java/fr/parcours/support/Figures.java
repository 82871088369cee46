package fr.parcours.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What the benchmarks print beside their figures: percentiles, and how loaded the shared machine was. */
public final class Figures {

  private Figures() {
  }

  /** The value below which that percent of the values lie (nearest rank). */
  public static <T extends Comparable<? super T>> T percentile(List<T> values, int percent) {
    List<T> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1)));
  }

  /** "median [p25–p75]" of the values, each written with that format ({@code %.1f}). */
  public static String medianAndQuartiles(List<Double> values, String format) {
    return String.format(Locale.ROOT, format + " [" + format + "–" + format + "]", percentile(values, 50),
        percentile(values, 25), percentile(values, 75));
  }

  /** The machine's load average over the last minute, as Linux gives it. */
  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
