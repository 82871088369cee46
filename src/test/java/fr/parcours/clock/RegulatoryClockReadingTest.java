package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.clock.ClockReading.Pause;
import fr.parcours.deadline.RegulatoryDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A clock counts whole Paris dates ({@link fr.parcours.deadline.FrenchTimeLimits}): the day it opens is not
 * counted, it passes at 00:00 after its last day, and a pause takes out its dates, both ends included. Before
 * issue 15 it added the budget and the paused time as hours to the instant it opened; the expected instants
 * below changed accordingly (10:00 Paris on the last day became 00:00 Paris the next day, a pause of
 * 1 October 10:00 to 13 October 10:00 became 13 days instead of 12).
 */
class RegulatoryClockReadingTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String COMPLEMENTS = "Complements requested";

  /** 2026-09-01 10:00 Paris (summer time). */
  private static final Instant SEPT_1 = Instant.parse("2026-09-01T08:00:00Z");

  private static RegulatoryClock clock(String budget, boolean workingDays) {
    return RegulatoryClock.notStarted("ANS_ANALYSIS",
        new ClockTerms(RegulatoryDuration.parse(budget), workingDays, PARIS));
  }

  private static RegulatoryClock sixtyDaysFromSeptemberFirst() {
    return clock("P60D", false).start(SEPT_1, "ans-agent");
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void shouldListTheLastDaysOfTheCyclesThatPassedNotThoseRestartedInTime() {
    // Given the 60-day clock (last day 31 October), restarted on its last day (the dossier moved: not passed),
    // then at 00:00 after the new last day (30 December), as a repeating timer does
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .restart(at("2026-10-31T09:00:00Z"), "The dossier moved", "vendor")
        .restart(at("2026-12-30T23:00:00Z"), "No move for the whole window", null);

    // Then only the second cycle passed; the third has not, on 15 January nor on its last day, 1 March
    assertThat(clock.passedLastDays(at("2027-01-15T09:00:00Z"))).containsExactly(LocalDate.parse("2026-12-30"));
    assertThat(clock.passedLastDays(at("2027-03-01T09:00:00Z"))).containsExactly(LocalDate.parse("2026-12-30"));
    // and the day after that, it has too
    assertThat(clock.passedLastDays(at("2027-03-02T09:00:00Z")))
        .containsExactly(LocalDate.parse("2026-12-30"), LocalDate.parse("2027-03-01"));
    // a clock never restarted passed once its last day is behind
    assertThat(sixtyDaysFromSeptemberFirst().passedLastDays(at("2026-10-31T21:00:00Z"))).isEmpty();
    assertThat(sixtyDaysFromSeptemberFirst().passedLastDays(at("2026-10-31T23:00:00Z")))
        .containsExactly(LocalDate.parse("2026-10-31"));
  }

  @Test
  void shouldExpireAtMidnightAfterTheLastDayWhenSixtyDaysCrossTheEndOfSummerTime() {
    // Given a 60-day clock started 2026-09-01 at 10:00 Paris (08:00Z), summer time ending 25 Oct
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst();

    // When it is read on 10 September
    ClockReading reading = clock.read(at("2026-09-10T08:00:00Z"));

    // Then 1 September is not counted: the last day is 31 October, and the window passes at 00:00 Paris on
    // 1 November, which is 23:00Z in winter time
    assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
    assertThat(reading.startedAt()).isEqualTo(SEPT_1);
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-10-31"));
    assertThat(reading.dueAt()).isEqualTo(at("2026-10-31T23:00:00Z"));
    assertThat(reading.pausedTime()).isZero();
    assertThat(reading.remaining()).isEqualTo(Duration.ofDays(51).plusHours(15));
    assertThat(reading.overdue()).isFalse();
    assertThat(reading.pauses()).isEmpty();
  }

  @Test
  void shouldRunThirteenDaysLongerWhenThePauseCoversThirteenDates() {
    // Given a 60-day clock paused from 1 October to 13 October while waiting for the vendor
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-13T07:00:00Z"), "vendor");

    // When it is read
    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    // Then the dates 1 to 13 October, both included, are not counted (the hours gave 12 days)
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-11-13"));
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-13T23:00:00Z"));
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(13));
    assertThat(reading.pauses()).containsExactly(
        new Pause(at("2026-10-01T07:00:00Z"), at("2026-10-13T07:00:00Z"), COMPLEMENTS));
    assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
  }

  @Test
  void shouldAddEveryPauseWhenPausedSeveralTimes() {
    // Given pauses of 1-3 October and of 5 October 09:00 to 10 October 21:00
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-03T07:00:00Z"), "vendor")
        .pause(at("2026-10-05T07:00:00Z"), "Hearing requested", "ans-agent")
        .resume(at("2026-10-10T19:00:00Z"), "vendor");

    // When it is read
    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    // Then both count, as whole dates: 3 + 6 (the hours gave 7 days and 12 hours)
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(9));
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-11-09"));
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-09T23:00:00Z"));
    assertThat(reading.pauses()).extracting(Pause::reason)
        .containsExactly(COMPLEMENTS, "Hearing requested");
  }

  @Test
  void shouldTakeOneDayOutWhenPausedAndResumedOnTheSameDate() {
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-10T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-10T16:00:00Z"), "vendor");

    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(1));
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-11-01"));
  }

  @Test
  void shouldFallDueOnTwelfthMayWhenTwelveDaysArePausedAcrossTheSpringChangeOfTime() {
    // Given the case: 60 days from 1 March 2026 10:00 Paris, counted in working days, paused from
    // 20 March 10:00 (winter time) to 31 March 10:00 (summer time): adding hours lost one hour, 11 May 23:00
    RegulatoryClock clock = clock("P60D", true).start(at("2026-03-01T09:00:00Z"), "ans-agent")
        .pause(at("2026-03-20T09:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-03-31T08:00:00Z"), "vendor");

    // When it is read, then 12 whole dates are out and the window runs to the end of Tuesday 12 May
    ClockReading reading = clock.read(at("2026-04-01T08:00:00Z"));
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(12));
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-05-12"));
    assertThat(reading.dueAt()).isEqualTo(at("2026-05-12T22:00:00Z"));
  }

  @Test
  void shouldMoveDueDateAndKeepRemainingWhenPauseIsStillOpen() {
    // Given a clock paused on 1 October and not resumed
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent");

    // When it is read on 5 and on 9 October
    ClockReading fourDaysLater = clock.read(at("2026-10-05T07:00:00Z"));
    ClockReading eightDaysLater = clock.read(at("2026-10-09T07:00:00Z"));

    // Then the pause runs to today included, the due date moves with it, the remaining time stays the same
    assertThat(fourDaysLater.state()).isEqualTo(ClockState.PAUSED);
    assertThat(fourDaysLater.pausedTime()).isEqualTo(Duration.ofDays(5));
    assertThat(fourDaysLater.dueAt()).isEqualTo(at("2026-11-05T23:00:00Z"));
    assertThat(eightDaysLater.pausedTime()).isEqualTo(Duration.ofDays(9));
    assertThat(eightDaysLater.dueAt()).isEqualTo(at("2026-11-09T23:00:00Z"));
    assertThat(eightDaysLater.remaining()).isEqualTo(fourDaysLater.remaining())
        .isEqualTo(Duration.ofDays(31).plusHours(16));
    assertThat(eightDaysLater.pauses()).containsExactly(
        new Pause(at("2026-10-01T07:00:00Z"), null, COMPLEMENTS));
  }

  @Test
  void shouldCountPauseFromRestartWhenPauseBeganBeforeTheClockRestarted() {
    // Given a pause opened on 20 September, a restart on 1 October, and a resume on 11 October
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-09-20T08:00:00Z"), COMPLEMENTS, "ans-agent")
        .restart(at("2026-10-01T08:00:00Z"), "New version of the file", "ans-agent")
        .resume(at("2026-10-11T08:00:00Z"), "vendor");

    // When it is read
    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    // Then only the dates after the restart count: 2 to 11 October, 10 days; 30 November + 10 days
    assertThat(reading.startedAt()).isEqualTo(at("2026-10-01T08:00:00Z"));
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(10));
    assertThat(reading.dueAt()).isEqualTo(at("2026-12-10T23:00:00Z"));
    assertThat(reading.pauses()).containsExactly(
        new Pause(at("2026-10-01T08:00:00Z"), at("2026-10-11T08:00:00Z"), COMPLEMENTS));
  }

  @Test
  void shouldIgnoreEarlierPausesWhenClockRestarts() {
    // Given a 10-day pause, then a restart on 1 October
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-09-05T08:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-09-15T08:00:00Z"), "vendor")
        .restart(at("2026-10-01T08:00:00Z"), "New version of the file", "ans-agent");

    // When it is read
    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    // Then it counts 60 days from the restart, without the old pause
    assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
    assertThat(reading.startedAt()).isEqualTo(at("2026-10-01T08:00:00Z"));
    assertThat(reading.pausedTime()).isZero();
    assertThat(reading.pauses()).isEmpty();
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-30T23:00:00Z"));
  }

  @Test
  void shouldKeepPauseOpenWhenClockRestartsWhilePaused() {
    // Given a clock paused on 20 September and restarted on 1 October, still waiting
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-09-20T08:00:00Z"), COMPLEMENTS, "ans-agent")
        .restart(at("2026-10-01T08:00:00Z"), "New version of the file", "ans-agent");

    // When it is read on 6 October
    ClockReading reading = clock.read(at("2026-10-06T08:00:00Z"));

    // Then it is still paused, and the pause counts from the restart only: 2 to 6 October
    assertThat(clock.state()).isEqualTo(ClockState.PAUSED);
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(5));
    assertThat(reading.dueAt()).isEqualTo(at("2026-12-05T23:00:00Z"));
    assertThat(reading.remaining()).isEqualTo(Duration.ofDays(60).plusHours(15));
    assertThat(reading.pauses()).containsExactly(
        new Pause(at("2026-10-01T08:00:00Z"), null, COMPLEMENTS));
  }

  @Test
  void shouldCountAgainFromZeroWhenStoppedClockRestarts() {
    // Given a stopped clock restarted on 1 October
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .stop(at("2026-09-15T08:00:00Z"), "Application withdrawn")
        .restart(at("2026-10-01T08:00:00Z"), "Application filed again", "vendor");

    // When it is read
    ClockReading reading = clock.read(at("2026-10-20T00:00:00Z"));

    // Then it runs 60 days from the day after the restart
    assertThat(reading.state()).isEqualTo(ClockState.RUNNING);
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-30T23:00:00Z"));
  }

  @Test
  void shouldMeasureRemainingAtTheStopWhenClockIsStopped() {
    // Given a clock paused 1 to 13 October, then stopped on 20 October
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-13T07:00:00Z"), "vendor")
        .stop(at("2026-10-20T08:00:00Z"), "Opinion issued");

    // When it is read long after
    ClockReading reading = clock.read(at("2027-01-01T00:00:00Z"));

    // Then the remaining time is the one left at the stop, and it is not overdue
    assertThat(reading.state()).isEqualTo(ClockState.STOPPED);
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-13T23:00:00Z"));
    assertThat(reading.remaining()).isEqualTo(Duration.ofDays(24).plusHours(15));
    assertThat(reading.overdue()).isFalse();
  }

  @Test
  void shouldNotCountPauseTimeAfterTheStopWhenStoppedWhilePaused() {
    // Given a clock paused on 1 October and stopped on 5 October
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .stop(at("2026-10-05T07:00:00Z"), "Application withdrawn");

    // When it is read a month later
    ClockReading reading = clock.read(at("2026-11-05T07:00:00Z"));

    // Then only the dates up to the stop count (1 to 5 October), and the stop closes the pause
    assertThat(reading.pausedTime()).isEqualTo(Duration.ofDays(5));
    assertThat(reading.dueAt()).isEqualTo(at("2026-11-05T23:00:00Z"));
    assertThat(reading.pauses()).containsExactly(
        new Pause(at("2026-10-01T07:00:00Z"), at("2026-10-05T07:00:00Z"), COMPLEMENTS));
    assertThat(reading.overdue()).isFalse();
  }

  @Test
  void shouldBeOverdueWhenStoppedAfterTheDueDate() {
    RegulatoryClock clock = sixtyDaysFromSeptemberFirst()
        .stop(at("2026-11-02T09:00:00Z"), "Opinion issued");

    ClockReading reading = clock.read(at("2027-01-01T00:00:00Z"));

    assertThat(reading.overdue()).isTrue();
    assertThat(reading.remaining()).isEqualTo(Duration.ofHours(-34));
  }

  // At the due instant itself (00:00 after the last day) the window has passed: the old arithmetic said
  // "not overdue" at its due instant, which was an hour of the last day.
  @ParameterizedTest(name = "read at {0}: remaining {1}, overdue {2}")
  @CsvSource({
      "2026-10-31T09:00:00Z, PT14H, false",
      "2026-10-31T22:59:59Z, PT1S, false",
      "2026-10-31T23:00:00Z, PT0S, true",
      "2026-11-02T09:00:00Z, PT-34H, true"})
  void shouldBeOverdueOnlyOnceTheLastDayHasEnded(Instant now, Duration remaining, boolean overdue) {
    ClockReading reading = sixtyDaysFromSeptemberFirst().read(now);

    assertThat(reading.remaining()).isEqualTo(remaining);
    assertThat(reading.overdue()).isEqualTo(overdue);
  }

  @Test
  void shouldGiveNoDatesWhenClockHasNotStarted() {
    ClockReading reading = clock("P60D", false).read(SEPT_1);

    assertThat(reading).isEqualTo(new ClockReading("ANS_ANALYSIS", ClockState.NOT_STARTED, null,
        null, Duration.ZERO, null, false, java.util.List.of(), null));
  }

  @Test
  void shouldFallBeforeTheStartWhenBudgetIsNegative() {
    // Given "at the latest 120 days before" a reference date of 1 December 10:00 Paris
    RegulatoryClock clock = clock("-P120D", false)
        .start(at("2026-12-01T09:00:00Z"), "system");

    // When it is read, then its last day is 3 August, past at 00:00 Paris on 4 August (summer time)
    ClockReading reading = clock.read(at("2026-12-01T09:00:00Z"));
    assertThat(reading.lastDay()).isEqualTo(LocalDate.parse("2026-08-03"));
    assertThat(reading.dueAt()).isEqualTo(at("2026-08-03T22:00:00Z"));
    assertThat(reading.overdue()).isTrue();
  }

  @ParameterizedTest(name = "{1} from {0} → {2}")
  @CsvSource({
      "2026-01-31T09:00:00Z, P1M, 2026-02-28T23:00:00Z",
      "2027-08-31T08:00:00Z, P6M, 2028-02-29T23:00:00Z",
      "2028-02-29T09:00:00Z, P1Y, 2029-02-28T23:00:00Z",
      "2026-03-25T09:00:00Z, P10D, 2026-04-04T22:00:00Z",
      "2026-10-20T08:00:00Z, P10D, 2026-10-30T23:00:00Z",
      "2026-09-01T08:00:00Z, P6M, 2027-03-01T23:00:00Z",
      "2026-03-02T23:30:00Z, P30D, 2026-04-02T22:00:00Z",
      "2026-03-03T22:59:00Z, P30D, 2026-04-02T22:00:00Z"})
  void shouldCountCalendarInParisWhenMonthEndsLeapYearsOrDaylightSavingAreCrossed(
      Instant start, String budget, Instant due) {
    ClockReading reading = clock(budget, false).start(start, "system").read(start);

    assertThat(reading.dueAt()).isEqualTo(due);
  }

  @ParameterizedTest(name = "due {0}: {3} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-06-12T08:00:00Z | P1D  | 2026-06-15T22:00:00Z | Saturday to Monday
      2027-03-28T08:00:00Z | P1D  | 2027-03-30T22:00:00Z | Easter Monday 2027-03-29 to Tuesday
      2026-05-13T08:00:00Z | P1D  | 2026-05-15T22:00:00Z | Ascension 2026-05-14 to Friday
      2026-05-24T08:00:00Z | P1D  | 2026-05-26T22:00:00Z | Whit Monday 2026-05-25 to Tuesday
      2026-07-13T08:00:00Z | P1D  | 2026-07-15T22:00:00Z | 14 July on a Tuesday to Wednesday
      2026-04-30T08:00:00Z | P1D  | 2026-05-04T22:00:00Z | Friday 1 May then weekend to Monday
      2026-12-24T09:00:00Z | P1D  | 2026-12-28T23:00:00Z | Christmas on a Friday to Monday
      2026-10-23T08:00:00Z | P1D  | 2026-10-26T23:00:00Z | Saturday before winter time to Monday
      2026-09-01T08:00:00Z | P60D | 2026-11-02T23:00:00Z | Saturday 31 Oct then All Saints Sunday
      2026-07-14T08:00:00Z | P1D  | 2026-07-15T22:00:00Z | already a working day
      """)
  void shouldExtendToTheEndOfTheNextFrenchWorkingDayWhenTheLastDayIsOff(Instant start,
      String budget, Instant due, String why) {
    // Given a clock counted in working days
    RegulatoryClock clock = clock(budget, true).start(start, "system");

    // When it is read, then a last day off moves to the next working day, which ends at midnight
    assertThat(clock.read(start).dueAt()).isEqualTo(due);
  }

  @Test
  void shouldExtendAfterAddingPausesWhenCountedInWorkingDays() {
    // Given 60 days in working days, paused 1 to 6 October: 31 October + 6 days = Friday 6 November
    RegulatoryClock clock = clock("P60D", true).start(SEPT_1, "ans-agent")
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-06T07:00:00Z"), "vendor");

    // When it is read, then no extension is needed
    assertThat(clock.read(at("2026-10-07T00:00:00Z")).dueAt())
        .isEqualTo(at("2026-11-06T23:00:00Z"));
  }
}
