package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.clock.ClockEntry.Kind;
import fr.parcours.deadline.RegulatoryDuration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegulatoryClockTransitionsTest {

  private static final ClockTerms SIXTY_DAYS =
      new ClockTerms(RegulatoryDuration.parse("P60D"), false, ZoneId.of("Europe/Paris"));
  private static final Instant SEPT_1 = Instant.parse("2026-09-01T08:00:00Z");
  private static final Instant OCT_20 = Instant.parse("2026-10-20T08:00:00Z");
  private static final Instant NOV_1 = Instant.parse("2026-11-01T09:00:00Z");
  private static final Instant NOV_2 = Instant.parse("2026-11-02T09:00:00Z");

  private static final RegulatoryClock NOT_STARTED =
      RegulatoryClock.notStarted("ANS_ANALYSIS", SIXTY_DAYS);
  private static final RegulatoryClock RUNNING = NOT_STARTED.start(SEPT_1, "ans-agent");
  private static final RegulatoryClock PAUSED =
      RUNNING.pause(NOV_1, "Complements requested", "ans-agent");
  private static final RegulatoryClock STOPPED = RUNNING.stop(OCT_20, "Opinion issued");

  private static Arguments refusal(String what, RegulatoryClock clock,
      UnaryOperator<RegulatoryClock> transition, String message) {
    return Arguments.of(what, clock, transition, message);
  }

  static Stream<Arguments> illegalTransitions() {
    return Stream.of(
        refusal("pause a paused clock", PAUSED, c -> c.pause(NOV_2, "Hearing", "ans-agent"),
            "Le délai ANS_ANALYSIS est déjà en pause depuis 2026-11-01T09:00:00Z"
                + " (Complements requested) : reprenez-le avant de le mettre de nouveau en pause."),
        refusal("resume a running clock", RUNNING, c -> c.resume(NOV_2, "vendor"),
            "Le délai ANS_ANALYSIS n’est pas en pause (en cours depuis 2026-09-01T08:00:00Z) :"
                + " seul un délai en pause peut être repris."),
        refusal("resume a clock that never started", NOT_STARTED, c -> c.resume(NOV_2, "vendor"),
            "Le délai ANS_ANALYSIS n’a pas démarré, il ne peut donc pas être repris : démarrez-le d’abord."),
        refusal("pause a clock that never started", NOT_STARTED,
            c -> c.pause(NOV_2, "Complements requested", "ans-agent"),
            "Le délai ANS_ANALYSIS n’a pas démarré, il ne peut donc pas être mis en pause : démarrez-le d’abord."),
        refusal("stop a clock that never started", NOT_STARTED,
            c -> c.stop(NOV_2, "Opinion issued"),
            "Le délai ANS_ANALYSIS n’a pas démarré, il ne peut donc pas être arrêté : démarrez-le d’abord."),
        refusal("restart a clock that never started", NOT_STARTED,
            c -> c.restart(NOV_2, "New file", "ans-agent"),
            "Le délai ANS_ANALYSIS n’a pas démarré, il ne peut donc pas être redémarré : démarrez-le d’abord."),
        refusal("start a running clock", RUNNING, c -> c.start(NOV_2, "ans-agent"),
            "Le délai ANS_ANALYSIS a déjà démarré (en cours depuis 2026-09-01T08:00:00Z) :"
                + " redémarrez-le pour compter de nouveau depuis zéro."),
        refusal("start a paused clock", PAUSED, c -> c.start(NOV_2, "ans-agent"),
            "Le délai ANS_ANALYSIS a déjà démarré (en pause depuis 2026-11-01T09:00:00Z"
                + " (Complements requested)) : redémarrez-le pour compter de nouveau depuis zéro."),
        refusal("start a stopped clock", STOPPED, c -> c.start(NOV_2, "ans-agent"),
            "Le délai ANS_ANALYSIS a déjà démarré (arrêté depuis 2026-10-20T08:00:00Z"
                + " (Opinion issued)) : redémarrez-le pour compter de nouveau depuis zéro."),
        refusal("pause a stopped clock", STOPPED,
            c -> c.pause(NOV_2, "Complements requested", "ans-agent"),
            "Le délai ANS_ANALYSIS est arrêté depuis 2026-10-20T08:00:00Z (Opinion issued),"
                + " il ne peut donc pas être mis en pause : redémarrez-le pour compter de nouveau depuis zéro."),
        refusal("resume a stopped clock", STOPPED, c -> c.resume(NOV_2, "vendor"),
            "Le délai ANS_ANALYSIS est arrêté depuis 2026-10-20T08:00:00Z (Opinion issued),"
                + " il ne peut donc pas être repris : redémarrez-le pour compter de nouveau depuis zéro."),
        refusal("stop a stopped clock", STOPPED, c -> c.stop(NOV_2, "Opinion issued"),
            "Le délai ANS_ANALYSIS est déjà arrêté depuis 2026-10-20T08:00:00Z (Opinion issued) :"
                + " redémarrez-le d’abord s’il doit compter de nouveau."),
        refusal("pause before the last entry", RUNNING,
            c -> c.pause(Instant.parse("2026-08-31T08:00:00Z"), "Complements requested", "a"),
            "Le délai ANS_ANALYSIS ne peut pas être mis en pause le 2026-08-31T08:00:00Z : sa dernière inscription"
                + " (STARTED) est du 2026-09-01T08:00:00Z et son registre s’écrit dans l’ordre du"
                + " temps ; inscrivez celle-ci le 2026-09-01T08:00:00Z ou après."),
        refusal("resume before the pause", PAUSED, c -> c.resume(OCT_20, "vendor"),
            "Le délai ANS_ANALYSIS ne peut pas être repris le 2026-10-20T08:00:00Z : sa dernière inscription"
                + " (PAUSED) est du 2026-11-01T09:00:00Z et son registre s’écrit dans l’ordre du"
                + " temps ; inscrivez celle-ci le 2026-11-01T09:00:00Z ou après."),
        refusal("restart before the stop", STOPPED,
            c -> c.restart(SEPT_1, "New file", "ans-agent"),
            "Le délai ANS_ANALYSIS ne peut pas être redémarré le 2026-09-01T08:00:00Z : sa dernière inscription"
                + " (STOPPED) est du 2026-10-20T08:00:00Z et son registre s’écrit dans l’ordre du"
                + " temps ; inscrivez celle-ci le 2026-10-20T08:00:00Z ou après."),
        refusal("stop before the pause", PAUSED, c -> c.stop(OCT_20, "Opinion issued"),
            "Le délai ANS_ANALYSIS ne peut pas être arrêté le 2026-10-20T08:00:00Z : sa dernière inscription"
                + " (PAUSED) est du 2026-11-01T09:00:00Z et son registre s’écrit dans l’ordre du"
                + " temps ; inscrivez celle-ci le 2026-11-01T09:00:00Z ou après."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("illegalTransitions")
  void shouldRefuseTransitionAndKeepLedgerWhenStateDoesNotAllowIt(String what,
      RegulatoryClock clock, UnaryOperator<RegulatoryClock> transition, String message) {
    // Given a clock and a copy of its ledger
    List<ClockEntry> before = List.copyOf(clock.ledger());
    ClockState stateBefore = clock.state();

    // When the transition is attempted, then it is refused with a message naming the fix
    assertThatThrownBy(() -> transition.apply(clock))
        .isInstanceOf(ClockStateException.class)
        .hasMessage(message)
        .satisfies(e -> {
          assertThat(((ClockStateException) e).clockId()).isEqualTo("ANS_ANALYSIS");
          assertThat(((ClockStateException) e).state()).isEqualTo(stateBefore);
        });

    // And the clock is unchanged
    assertThat(clock.ledger()).isEqualTo(before);
    assertThat(clock.state()).isEqualTo(stateBefore);
  }

  @ParameterizedTest(name = "reason ''{0}''")
  @ValueSource(strings = {"", "  "})
  void shouldRequireReasonWhenPausing(String reason) {
    assertThatThrownBy(() -> RUNNING.pause(NOV_1, reason, "ans-agent"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Le délai ANS_ANALYSIS ne peut pas être mis en pause sans motif : dites pourquoi,"
            + " par exemple « Compléments demandés ».");
    assertThatThrownBy(() -> RUNNING.pause(NOV_1, null, "ans-agent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RUNNING.ledger()).hasSize(1);
  }

  @ParameterizedTest(name = "reason ''{0}''")
  @ValueSource(strings = {"", "  "})
  void shouldRequireReasonWhenRestarting(String reason) {
    assertThatThrownBy(() -> RUNNING.restart(NOV_1, reason, "ans-agent"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Le délai ANS_ANALYSIS ne peut pas être redémarré sans motif : dites pourquoi,"
            + " par exemple « Nouveau dossier déposé ».");
    assertThat(RUNNING.ledger()).hasSize(1);
  }

  @Test
  void shouldReturnNewClockAndLeaveReceiverUnchangedWhenTransitionIsAllowed() {
    // Given a clock that has not started
    RegulatoryClock clock = RegulatoryClock.notStarted("ANS_ANALYSIS", SIXTY_DAYS);

    // When it is started, paused, resumed, restarted and stopped
    RegulatoryClock started = clock.start(SEPT_1, "ans-agent");
    RegulatoryClock paused = started.pause(SEPT_1, "Complements requested", "ans-agent");
    RegulatoryClock resumed = paused.resume(OCT_20, "vendor");
    RegulatoryClock restarted = resumed.restart(OCT_20, "New version of the file", "ans-agent");
    RegulatoryClock stopped = restarted.stop(NOV_1, "Opinion issued");

    // Then each step is a new clock with one more entry, and the earlier ones did not change
    assertThat(clock.state()).isEqualTo(ClockState.NOT_STARTED);
    assertThat(clock.ledger()).isEmpty();
    assertThat(started.state()).isEqualTo(ClockState.RUNNING);
    assertThat(started.ledger()).hasSize(1);
    assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
    assertThat(resumed.state()).isEqualTo(ClockState.RUNNING);
    assertThat(restarted.state()).isEqualTo(ClockState.RUNNING);
    assertThat(stopped.state()).isEqualTo(ClockState.STOPPED);
    assertThat(stopped.ledger()).containsExactly(
        new ClockEntry(Kind.STARTED, SEPT_1, null, "ans-agent"),
        new ClockEntry(Kind.PAUSED, SEPT_1, "Complements requested", "ans-agent"),
        new ClockEntry(Kind.RESUMED, OCT_20, null, "vendor"),
        new ClockEntry(Kind.RESTARTED, OCT_20, "New version of the file", "ans-agent"),
        new ClockEntry(Kind.STOPPED, NOV_1, "Opinion issued", null));
    assertThat(restarted.ledger()).hasSize(4);
  }

  @Test
  void shouldRefuseChangesWhenLedgerIsModifiedFromOutside() {
    assertThatThrownBy(() -> RUNNING.ledger().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRebuildSameClockWhenGivenItsLedger() {
    // Given a stored ledger, copied into a mutable list that is changed afterwards
    RegulatoryClock original = PAUSED.resume(NOV_2, "vendor");
    List<ClockEntry> stored = new java.util.ArrayList<>(original.ledger());

    // When the clock is rebuilt
    RegulatoryClock rebuilt = RegulatoryClock.of("ANS_ANALYSIS", SIXTY_DAYS, stored);
    stored.clear();

    // Then it is the same clock, unaffected by later changes to the list
    assertThat(rebuilt).isEqualTo(original);
    assertThat(rebuilt.state()).isEqualTo(ClockState.RUNNING);
    assertThat(rebuilt.ledger()).hasSize(3);
    assertThat(rebuilt.read(NOV_2)).isEqualTo(original.read(NOV_2));
  }

  @Test
  void shouldRefuseLedgerWhenItHoldsAnIllegalTransition() {
    List<ClockEntry> ledger = List.of(
        new ClockEntry(Kind.STARTED, SEPT_1, null, "ans-agent"),
        new ClockEntry(Kind.RESUMED, OCT_20, null, "vendor"));

    assertThatThrownBy(() -> RegulatoryClock.of("ANS_ANALYSIS", SIXTY_DAYS, ledger))
        .isInstanceOf(ClockStateException.class)
        .hasMessage("Le délai ANS_ANALYSIS n’est pas en pause (en cours depuis 2026-09-01T08:00:00Z) :"
            + " seul un délai en pause peut être repris.");
  }
}
