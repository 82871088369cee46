package fr.parcours.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.simulator.AnswerBook.Answer;
import fr.parcours.simulator.AnswerBook.Assumption;
import fr.parcours.simulator.AnswerBook.Ending;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a seed decides: the same answers whatever the order the threads meet the steps in. */
class SimulatorDrawTest {

  static final Assumption EXAMINE = new Assumption(new Distribution.Triangular(15, 35, 60), 0.20, 0.08, 0.10);

  @Test
  void shouldDrawTheSameAnswersFromTheSameSeedAndOthersFromAnother() {
    List<Simulator.Draw> first = new ArrayList<>();
    List<Simulator.Draw> again = new ArrayList<>();
    List<Simulator.Draw> other = new ArrayList<>();
    // the same dossiers and steps met in two different orders
    for (int dossier = 0; dossier < 200; dossier++) {
      first.add(Simulator.draw(7, dossier, "Task_ExamineApplication", 1, EXAMINE));
    }
    for (int dossier = 199; dossier >= 0; dossier--) {
      again.add(0, Simulator.draw(7, dossier, "Task_ExamineApplication", 1, EXAMINE));
      other.add(0, Simulator.draw(8, dossier, "Task_ExamineApplication", 1, EXAMINE));
    }

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    // the second time a dossier meets the step, it draws anew
    assertThat(Simulator.draw(7, 3, "Task_ExamineApplication", 2, EXAMINE)).isNotEqualTo(first.get(3));
  }

  @Test
  void shouldGiveEachAnswerInTheShareTheFileAssumes() {
    Map<Answer, Integer> answers = new EnumMap<>(Answer.class);
    int late = 0;
    int n = 20_000;
    for (int dossier = 0; dossier < n; dossier++) {
      Simulator.Draw draw = Simulator.draw(1, dossier, "Task_ExamineApplication", 1, EXAMINE);
      answers.merge(draw.answer(), 1, Integer::sum);
      late += draw.late() ? 1 : 0;
      assertThat(draw.days()).isBetween(15.0, 60.0);
    }

    assertThat(answers.get(Answer.COMPLEMENTS) / (double) n).isBetween(0.19, 0.21);
    assertThat(answers.get(Answer.REFUSAL) / (double) n).isBetween(0.07, 0.09);
    assertThat(late / (double) n).isBetween(0.09, 0.11);
  }

  /** Two runs of the same dossiers with the same seed, on the bare engine (seconds), end the same way. */
  @Test
  void shouldEndTheSameDossiersTheSameWayWithTheSameSeed() throws Exception {
    WhatIfFile whatIf = WhatIfFile.parse("simulations/pecan.txt",
        java.nio.file.Files.readString(java.nio.file.Path.of("simulations/pecan.txt")), List.of(new PecanAnswers()));
    Simulator.Settings settings = new Simulator.Settings(6, 5, 3, 10, 1500, SimulationTestBase.START);

    SimulationResult first = new BaselineEngine().simulate(whatIf, settings, 0);
    SimulationResult second = new BaselineEngine().simulate(whatIf, settings, 0);

    assertThat(first.failures).isEmpty();
    assertThat(first.deposited.get()).isEqualTo(6);
    assertThat(second.endings).isEqualTo(first.endings);
    assertThat(second.daysToDecision).containsExactlyInAnyOrderElementsOf(first.daysToDecision);
    assertThat(second.answers.get()).isEqualTo(first.answers.get());
    assertThat(first.endings.get(Ending.DECIDED) + first.endings.get(Ending.REFUSED)
        + first.endings.get(Ending.ABANDONED) + first.endings.get(Ending.OPEN)).isEqualTo(6);
  }

  /**
   * The brand name on the bare engine (the glue's baseline, with the brand name's bare beans): its dossiers run to
   * their order (the simulator's repeatability is the test above's).
   */
  @Test
  void shouldCarryBrandNameDossiersToTheirOrderOnTheBareEngine() throws Exception {
    WhatIfFile whatIf = WhatIfFile.parse("simulations/brand-name.txt",
        java.nio.file.Files.readString(java.nio.file.Path.of("simulations/brand-name.txt")),
        List.of(new BrandNameAnswers(day -> day.plusYears(5))));

    SimulationResult run = new BaselineEngine().simulate(whatIf,
        new Simulator.Settings(6, 5, 3, 10, 1500, SimulationTestBase.START), 0);

    assertThat(run.failures).isEmpty();
    assertThat(run.deposited.get()).isEqualTo(6);
    assertThat(run.endings.get(Ending.DECIDED)).as("dossiers registered").isPositive();
    assertThat(run.spent).containsKey("réponse Task_PublishRegistrationOrder");
  }
}
