package fr.parcours.simulator;

import fr.parcours.simulator.AnswerBook.Ending;
import fr.parcours.simulator.SimulationResult.Sample;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The report of a what-if, one HTML page that opens without a network: the figures of each run side by side (one
 * run, or a run with the deadlines table in force beside one with a changed table), the time from deposit to decision
 * as a histogram, the windows missed by who, and the queues and open dossiers over simulated time (inline SVG).
 */
final class SimulationReport {

  private static final String[] COLOURS = {"#1f5fa8", "#d0621b", "#2e8b57", "#8e44ad", "#b8860b", "#c0392b"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.FRANCE)
      .withZone(ZoneId.of("Europe/Paris"));

  private SimulationReport() {
  }

  static String html(String title, List<SimulationResult> runs, List<String> notes) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .7em;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}th{background:#eef2f7}.runs{display:flex;flex-wrap:wrap;gap:2em}"
            + "figure{margin:0}figcaption{font-weight:bold;margin:.5em 0}.note{color:#555;font-size:.9em}</style></head><body>");
    h.append("<h1>").append(esc(title)).append("</h1>");
    for (String note : notes) {
      h.append("<p class=\"note\">").append(esc(note)).append("</p>");
    }
    h.append("<h2>Les chiffres</h2><table><tr><th></th>");
    runs.forEach(r -> h.append("<th>").append(esc(r.label)).append("</th>"));
    h.append("</tr>");
    row(h, runs, "Dossiers déposés", r -> String.valueOf(r.deposited.get()));
    row(h, runs, "Décidés (favorable)", r -> String.valueOf(r.endings.get(Ending.DECIDED)));
    row(h, runs, "Refusés", r -> String.valueOf(r.endings.get(Ending.REFUSED)));
    row(h, runs, "Abandonnés", r -> String.valueOf(r.endings.get(Ending.ABANDONED)));
    row(h, runs, "Encore ouverts à la fin", r -> String.valueOf(r.endings.get(Ending.OPEN)));
    row(h, runs, "Du dépôt à la décision, médiane (jours)", r -> fmt(r.percentile(0.5)));
    row(h, runs, "Du dépôt à la décision, 9 dossiers sur 10 en moins de (jours)", r -> fmt(r.percentile(0.9)));
    row(h, runs, "Délais dépassés", r -> String.valueOf(r.windowsMissed()));
    TreeSet<String> whos = new TreeSet<>();
    runs.forEach(r -> whos.addAll(r.missedBy.keySet()));
    for (String who : whos) {
      row(h, runs, "… par " + who, r -> String.valueOf(r.missedBy.getOrDefault(who, new AtomicInteger()).get()));
    }
    TreeSet<String> queues = new TreeSet<>();
    runs.forEach(r -> queues.addAll(r.peaks().keySet()));
    for (String who : queues) {
      row(h, runs, "Tâches en attente au plus haut, " + who, r -> String.valueOf(r.peaks().getOrDefault(who, 0)));
    }
    row(h, runs, "Durée du calcul (s)", r -> fmt(r.wallSeconds()));
    row(h, runs, "Dossiers menés à leur fin par minute de calcul", r -> fmt(r.dossiersPerMinute()));
    row(h, runs, "Réponses / tâches de fond exécutées", r -> r.answers.get() + " / " + r.jobs.get());
    row(h, runs, "Part du temps de travail : réponses et dépôts (%)", r -> fmt(100 * (r.shareOf("réponse")
        + r.shareOf("dépôt"))));
    row(h, runs, "… tâches de fond asyncBefore, l’effet (courriel) (%)", r -> fmt(100 * r.shareOf("asyncBefore")));
    row(h, runs, "… tâches de fond asyncAfter, la suite (%)", r -> fmt(100 * r.shareOf("asyncAfter")));
    row(h, runs, "… minuteurs (%)", r -> fmt(100 * r.shareOf("minuteur")));
    row(h, runs, "Échecs (voir la sortie de la commande)", r -> String.valueOf(r.failures.values().stream()
        .mapToInt(AtomicInteger::get).sum()));
    h.append("</table>");

    h.append("<h2>Du dépôt à la décision</h2><p class=\"note\">Nombre de dossiers décidés ou refusés, par tranche"
        + " de 15 jours entre le dépôt et la décision.</p>");
    h.append(histogram(runs));
    h.append("<h2>Délais dépassés, par qui</h2>");
    h.append(bars(runs, whos));
    h.append("<h2>Files d’attente au fil du temps simulé</h2><p class=\"note\">Tâches ouvertes qui attendent leur"
        + " réponse, par qui doit répondre, et dossiers ouverts.</p><div class=\"runs\">");
    for (SimulationResult run : runs) {
      h.append("<figure><figcaption>").append(esc(run.label)).append("</figcaption>").append(queues(run))
          .append("</figure>");
    }
    h.append("</div></body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, List<SimulationResult> runs, String name,
      Function<SimulationResult, String> value) {
    h.append("<tr><td>").append(esc(name)).append("</td>");
    runs.forEach(r -> h.append("<td>").append(esc(value.apply(r))).append("</td>"));
    h.append("</tr>");
  }

  private static String histogram(List<SimulationResult> runs) {
    int bin = 15;
    double max = runs.stream().flatMap(r -> r.daysToDecision.stream()).mapToDouble(Double::doubleValue).max()
        .orElse(0);
    int bins = Math.max(1, (int) Math.ceil((max + 0.001) / bin));
    int[][] counts = new int[runs.size()][bins];
    for (int i = 0; i < runs.size(); i++) {
      for (double d : runs.get(i).daysToDecision) {
        counts[i][Math.min(bins - 1, (int) (d / bin))]++;
      }
    }
    int top = 1;
    for (int[] c : counts) {
      for (int n : c) {
        top = Math.max(top, n);
      }
    }
    int w = 900;
    int hgt = 260;
    int left = 50;
    int bottom = 40;
    double slot = (w - left - 10.0) / bins;
    double bar = slot / (runs.size() + 0.5);
    StringBuilder s = svgStart(w, hgt);
    axes(s, left, hgt - bottom, w - 10, top);
    for (int b = 0; b < bins; b++) {
      for (int i = 0; i < runs.size(); i++) {
        double height = (hgt - bottom - 10.0) * counts[i][b] / top;
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
            + "<title>%s : %d dossiers entre %d et %d jours</title></rect>", left + b * slot + i * bar,
            hgt - bottom - height, bar, height, COLOURS[i % COLOURS.length], esc(runs.get(i).label), counts[i][b],
            b * bin, (b + 1) * bin));
      }
      if (bins <= 30 || b % 2 == 0) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%d</text>",
            left + b * slot, hgt - bottom + 14, b * bin));
      }
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">jours du dépôt à la décision</text>",
        left, hgt - 6));
    legend(s, runs.stream().map(r -> r.label).toList(), w - 300);
    return s.append("</svg>").toString();
  }

  private static String bars(List<SimulationResult> runs, TreeSet<String> whos) {
    if (whos.isEmpty()) {
      return "<p>Aucun délai dépassé.</p>";
    }
    int w = 1000;
    int line = 22;
    int hgt = 30 + whos.size() * line * runs.size() + 10;
    int top = 1;
    for (SimulationResult r : runs) {
      for (AtomicInteger n : r.missedBy.values()) {
        top = Math.max(top, n.get());
      }
    }
    StringBuilder s = svgStart(w, hgt);
    int y = 20;
    for (String who : whos) {
      for (int i = 0; i < runs.size(); i++) {
        int n = runs.get(i).missedBy.getOrDefault(who, new AtomicInteger()).get();
        double width = 480.0 * n / top;
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>"
            + "<rect x=\"180\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
            + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d</text>", y + 12, i == 0 ? esc(who) : "", y, width,
            COLOURS[i % COLOURS.length], 185 + width, y + 12, n));
        y += line;
      }
    }
    legend(s, runs.stream().map(r -> r.label).toList(), w - 200);
    return s.append("</svg>").toString();
  }

  private static String queues(SimulationResult run) {
    List<Sample> samples = run.samples;
    if (samples.isEmpty()) {
      return "<p>Aucune mesure.</p>";
    }
    Map<String, List<double[]>> series = new TreeMap<>();
    int top = 1;
    long t0 = samples.get(0).at().getEpochSecond();
    long t1 = Math.max(t0 + 1, samples.get(samples.size() - 1).at().getEpochSecond());
    for (Sample s : samples) {
      double x = (s.at().getEpochSecond() - t0) / 86400.0;
      s.openTasks().forEach((who, n) -> series.computeIfAbsent(who, k -> new ArrayList<>()).add(new double[] {x, n}));
      series.computeIfAbsent("dossiers ouverts", k -> new ArrayList<>()).add(new double[] {x, s.openDossiers()});
      top = Math.max(top, s.openDossiers());
      for (int n : s.openTasks().values()) {
        top = Math.max(top, n);
      }
    }
    int w = 560;
    int hgt = 300;
    int left = 50;
    int bottom = 40;
    double days = (t1 - t0) / 86400.0;
    StringBuilder svg = svgStart(w, hgt);
    axes(svg, left, hgt - bottom, w - 10, top);
    int i = 0;
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      StringBuilder points = new StringBuilder();
      for (double[] p : e.getValue()) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (w - left - 10) * p[0] / days,
            hgt - bottom - (hgt - bottom - 10.0) * p[1] / top));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\">"
          + "<title>%s</title></polyline>", COLOURS[i % COLOURS.length], points, esc(e.getKey())));
      names.add(e.getKey());
      i++;
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">jours depuis le %s (fin : %.0f"
        + " jours)</text>", left, hgt - 6, DAY.format(samples.get(0).at()), days));
    legend(svg, names, w - 170);
    return svg.append("</svg>").toString();
  }

  private static StringBuilder svgStart(int w, int h) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", w, h, w, h));
  }

  private static void axes(StringBuilder s, int left, int base, int right, int top) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
        + "<text x=\"%d\" y=\"18\" font-size=\"10\" text-anchor=\"end\">%d</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">0</text>",
        left, left, base, left, base, right, base, left - 4, top, left - 4, base));
  }

  private static void legend(StringBuilder s, List<String> names, int x) {
    for (int i = 0; i < names.size(); i++) {
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, 8 + i * 15, COLOURS[i % COLOURS.length], x + 14,
          17 + i * 15, esc(names.get(i))));
    }
  }

  private static String fmt(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.FRANCE, "%.1f", value);
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
