package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.deadline.FrenchTimeLimits.Count;
import fr.parcours.deadline.FrenchTimeLimits.Suspension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of cases of issue 15: French law counts whole days in Paris, the last day whole. */
class FrenchTimeLimitsTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static LocalDate date(String text) {
    return LocalDate.parse(text);
  }

  private static Count count(String eventDate, String duration, boolean workingDays, Suspension... suspensions) {
    return FrenchTimeLimits.count(date(eventDate), RegulatoryDuration.parse(duration), workingDays,
        List.of(suspensions));
  }

  private static Suspension suspension(String from, String to) {
    return new Suspension(date(from), date(to));
  }

  @ParameterizedTest(name = "event at {0} Paris, 30 days: until {1} included")
  @CsvSource({
      "2026-03-03T00:00, 2026-04-02",
      "2026-03-03T00:30, 2026-04-02",
      "2026-03-03T15:00, 2026-04-02",
      "2026-03-03T23:59, 2026-04-02",
      "2026-03-02T23:59, 2026-04-01",
      "2026-03-04T00:00, 2026-04-03"})
  void shouldNotCountTheDayOfTheEventWhateverItsHour(LocalDateTime eventInParis, LocalDate lastDay) {
    // Given an event at some hour of a Paris date (given as the instant the engine records)
    Instant event = eventInParis.atZone(PARIS).toInstant();

    // When a 30-day window is counted from it
    Count count = FrenchTimeLimits.count(FrenchTimeLimits.dateOf(event, PARIS), RegulatoryDuration.parse("P30D"),
        false);

    // Then it runs from the next day: the last day is the same whatever the hour
    assertThat(count.lastDay()).isEqualTo(lastDay);
    assertThat(count.extended()).isFalse();
    assertThat(count.suspendedDays()).isZero();
  }

  @Test
  void shouldExpireAtMidnightParisAfterTheLastDayWhenAskedOnThirdMarchAtThreePm() {
    // Given the example: complements asked on 3 March 2026 at 15:00 Paris, within 30 days
    LocalDate asked = FrenchTimeLimits.dateOf(Instant.parse("2026-03-03T14:00:00Z"), PARIS);

    // When it is counted
    LocalDate lastDay = FrenchTimeLimits.count(asked, RegulatoryDuration.parse("P30D"), false).lastDay();

    // Then the vendor may answer until 2 April 23:59:59 Paris (summer time: 21:59:59Z); the timer fires at
    // 00:00 on 3 April Paris (22:00Z on 2 April)
    assertThat(lastDay).isEqualTo(date("2026-04-02"));
    assertThat(FrenchTimeLimits.lastMoment(lastDay, PARIS)).isEqualTo(Instant.parse("2026-04-02T21:59:59Z"));
    assertThat(FrenchTimeLimits.expiry(lastDay, PARIS)).isEqualTo(Instant.parse("2026-04-02T22:00:00Z"));
  }

  @ParameterizedTest(name = "last day {0}: expires {1}")
  @CsvSource({
      "2026-03-28, 2026-03-28T23:00:00Z, winter time",
      "2026-03-29, 2026-03-29T22:00:00Z, day of the spring change: 23 hours long",
      "2026-10-25, 2026-10-25T23:00:00Z, day of the autumn change: 25 hours long",
      "2026-12-31, 2026-12-31T23:00:00Z, end of the year"})
  void shouldExpireAtTheMidnightAfterTheLastDayAcrossChangesOfTime(LocalDate lastDay, Instant expiry,
      String why) {
    assertThat(FrenchTimeLimits.expiry(lastDay, PARIS)).isEqualTo(expiry);
    assertThat(FrenchTimeLimits.dateOf(FrenchTimeLimits.lastMoment(lastDay, PARIS), PARIS)).isEqualTo(lastDay);
  }

  @ParameterizedTest(name = "{1} from {0}: until {2} included ({3})")
  @CsvSource(delimiter = '|', textBlock = """
      2026-01-29 | P1M  | 2026-02-28 | from the 29th, February has no 29th
      2026-01-30 | P1M  | 2026-02-28 | from the 30th
      2026-01-31 | P1M  | 2026-02-28 | from the 31st
      2026-03-31 | P1M  | 2026-04-30 | from the 31st, April has 30 days
      2026-05-31 | P1M  | 2026-06-30 | from the 31st, June has 30 days
      2026-03-30 | P1M  | 2026-04-30 | from the 30th, April has a 30th
      2026-03-29 | P1M  | 2026-04-29 | from the 29th, same number
      2028-01-29 | P1M  | 2028-02-29 | leap year: February has a 29th
      2028-01-31 | P1M  | 2028-02-29 | leap year, from the 31st
      2026-08-31 | P6M  | 2027-02-28 | six months from the 31st
      2027-08-31 | P6M  | 2028-02-29 | six months into a leap February
      2028-02-29 | P1Y  | 2029-02-28 | one year from 29 February
      2028-02-29 | P4Y  | 2032-02-29 | four years from 29 February
      2026-06-15 | P9M  | 2027-03-15 | nine months, same number
      2026-01-31 | P1M2D | 2026-03-02 | months first, then days
      2026-02-15 | P30D | 2026-03-17 | 30 days over a February of 28 days
      2028-02-15 | P30D | 2028-03-16 | 30 days over a February of 29 days
      2026-09-01 | P4W  | 2026-09-29 | weeks are 7 days: the same weekday
      2026-09-01 | P60D | 2026-10-31 | 60 days
      2026-03-25 | P10D | 2026-04-04 | days across the spring change of time
      2026-10-20 | P10D | 2026-10-30 | days across the autumn change of time
      2026-12-01 | -P120D | 2026-08-03 | counted backwards from its reference date
      2026-05-10 | P0D  | 2026-05-10 | an empty window ends with the day of its event
      """)
  void shouldCountMonthsYearsAndDaysAsArticle641Says(String event, String duration, LocalDate lastDay,
      String why) {
    assertThat(count(event, duration, false).lastDay()).isEqualTo(lastDay);
  }

  @ParameterizedTest(name = "{1} from {0}: last day {2}, extended to {3} ({4})")
  @CsvSource(delimiter = '|', textBlock = """
      2026-03-26 | P10D | 2026-04-05 | 2026-04-07 | Easter Sunday then Easter Monday to Tuesday
      2026-03-27 | P10D | 2026-04-06 | 2026-04-07 | Easter Monday to Tuesday
      2026-05-04 | P10D | 2026-05-14 | 2026-05-15 | Ascension Thursday to Friday
      2026-05-13 | P10D | 2026-05-23 | 2026-05-26 | Saturday, Sunday then Whit Monday to Tuesday
      2026-04-21 | P10D | 2026-05-01 | 2026-05-04 | 1 May on a Friday, then the weekend
      2026-04-28 | P10D | 2026-05-08 | 2026-05-11 | 8 May on a Friday, then the weekend
      2026-12-15 | P10D | 2026-12-25 | 2026-12-28 | Christmas on a Friday
      2026-12-22 | P10D | 2027-01-01 | 2027-01-04 | New Year's Day on a Friday, into the next year
      2026-07-04 | P10D | 2026-07-14 | 2026-07-15 | 14 July on a Tuesday
      2026-08-21 | P1M  | 2026-09-21 | 2026-09-21 | already a working day
      2026-08-31 | P2M  | 2026-10-31 | 2026-11-02 | Saturday 31 October, then All Saints' Sunday
      """)
  void shouldExtendALastDayOffToTheNextWorkingDayWhenTheRowSaysSo(String event, String duration,
      LocalDate lastDay, LocalDate extended, String why) {
    Count withExtension = count(event, duration, true);
    assertThat(withExtension.lastDayBeforeExtension()).isEqualTo(lastDay);
    assertThat(withExtension.lastDay()).isEqualTo(extended);
    assertThat(withExtension.extended()).isEqualTo(!lastDay.equals(extended));

    Count without = count(event, duration, false);
    assertThat(without.lastDay()).isEqualTo(lastDay);
  }

  @Test
  void shouldNeverExtendAWindowCountedBackwards() {
    // 120 days before 1 December 2026 is Monday 3 August; 120 days before 30 November is Sunday 2 August,
    // and moving it to Monday would let the vendor file after the limit
    assertThat(count("2026-11-30", "-P120D", true).lastDay()).isEqualTo(date("2026-08-02"));
  }

  @ParameterizedTest(name = "{4}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-09-01 | 2026-10-01 | 2026-10-01 | 2026-11-01 | one day
      2026-09-01 | 2026-10-01 | 2026-10-12 | 2026-11-12 | twelve days, both ends included
      2026-09-01 | 2026-09-01 | 2026-09-01 | 2026-10-31 | same date as the opening event: not counted anyway
      2026-09-01 | 2026-09-01 | 2026-09-05 | 2026-11-04 | starting on the day of the opening event
      2026-09-01 | 2026-11-05 | 2026-11-20 | 2026-10-31 | after the last day: the window had already passed
      2026-09-01 | 2026-10-31 | 2026-11-02 | 2026-11-03 | on the last day: three days more
      2026-03-01 | 2026-03-20 | 2026-03-31 | 2026-05-12 | twelve days over the spring change (29 March)
      2026-09-01 | 2026-10-20 | 2026-10-31 | 2026-11-12 | twelve days over the autumn change (25 October)
      """)
  void shouldTakeWholeDatesOutOfTheWindowWhenSuspended(String event, String from, String to, LocalDate lastDay,
      String why) {
    assertThat(count(event, "P60D", false, suspension(from, to)).lastDay()).isEqualTo(lastDay);
  }

  @Test
  void shouldTakeOneDayOutWhenTheSuspensionStartsAndEndsOnTheSameDate() {
    // Given 30 days from 3 March, and complements asked and received on 10 March
    Count count = count("2026-03-03", "P30D", false, suspension("2026-03-10", "2026-03-10"));

    // Then 10 March is not counted: the last day is 3 April instead of 2 April
    assertThat(count.lastDay()).isEqualTo(date("2026-04-03"));
    assertThat(count.suspendedDays()).isEqualTo(1);
  }

  @Test
  void shouldAddEverySuspensionWhenSuspendedSeveralTimes() {
    // Given two suspensions (2 and 6 dates) and one overlapping the second
    Count count = count("2026-09-01", "P60D", false, suspension("2026-10-01", "2026-10-02"),
        suspension("2026-10-05", "2026-10-10"), suspension("2026-10-08", "2026-10-09"));

    // Then 8 distinct dates are taken out: 31 October + 8 days
    assertThat(count.suspendedDays()).isEqualTo(8);
    assertThat(count.lastDay()).isEqualTo(date("2026-11-08"));
  }

  @Test
  void shouldMoveTheLastDayEachDayWhileASuspensionIsOpen() {
    // Given a suspension still open: it runs to today
    List<LocalDate> lastDays = new ArrayList<>();
    for (String today : List.of("2026-10-01", "2026-10-05", "2026-10-09")) {
      lastDays.add(count("2026-09-01", "P60D", false, suspension("2026-10-01", today)).lastDay());
    }

    // Then the last day moves with today, one day per day of waiting
    assertThat(lastDays).containsExactly(date("2026-11-01"), date("2026-11-05"), date("2026-11-09"));
  }

  @Test
  void shouldFallDueOnTwelfthMayAndRollWhenTwelveDaysSpanTheSpringChangeOfTime() {
    // Given the case: 60 days from 1 March 2026, 12 days suspended over 29 March. Adding hours
    // gave 11 May at 23:00; counting dates gives 12 May.
    Count count = count("2026-03-01", "P60D", true, suspension("2026-03-20", "2026-03-31"));
    assertThat(count.lastDay()).isEqualTo(date("2026-05-12"));
    assertThat(FrenchTimeLimits.expiry(count.lastDay(), PARIS)).isEqualTo(Instant.parse("2026-05-12T22:00:00Z"));

    // And with 14 days, the last day is Ascension (14 May): the extension applies after the suspension
    Count onAscension = count("2026-03-01", "P60D", true, suspension("2026-03-20", "2026-04-02"));
    assertThat(onAscension.lastDayBeforeExtension()).isEqualTo(date("2026-05-14"));
    assertThat(onAscension.lastDay()).isEqualTo(date("2026-05-15"));
    assertThat(onAscension.suspendedDays()).isEqualTo(14);
  }

  @Test
  void shouldExtendSixMonthsByWholeSuspendedDays() {
    assertThat(count("2026-01-31", "P6M", false, suspension("2026-02-10", "2026-02-12")).lastDay())
        .isEqualTo(date("2026-08-03"));
  }

  @Test
  void shouldRefuseAWindowInHours() {
    assertThatThrownBy(() -> count("2026-03-03", "PT72H", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT72H")
        .hasMessageContaining("P3D");
  }

  @Test
  void shouldRefuseASuspensionThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> suspension("2026-03-10", "2026-03-09"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-03-09");
  }

  @Test
  void shouldCountTheDatesOfASuspensionBothEndsIncluded() {
    assertThat(suspension("2026-03-10", "2026-03-10").days()).isEqualTo(1);
    assertThat(suspension("2026-03-20", "2026-03-31").days()).isEqualTo(12);
  }
}
