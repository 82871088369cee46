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

    SimulationResult run = simulate(whatIf, new Simulator.Settings(20, 7, 2, 10, 1500, START), "essai");
    System.out.println(run.text());

    assertThat(run.failures).as("answers refused or jobs failed").isEmpty();
    assertThat(run.deposited.get()).isEqualTo(20);
    assertThat(run.endings.get(Ending.OPEN)).as("dossiers still open").isZero();
    assertThat(run.endings.get(Ending.DECIDED) + run.endings.get(Ending.REFUSED) + run.endings.get(Ending.ABANDONED))
        .isEqualTo(20);
    assertThat(run.daysToDecision).hasSize(run.endings.get(Ending.DECIDED) + run.endings.get(Ending.REFUSED));
  }
}
