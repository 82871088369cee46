package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.shared.BadInputException;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Pausing, resuming and restarting a window by hand; a wrong move is refused and changes nothing. */
class ClockApiTest extends ProcessTestBase {

  @Autowired Clocks clocks;
  ProcessInstance pi;

  @BeforeEach
  void dossierUnderReview() {
    pi = startApplication("alice", "ans-certification", Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    sendCompleteEvidence("alice", pi);
    complete("alice", pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
  }

  String ledger() {
    return (String) runtimeService.getVariable(pi.getId(), "clock_ANS_ANALYSIS");
  }

  @Test
  void shouldStopTheTimerWhileAWindowIsPausedByHandAndMoveItOnResume() {
    advance(Duration.ofDays(5));
    ClockReading paused = as("admin", () -> clocks.pause(pi.getId(), "ANS_ANALYSIS", "Waiting for the notified body"));
    assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").isSuspended()).isTrue();

    advance(Duration.ofDays(3));
    ClockReading resumed = as("admin", () -> clocks.resume(pi.getId(), "ANS_ANALYSIS"));

    assertThat(resumed.state()).isEqualTo(ClockState.RUNNING);
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").isSuspended()).isFalse();
    // paused on day 5, resumed on day 8: four dates, both included, are out of the window (the elapsed hours
    // gave 3 days); its last day is day 64
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(64));
    assertThat(task(pi, "Task_ReviewEvidence").getDueDate()).isEqualTo(lastMomentOfDay(64));
    assertThat(ledger()).contains("Waiting for the notified body").contains("\"actor\":\"admin\"");
  }

  @Test
  void shouldRefuseToPauseAPausedClockAndLeaveTheLedgerAsItWas() {
    as("admin", () -> clocks.pause(pi.getId(), "ANS_ANALYSIS", "Waiting for the notified body"));
    String before = ledger();

    assertThatThrownBy(() -> as("admin", () -> clocks.pause(pi.getId(), "ANS_ANALYSIS", "Again")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("Le délai ANS_ANALYSIS ne peut pas être modifié ainsi. Le délai ANS_ANALYSIS est"
            + " déjà en pause depuis ")
        .hasMessageEndingWith(" (Waiting for the notified body) : reprenez-le avant de le mettre de nouveau en"
            + " pause.");
    assertThat(ledger()).isEqualTo(before);
  }

  @Test
  void shouldRefuseToResumeARunningClockAndLeaveTheLedgerAsItWas() {
    String before = ledger();

    assertThatThrownBy(() -> as("admin", () -> clocks.resume(pi.getId(), "ANS_ANALYSIS")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("ANS_ANALYSIS");
    assertThat(ledger()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAPauseWithoutReason() {
    String before = ledger();
    assertThatThrownBy(() -> as("admin", () -> clocks.pause(pi.getId(), "ANS_ANALYSIS", " ")))
        .isInstanceOf(BadInputException.class).hasMessage("Le délai ANS_ANALYSIS ne peut pas être modifié ainsi."
            + " Le délai ANS_ANALYSIS ne peut pas être mis en pause sans motif : dites pourquoi, par exemple"
            + " « Compléments demandés ».");
    assertThat(ledger()).isEqualTo(before);
  }

  @Test
  void shouldNameTheOpenWindowsWhenAskedForOneThatIsNotOpen() {
    assertThatThrownBy(() -> as("admin", () -> clocks.pause(pi.getId(), "ANS_COMPLEMENTS", "Why not")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("Le délai ANS_COMPLEMENTS n’est pas ouvert dans ce dossier ; délais ouverts :"
            + " ANS_INACTIVITY, ANS_ANALYSIS.")
        .hasMessageContaining("ANS_COMPLEMENTS is not open").hasMessageContaining("ANS_ANALYSIS");
  }

  @Test
  void shouldRefuseAnUnknownDossier() {
    assertThatThrownBy(() -> as("admin", () -> clocks.pause("no-such-instance", "ANS_ANALYSIS", "Why not")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("'no-such-instance'");
  }

  @Test
  void shouldNotLetTheVendorStopTheAgencysClock() {
    String before = ledger();
    assertThatThrownBy(() -> as("alice", () -> clocks.pause(pi.getId(), "ANS_ANALYSIS", "We are slow")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(ledger()).isEqualTo(before);
  }

  @Test
  void shouldStartTheWindowAgainFromZeroOnRestart() {
    advance(Duration.ofDays(10));
    ClockReading restarted = as("admin", () -> clocks.restart(pi.getId(), "ANS_ANALYSIS",
        "New evidence dossier after a major evolution"));

    assertThat(java.util.Date.from(restarted.dueAt())).isEqualTo(endOfDay(70));
    assertThat(timer(pi, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(70));
  }

  @Test
  void shouldListTheWindowsOfADossier() {
    assertThat(clocks.readings(pi.getId())).extracting(ClockReading::clockId)
        .contains("ANS_ANALYSIS", "ANS_INACTIVITY");
  }
}
