package fr.parcours.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTable;
import org.springframework.beans.factory.annotation.Autowired;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;

/**
 * A process owner's what-if, run from the command line (profile {@code simulate}, see the README):
 *
 * <pre>
 * mvn -Psimulate -Dsimulate.dossiers=1000 -Dsimulate.deadlines=chemin/vers/deadlines-modifiee.dmn
 * </pre>
 *
 * Runs the dossiers with the deadlines table of the repository; with {@code simulate.deadlines}, runs them again,
 * with the same seed, under the changed table, and puts both side by side; with {@code simulate.baseline=true}, runs
 * them once more on the bare engine (the glue made no-ops) and prints the glue's ratio. Prints the figures and writes
 * the report ({@code simulate.report}, by default {@code target/simulation/rapport.html}).
 */
class WhatIfSimulation extends SimulationTestBase {

  @Test
  void runTheWhatIf() throws IOException {
    Path file = Path.of(System.getProperty("simulate.file", "simulations/pecan.txt"));
    WhatIfFile whatIf = read(file);
    Simulator.Settings settings = new Simulator.Settings(
        number("simulate.dossiers", 200), number("simulate.seed", 1, 0), number("simulate.threads", 3),
        number("simulate.deposits", 60, 0), number("simulate.horizon", 1500),
        LocalDate.parse(System.getProperty("simulate.start", "2027-01-04")).atTime(Simulator.ANSWER_TIME)
            .atZone(Simulator.PARIS).toInstant());
    String changed = System.getProperty("simulate.deadlines", "");
    boolean baseline = Boolean.parseBoolean(System.getProperty("simulate.baseline", "false"));
    Path report = Path.of(System.getProperty("simulate.report", "target/simulation/rapport.html"));

    List<SimulationResult> runs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add("Hypothèses : " + file + " ; " + settings.dossiers() + " dossiers déposés sur " + settings.depositDays()
        + " jours à partir du " + settings.start().atZone(Simulator.PARIS).toLocalDate() + ", graine "
        + settings.seed() + ", " + settings.threads() + " fils de travail.");
    String load = load();
    notes.add("Niveau d’historique du moteur : " + System.getProperty("camunda.bpm.history-level", "full") + ".");
    int warmUp = number("simulate.warmup", baseline ? Math.min(20, settings.dossiers()) : 0, 0);
    if (warmUp > 0) {
      System.out.println(simulate(whatIf, Simulator.warmUp(settings, warmUp), "mise en route (non comptée)").text());
    }
    SimulationResult inForce = simulate(whatIf, settings, "table des délais du dépôt");
    System.out.println(inForce.text());
    runs.add(inForce);
    if (!changed.isBlank()) {
      Path table = Path.of(changed);
      DeadlineTable before = deadlines.current();
      Deployment deployment = deployDeadlines(table);
      try {
        List<String> changes = changes(before, deadlines.current());
        changes.forEach(System.out::println);
        notes.add(changes.isEmpty() ? "La table modifiée ne change aucun délai de la table du dépôt."
            : "Ce que la table modifiée change : " + String.join(" ; ", changes) + ".");
        SimulationResult other = simulate(whatIf, settings, "table modifiée (" + table.getFileName() + ")");
        System.out.println(other.text());
        runs.add(other);
        notes.add("Les deux colonnes simulent les mêmes dossiers, avec les mêmes réponses tirées (même graine) ;"
            + " seule la table des délais change.");
      } finally {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
      }
    }
    if (baseline) {
      SimulationResult bare = new BaselineEngine().simulate(whatIf, settings, warmUp);
      System.out.println(bare.text());
      runs.add(bare);
      String ratio = String.format(Locale.FRANCE, "Rapport de la colle de Parcours au moteur nu, à travail égal"
          + " (chaque réponse et chaque tâche de fond comptée au coût moyen du moteur nu pour la même étape) : %.2f"
          + " en temps écoulé, %.2f en temps de processeur (que la charge des autres programmes de la machine ne"
          + " compte pas). Temps de travail des fils (réponses et tâches de fond) : %.1f s avec la colle, %.1f s pour le"
          + " moteur nu (qui n’envoie aucun courriel, ne vérifie aucun formulaire, ne range aucune preuve, et dont aucun"
          + " délai ne passe : ses dossiers ne suivent pas tous les mêmes chemins) ; temps de processeur %.1f s et"
          + " %.1f s. Temps écoulé : %.1f s et %.1f s.",
          inForce.glueRatioAgainst(bare), inForce.glueCpuRatioAgainst(bare),
          (inForce.answerNanos.get() + inForce.jobNanos.get()) / 1e9,
          (bare.answerNanos.get() + bare.jobNanos.get()) / 1e9, inForce.cpuSeconds(), bare.cpuSeconds(),
          inForce.wallSeconds(), bare.wallSeconds());
      System.out.println(ratio);
      notes.add(ratio);
    }
    String machine = "Charge de la machine (processus prêts, moyenne sur une minute, " + cores() + " cœurs) : " + load
        + " au début, " + load() + " à la fin : les autres programmes de la machine prennent leur part du calcul.";
    System.out.println(machine);
    notes.add(machine);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, SimulationReport.html("Simulation « et si ? » du parcours " + whatIf.book().title(),
        runs, notes));
    System.out.println("Rapport : " + report.toAbsolutePath());
  }

  /** The machine's load average over the last minute (Linux), or « inconnue ». */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "inconnue";
    }
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The rows whose window differs between two tables, in French: « CNEDIMTS_COMPLEMENTS (PECAN) : P30D → P15D ». */
  static List<String> changes(DeadlineTable before, DeadlineTable after) {
    Map<String, String> old = new TreeMap<>();
    Map<String, String> now = new TreeMap<>();
    before.rules().forEach(r -> old.put(name(r), window(r)));
    after.rules().forEach(r -> now.put(name(r), window(r)));
    List<String> changes = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(old.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      String was = old.getOrDefault(name, "absente");
      String is = now.getOrDefault(name, "absente");
      if (!was.equals(is)) {
        changes.add(name + " : " + was + " → " + is);
      }
    }
    return changes;
  }

  private static String name(DeadlineRule rule) {
    return rule.id() + (rule.pathway() == null ? "" : " (" + rule.pathway() + ")");
  }

  private static String window(DeadlineRule rule) {
    return (rule.agencySetsLength() ? "au moins " + rule.duration() + " fixé par l’agence qui demande" : rule.duration())
        + (rule.workingDays() ? ", reporté au jour ouvré suivant" : "") + (rule.reminderBefore() == null ? ""
        : ", rappel " + rule.reminderBefore() + " avant") + ", à l’échéance " + rule.onExpiry();
  }

  private Deployment deployDeadlines(Path table) throws IOException {
    if (!Files.isReadable(table)) {
      throw new IllegalArgumentException("La table des délais modifiée " + table + " est introuvable ou illisible ;"
          + " donnez son chemin avec -Dsimulate.deadlines=chemin/vers/deadlines.dmn");
    }
    try (InputStream in = Files.newInputStream(table)) {
      return engine.getRepositoryService().createDeployment().name("simulation : " + table.getFileName())
          .addInputStream("deadlines.dmn", in).deploy();
    }
  }

  private static int number(String property, int usual) {
    return number(property, usual, 1);
  }

  private static int number(String property, int usual, int least) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return usual;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= least) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("-D" + property + "=" + value + " : un nombre entier d’au moins " + least
        + " est attendu");
  }
}
