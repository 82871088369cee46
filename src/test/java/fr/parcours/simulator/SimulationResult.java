package fr.parcours.simulator;

import fr.parcours.simulator.AnswerBook.Answer;
import fr.parcours.simulator.AnswerBook.Ending;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a run measured: the dossiers' fates and times, the windows missed, the queues over time, the run's cost. */
final class SimulationResult {

  final String label;
  final String pathway;
  final Simulator.Settings settings;
  final AtomicInteger deposited = new AtomicInteger();
  final AtomicLong jobs = new AtomicLong();
  final AtomicLong answers = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong jobsGone = new AtomicLong();
  /** Tasks opened in dossiers of an earlier run on the same engine, left unanswered. */
  final AtomicLong foreignTasks = new AtomicLong();
  final AtomicLong closedBeforeAnswer = new AtomicLong();
  final AtomicLong jobNanos = new AtomicLong();
  final AtomicLong answerNanos = new AtomicLong();
  final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  /** Where the computing time went: nanoseconds and count by kind of work (a step's answer, a job by its activity). */
  final Map<String, long[]> spent = new ConcurrentHashMap<>();
  /** The simulator's own queries (jobs due, each dossier's jobs, tasks opened, queues). */
  final AtomicLong ownNanos = new AtomicLong();
  /** Windows missed, by who: the step closed by its window before the answer, or answered after its last day. */
  final Map<String, AtomicInteger> missedBy = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> missedAt = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> closedByWindow = new ConcurrentHashMap<>();
  final Map<String, Map<Answer, AtomicInteger>> answersBy = new ConcurrentHashMap<>();
  final EnumMap<Ending, Integer> endings = new EnumMap<>(Ending.class);
  /** Days from deposit to decision, of the dossiers decided or refused. */
  final List<Double> daysToDecision = new ArrayList<>();
  final List<Sample> samples = new ArrayList<>();
  long wallNanos;
  long moments;
  boolean stoppedAtHorizon;
  Instant simulatedEnd;

  /** The open tasks per who, and the open dossiers, at a moment of simulated time. */
  record Sample(Instant at, Map<String, Integer> openTasks, int openDossiers) {
  }

  SimulationResult(String label, String pathway, Simulator.Settings settings) {
    this.label = label;
    this.pathway = pathway;
    this.settings = settings;
    for (Ending ending : Ending.values()) {
      endings.put(ending, 0);
    }
  }

