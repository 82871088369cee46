package fr.parcours.simulator;

import fr.parcours.brandname.BrandNameProcess;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.FrenchTimeLimits;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.support.TestMailServer;
import fr.parcours.support.TestSmtp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as the simulator runs it: the real diagrams, forms, deadlines table and glue, the demo users, an
 * in-memory database of its own, a real SMTP server on a free port (emptied at each simulated moment), the job
 * executor off (the simulator's worker threads run the jobs, with the engine's clock moved).
 */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
abstract class SimulationTestBase {

  /** Monday 4 January 2027, 10:00 in Paris: the first day of deposits. */
  static final Instant START = Instant.parse("2027-01-04T09:00:00Z");

  @RegisterExtension
  static final TestMailServer MAIL = new TestMailServer(TestSmtp.SMTP).withPerMethodLifecycle(true);

  @Autowired ProcessEngine engine;
  @Autowired EvidenceDeposits evidence;
  @Autowired DeadlineCatalogue deadlines;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The pathways a what-if file may name. */
  List<AnswerBook> books() {
    return List.of(new PecanAnswers(), new BrandNameAnswers(this::latestRegistrationEnd));
  }

  /**
   * The last day a brand-name registration ordered on {@code order} may run to, read in the deadlines table in force
   * (the one a what-if deployed, during its run), counted as the order's check counts it.
   */
  LocalDate latestRegistrationEnd(LocalDate order) {
    return FrenchTimeLimits.count(order, deadlines.rule(BrandNameProcess.REGISTRATION_VALIDITY, BrandNameProcess.PATHWAY)
        .duration(), false).lastDay();
  }

  WhatIfFile read(Path file) {
    try {
      return WhatIfFile.parse(file.toString(), Files.readString(file), books());
    } catch (IOException e) {
      throw new UncheckedIOException("Le fichier d’hypothèses " + file + " ne peut pas être lu", e);
    }
  }

  SimulationResult simulate(WhatIfFile whatIf, Simulator.Settings settings, String label) {
    Runnable emptyMailboxes = () -> {
      try {
        MAIL.purgeEmailFromAllMailboxes();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    return new Simulator(new Driver.Parcours(engine, evidence), whatIf, settings, label, emptyMailboxes).run();
  }
}
