package fr.parcours.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.simulator.AnswerBook.Ending;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A small what-if through the real application: every dossier ends, and the figures add up. */
class SimulatorRunTest extends SimulationTestBase {

  @Test
  void shouldCarryEveryDossierToAnEndAndCountWhatHappened() {
    WhatIfFile whatIf = read(Path.of("simulations/pecan.txt"));

    SimulationResult run = simulate(whatIf, new Simulator.Settings(8, 7, 2, 10, 1500, START), "essai");
    System.out.println(run.text());

    assertThat(run.failures).as("answers refused or jobs failed").isEmpty();
    assertThat(run.deposited.get()).isEqualTo(8);
    assertThat(run.endings.get(Ending.OPEN)).as("dossiers still open").isZero();
    assertThat(run.endings.get(Ending.DECIDED) + run.endings.get(Ending.REFUSED) + run.endings.get(Ending.ABANDONED))
        .isEqualTo(8);
    assertThat(run.daysToDecision).hasSize(run.endings.get(Ending.DECIDED) + run.endings.get(Ending.REFUSED))
        .allSatisfy(days -> assertThat(days).isPositive());
    assertThat(run.endings.get(Ending.DECIDED)).as("dossiers decided").isPositive();
    // the windows missed add up, by who and by step, and only steps of the pathway miss them
    assertThat(run.windowsMissed()).as("windows missed (the file makes agencies and vendors late)").isPositive()
        .isEqualTo(run.missedAt.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum());
    assertThat(whatIf.book().steps()).containsKeys(run.missedAt.keySet().toArray(String[]::new));
    assertThat(run.answers.get()).isEqualTo(run.answersBy.values().stream().flatMap(m -> m.values().stream())
        .mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum());
    // the queues were measured at every moment of simulated time
    assertThat(run.samples).hasSize((int) run.moments + 1);
    assertThat(SimulationReport.html("essai", java.util.List.of(run), java.util.List.of()))
        .contains("<svg", "Du dépôt à la décision", "éditeur");
  }

  /**
   * The brand name through the real application, its ANS round first: every dossier ends refused or abandoned, or
   * registered (its registration lives on after the order, and counts as decided), with no answer refused.
   */
  @Test
  void shouldCarryBrandNameDossiersToTheirRegistrationOrTheirEnd() {
    WhatIfFile whatIf = read(Path.of("simulations/brand-name.txt"));
    assertThat(whatIf.book().pathway()).isEqualTo("brand-name");

    SimulationResult run = simulate(whatIf, new Simulator.Settings(8, 7, 2, 10, 1500, START), "nom de marque");
    System.out.println(run.text());

    assertThat(run.failures).as("answers refused or jobs failed").isEmpty();
    assertThat(run.deposited.get()).isEqualTo(8);
    assertThat(run.endings.get(Ending.OPEN)).as("dossiers neither registered nor ended").isZero();
    assertThat(run.endings.get(Ending.DECIDED)).as("dossiers registered").isPositive();
    assertThat(run.daysToDecision).hasSize(run.endings.get(Ending.DECIDED) + run.endings.get(Ending.REFUSED))
        .allSatisfy(days -> assertThat(days).isPositive());
    // the brand name's own steps were answered, the order with the end date the table allows
    assertThat(run.spent).containsKeys("réponse Task_SendAcknowledgement", "réponse Task_FilePriceDossier",
        "réponse Task_RecordCepsOutcome", "réponse Task_AnswerDraftOpinion", "réponse Task_PublishRegistrationOrder");
    assertThat(whatIf.book().steps()).containsKeys(run.missedAt.keySet().toArray(String[]::new));

    // a second run on the same engine (a what-if's changed table) counts its own open dossiers, not the
    // registrations the first one left running
    SimulationResult again = simulate(whatIf, new Simulator.Settings(2, 8, 2, 1, 20, START), "seconde");
    assertThat(again.failures).isEmpty();
    assertThat(again.samples).allSatisfy(sample -> assertThat(sample.openDossiers()).isLessThanOrEqualTo(2));
  }
}