  void failure(String what) {
    failures.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  void missed(String who, String taskKey, boolean closed) {
    missedBy.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
    missedAt.computeIfAbsent(taskKey, k -> new AtomicInteger()).incrementAndGet();
    if (closed) {
      closedByWindow.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Work of a kind done: the time it took, and the processor time its thread used meanwhile. */
  void spent(String kind, long nanos, long cpuNanos) {
    long[] slot = spent.computeIfAbsent(kind, k -> new long[3]);
    synchronized (slot) {
      slot[0] += nanos;
      slot[1]++;
      slot[2] += cpuNanos;
    }
  }

  /** The share of the workers' time (answers and jobs) that work of that kind took, by prefix (« asyncAfter »). */
  double shareOf(String prefix) {
    long all = spent.values().stream().mapToLong(v -> v[0]).sum();
    long part = spent.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue()[0])
        .sum();
    return all == 0 ? 0 : (double) part / all;
  }

  /**
   * The glue's ratio for the same work: this run's time on the kinds of work both runs did (each step's answer, each
   * job by activity), against what the bare run's average per kind would have taken for as many of each. The bare
   * engine's windows never pass, so its dossiers do not take the same paths: comparing whole runs would compare
   * different work.
   */
  double glueRatioAgainst(SimulationResult bare) {
    return ratioAgainst(bare, 0);
  }

  /** The same counted in processor time: what the other programs of a loaded machine take does not count. */
  double glueCpuRatioAgainst(SimulationResult bare) {
    return ratioAgainst(bare, 2);
  }

  private double ratioAgainst(SimulationResult bare, int measure) {
    double ours = 0;
    double theirs = 0;
    for (Map.Entry<String, long[]> kind : spent.entrySet()) {
      long[] other = bare.spent.get(kind.getKey());
      if (other == null || other[1] == 0) {
        continue;
      }
      ours += kind.getValue()[measure];
      theirs += (double) other[measure] / other[1] * kind.getValue()[1];
    }
    return theirs == 0 ? Double.NaN : ours / theirs;
  }

  /** Processor time of the worker threads' answers and jobs, in seconds. */
  double cpuSeconds() {
    return spent.values().stream().mapToLong(v -> v[2]).sum() / 1e9;
  }

  void answered(String who, Answer answer) {
    answers.incrementAndGet();
    answersBy.computeIfAbsent(who, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
  }

  void sample(Instant at, Map<String, Integer> openTasks, int openDossiers) {
    samples.add(new Sample(at, openTasks, openDossiers));
  }

  synchronized void ended(Ending ending, Duration toDecision) {
    endings.merge(ending, 1, Integer::sum);
    if (toDecision != null) {
      daysToDecision.add(toDecision.toMinutes() / 1440.0);
    }
  }

  int windowsMissed() {
    return missedBy.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  double percentile(double p) {
    if (daysToDecision.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(daysToDecision);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
  }

  double wallSeconds() {
    return wallNanos / 1e9;
  }

  /** Dossiers carried from deposit to their end per minute of the run. */
  /** Dossiers deposited and carried as far as the run went, per minute of computing (the bare engine's stay open). */
  double dossiersSimulatedPerMinute() {
    return deposited.get() / Math.max(1e-9, wallSeconds() / 60);
  }

  double dossiersPerMinute() {
    int ended = endings.get(Ending.DECIDED) + endings.get(Ending.REFUSED) + endings.get(Ending.ABANDONED);
    return ended / Math.max(1e-9, wallSeconds() / 60);
  }

  /** The figures, in French, as the command line prints them. */
  String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.FRANCE, "%nSIMULATION %s — parcours %s, %d dossiers, graine %d, %d fils%n",
        label, pathway, settings.dossiers(), settings.seed(), settings.threads()));
    out.append(String.format(Locale.FRANCE, "  dossiers : %d décidés, %d refusés, %d abandonnés, %d encore ouverts%s%n",
        endings.get(Ending.DECIDED), endings.get(Ending.REFUSED), endings.get(Ending.ABANDONED),
        endings.get(Ending.OPEN), stoppedAtHorizon ? " (arrêt à l’horizon de " + settings.horizonDays() + " jours)" : ""));
    out.append(String.format(Locale.FRANCE, "  du dépôt à la décision : médiane %.1f jours, p90 %.1f jours (%d dossiers)%n",
        percentile(0.5), percentile(0.9), daysToDecision.size()));
    List<String> given = new ArrayList<>();
    new TreeMap<>(answersBy).forEach((who, byAnswer) -> given.add(who + " " + count(byAnswer, Answer.ORDINARY) + "/"
        + count(byAnswer, Answer.COMPLEMENTS) + "/" + count(byAnswer, Answer.REFUSAL)));
    out.append(String.format(Locale.FRANCE, "  réponses (ordinaires/compléments/refus) : %s%n", String.join(", ", given)));
    out.append(String.format(Locale.FRANCE, "  délais dépassés : %d — %s%n", windowsMissed(), byWho(missedBy)));
    out.append(String.format(Locale.FRANCE, "    dont étapes closes par leur délai avant la réponse : %s%n",
        byWho(closedByWindow)));
    out.append(String.format(Locale.FRANCE, "    par étape : %s%n", byWho(missedAt)));
    int peakDossiers = samples.stream().mapToInt(Sample::openDossiers).max().orElse(0);
    out.append(String.format(Locale.FRANCE, "  files d’attente au plus haut : %s ; dossiers ouverts : %d%n",
        peaks(), peakDossiers));
    out.append(String.format(Locale.FRANCE, "  débit : %.1f s de calcul pour %d dossiers, %.0f dossiers menés à leur fin"
        + " par minute ; %d réponses, %d tâches de fond, %d moments simulés, %d conflits rejoués%n",
        wallSeconds(), deposited.get(), dossiersPerMinute(), answers.get(), jobs.get(), moments, conflicts.get()));
    out.append(String.format(Locale.FRANCE, "  à ce rythme (%.0f dossiers simulés par minute), 10 000 dossiers :"
        + " %.0f min%n", dossiersSimulatedPerMinute(), 10_000 / Math.max(1e-9, dossiersSimulatedPerMinute())));
    out.append(String.format(Locale.FRANCE, "  temps de calcul (cumulé sur les fils) : réponses et dépôts %.1f s,"
        + " tâches de fond %.1f s ; temps de processeur %.1f s%n", answerNanos.get() / 1e9, jobNanos.get() / 1e9,
        cpuSeconds()));
    out.append(String.format(Locale.FRANCE, "  requêtes du simulateur lui-même : %.1f s ; fils de travail occupés"
        + " %.0f %% du temps (réponses et tâches de fond, sur %d fils)%n", ownNanos.get() / 1e9,
        100.0 * (answerNanos.get() + jobNanos.get()) / Math.max(1, wallNanos) / settings.threads(), settings.threads()));
    out.append(String.format(Locale.FRANCE, "  part du temps des fils : réponses %.0f %%, tâches de fond asyncBefore"
        + " (l’effet : courriel) %.0f %%, asyncAfter (la suite) %.0f %%, minuteurs %.0f %%%n",
        100 * shareOf("réponse") + 100 * shareOf("dépôt"), 100 * shareOf("asyncBefore"), 100 * shareOf("asyncAfter"),
        100 * shareOf("minuteur")));
    out.append("  le plus coûteux (total s / nombre / ms en moyenne) :\n");
    spent.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(12)
        .forEach(e -> out.append(String.format(Locale.FRANCE, "    %-60s %7.1f s %6d %7.1f ms%n", e.getKey(),
            e.getValue()[0] / 1e9, e.getValue()[1], e.getValue()[0] / 1e6 / Math.max(1, e.getValue()[1]))));
    if (!failures.isEmpty()) {
      out.append("  ÉCHECS :\n");
      new TreeMap<>(failures).forEach((what, n) -> out.append("    ").append(n).append(" × ").append(what).append('\n'));
    }
    return out.toString();
  }

  private static int count(Map<Answer, AtomicInteger> byAnswer, Answer answer) {
    AtomicInteger n = byAnswer.get(answer);
    return n == null ? 0 : n.get();
  }

  Map<String, Integer> peaks() {
    Map<String, Integer> peaks = new TreeMap<>();
    for (Sample s : samples) {
      s.openTasks().forEach((who, n) -> peaks.merge(who, n, Math::max));
    }
    return peaks;
  }

  private static String byWho(Map<String, AtomicInteger> counts) {
    if (counts.isEmpty()) {
      return "aucun";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((who, n) -> parts.add(who + " " + n.get()));
    return String.join(", ", parts);
  }
}
