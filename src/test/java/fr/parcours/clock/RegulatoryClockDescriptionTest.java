package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.deadline.RegulatoryDuration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RegulatoryClockDescriptionTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant SEPT_1 = Instant.parse("2026-09-01T08:00:00Z");
  private static final String COMPLEMENTS = "Complements requested";

  private static RegulatoryClock sixtyDays(boolean workingDays) {
    return RegulatoryClock.notStarted("ANS_ANALYSIS",
        new ClockTerms(RegulatoryDuration.parse("P60D"), workingDays, PARIS));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void shouldSummariseDueDateAndPausesWhenVendorWasWaitedFor() {
    // Given a 60-day clock paused 12 days
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-13T07:00:00Z"), "vendor");

    // When it is described 20 days and 21 hours before it is due
    String text = clock.describe(at("2026-10-22T12:00:00Z"));

    // Then a reviewer reads the start, budget, pause, due date and whole days left
    assertThat(text).isEqualTo("""
        Started 2026-09-01 (Paris). 60 days, paused 12 days. Due 2026-11-12. 20 days remain.
        Paused 2026-10-01 → 2026-10-13 (12 days): Complements requested""");
  }

  @Test
  void shouldSayPausedSinceWhenPauseIsOpen() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent");

    assertThat(clock.describe(at("2026-10-05T08:00:00Z"))).isEqualTo("""
        Started 2026-09-01 (Paris). 60 days, paused 4 days. Due 2026-11-04. 30 days remain.
        Paused since 2026-10-01 (4 days so far): Complements requested""");
  }

  @Test
  void shouldSayOverdueWhenDueDateHasPassed() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-11-02T21:00:00Z"))).isEqualTo(
        "Started 2026-09-01 (Paris). 60 days, not paused. Due 2026-10-31. Overdue by 2 days.");
  }

  @Test
  void shouldSayLessThanOneDayWhenDueWithinTheDay() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-10-31T01:00:00Z"))).isEqualTo(
        "Started 2026-09-01 (Paris). 60 days, not paused. Due 2026-10-31."
            + " Less than 1 day remains.");
  }

  @Test
  void shouldSayWhereDueDateMovedFromWhenItFellOnADayOff() {
    RegulatoryClock clock = sixtyDays(true).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-10-31T09:00:00Z"))).isEqualTo(
        "Started 2026-09-01 (Paris). 60 days, not paused."
            + " Due 2026-11-02 (moved from Saturday 2026-10-31, not a working day)."
            + " 2 days remain.");
  }

  @Test
  void shouldTellMarginAtTheStopWhenClockIsStopped() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .stop(at("2026-10-20T08:00:00Z"), "Opinion issued.");

    assertThat(clock.describe(at("2027-01-01T00:00:00Z"))).isEqualTo(
        "Started 2026-09-01 (Paris). 60 days, not paused. Due 2026-10-31."
            + " Stopped 2026-10-20 (Opinion issued), 11 days before the due date.");
  }

  @Test
  void shouldNameTheRestartWhenClockCountsAgainFromZero() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-09-20T08:00:00Z"), COMPLEMENTS, "ans-agent")
        .restart(at("2026-10-01T08:00:00Z"), "New version of the file", "ans-agent");

    assertThat(clock.describe(at("2026-10-06T08:00:00Z"))).isEqualTo("""
        Restarted 2026-10-01 (Paris): New version of the file. 60 days, paused 5 days.\
         Due 2026-12-05. 60 days remain.
        Paused since 2026-10-01 (5 days so far): Complements requested""");
  }

  @Test
  void shouldStateTheBudgetWhenClockHasNotStarted() {
    assertThat(sixtyDays(true).describe(SEPT_1)).isEqualTo(
        "Not started. Once started, it runs 60 days, moved to the next French working day"
            + " if it ends on a weekend or public holiday.");
  }
}
