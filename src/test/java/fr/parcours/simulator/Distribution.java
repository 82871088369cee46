package fr.parcours.simulator;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response time in days, as a process owner writes it in a what-if file: {@code fixe(3)}, {@code uniforme(2, 10)},
 * {@code triangulaire(2, 5, 20)}, {@code exponentielle(7)} (its mean) or {@code lognormale(10, 30)} (its median and
 * its 90th percentile: most answers near the median, a few much later).
 */
sealed interface Distribution {

  String HOW = "écrivez fixe(n), uniforme(min, max), triangulaire(min, mode, max), exponentielle(moyenne)"
      + " ou lognormale(médiane, p90), en jours (ex. triangulaire(2, 5, 20))";

  /** A number of days, never negative. */
  double sample(SplittableRandom random);

  record Fixed(double days) implements Distribution {
    public double sample(SplittableRandom random) {
      return days;
    }
  }

  record Uniform(double min, double max) implements Distribution {
    public double sample(SplittableRandom random) {
      return min + random.nextDouble() * (max - min);
    }
  }

  record Triangular(double min, double mode, double max) implements Distribution {
    public double sample(SplittableRandom random) {
      double u = random.nextDouble();
      if (max == min) {
        return min;
      }
      double split = (mode - min) / (max - min);
      return u < split ? min + Math.sqrt(u * (max - min) * (mode - min))
          : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
  }

  record Exponential(double mean) implements Distribution {
    public double sample(SplittableRandom random) {
      return -mean * Math.log(1 - random.nextDouble());
    }
  }

  /** Median and 90th percentile: sigma = (ln p90 - ln median) / 1.2816. */
  record LogNormal(double median, double p90) implements Distribution {
    public double sample(SplittableRandom random) {
      double sigma = (Math.log(p90) - Math.log(median)) / 1.2815515655446004;
      return Math.exp(Math.log(median) + sigma * gaussian(random));
    }

    private static double gaussian(SplittableRandom random) {
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }

  Pattern FORM = Pattern.compile("\\s*([\\p{L}]+)\\s*\\(([^()]*)\\)\\s*");

  /**
   * Reads a distribution; a bad one throws {@link IllegalArgumentException} with a French message saying what is
   * wrong and how to write it (the caller adds the line and the step).
   */
  static Distribution parse(String text) {
    Matcher form = FORM.matcher(text);
    if (!form.matches()) {
      throw new IllegalArgumentException("« " + text.strip() + " » n’est pas une loi de délai : " + HOW);
    }
    String name = form.group(1).toLowerCase(Locale.ROOT);
    String[] parts = form.group(2).isBlank() ? new String[0] : form.group(2).split(",");
    double[] p = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      try {
        p[i] = Double.parseDouble(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("« " + part + " » n’est pas un nombre de jours (dans « " + text.strip()
            + " ») : écrivez un nombre avec un point décimal, ex. 2.5");
      }
      if (p[i] < 0 || Double.isNaN(p[i]) || Double.isInfinite(p[i])) {
        throw new IllegalArgumentException("« " + part + " » : un délai ne peut pas être négatif (dans « "
            + text.strip() + " »)");
      }
    }
    return switch (name) {
      case "fixe" -> {
        arity(text, p, 1, "fixe(jours)");
        yield new Fixed(p[0]);
      }
      case "uniforme" -> {
        arity(text, p, 2, "uniforme(min, max)");
        order(text, p[0] <= p[1], "le minimum doit être inférieur ou égal au maximum");
        yield new Uniform(p[0], p[1]);
      }
      case "triangulaire" -> {
        arity(text, p, 3, "triangulaire(min, mode, max)");
        order(text, p[0] <= p[1] && p[1] <= p[2], "il faut min ≤ mode ≤ max");
        yield new Triangular(p[0], p[1], p[2]);
      }
      case "exponentielle" -> {
        arity(text, p, 1, "exponentielle(moyenne)");
        order(text, p[0] > 0, "la moyenne doit être positive");
        yield new Exponential(p[0]);
      }
      case "lognormale" -> {
        arity(text, p, 2, "lognormale(médiane, p90)");
        order(text, p[0] > 0 && p[0] < p[1], "il faut 0 < médiane < p90");
        yield new LogNormal(p[0], p[1]);
      }
      default -> throw new IllegalArgumentException("« " + form.group(1) + " » n’est pas une loi connue : " + HOW);
    };
  }

  private static void arity(String text, double[] p, int expected, String how) {
    if (p.length != expected) {
      throw new IllegalArgumentException("« " + text.strip() + " » : cette loi prend " + expected
          + (expected == 1 ? " nombre" : " nombres") + ", écrivez " + how);
    }
  }

  private static void order(String text, boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("« " + text.strip() + " » : " + rule);
    }
  }
}
