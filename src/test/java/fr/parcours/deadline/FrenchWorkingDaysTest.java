package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchWorkingDaysTest {

  @ParameterizedTest(name = "Easter {0} is {1}")
  @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28",
      "2038, 2038-04-25", "2000, 2000-04-23", "2019, 2019-04-21", "2285, 2285-03-22",
      "1943, 1943-04-25"})
  void shouldComputeEasterSundayWhenGivenAYear(int year, LocalDate easter) {
    assertThat(FrenchWorkingDays.easterSunday(year)).isEqualTo(easter);
  }

  @Test
  void shouldListElevenHolidaysInDateOrderWhenYearIs2026() {
    assertThat(FrenchWorkingDays.publicHolidays(2026)).containsExactly(
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-04-06"),
        LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-08"),
        LocalDate.parse("2026-05-14"), LocalDate.parse("2026-05-25"),
        LocalDate.parse("2026-07-14"), LocalDate.parse("2026-08-15"),
        LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-11"),
        LocalDate.parse("2026-12-25"));
  }

  @Test
  void shouldPlaceMovableFeastsAfterEasterWhenYearIs2027() {
    assertThat(FrenchWorkingDays.publicHolidays(2027))
        .contains(LocalDate.parse("2027-03-29"), LocalDate.parse("2027-05-06"),
            LocalDate.parse("2027-05-17"))
        .hasSize(11);
  }

  @Test
  void shouldRefuseChangesWhenHolidaysAreListed() {
    assertThatThrownBy(() -> FrenchWorkingDays.publicHolidays(2026).add(LocalDate.now()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "{0} ({1}) working: {2}")
  @CsvSource({
      "2026-07-14, Tuesday national day, false",
      "2026-07-15, ordinary Wednesday, true",
      "2026-06-13, Saturday, false",
      "2026-06-14, Sunday, false",
      "2026-06-15, ordinary Monday, true",
      "2026-04-06, Easter Monday, false",
      "2026-05-14, Ascension Thursday, false",
      "2026-05-25, Whit Monday, false",
      "2026-05-08, Victory in Europe day, false",
      "2026-11-11, Armistice day, false",
      "2026-04-03, Good Friday (Alsace-Moselle only), true",
      "2025-12-26, Saint Stephen (Alsace-Moselle only), true"})
  void shouldTellWorkingDayWhenWeekdayAndNotHoliday(LocalDate day, String what, boolean working) {
    assertThat(FrenchWorkingDays.isWorkingDay(day)).isEqualTo(working);
  }

  @ParameterizedTest(name = "{0} ({2}) → {1}")
  @CsvSource({
      "2026-06-15, 2026-06-15, already a working day",
      "2026-06-13, 2026-06-15, Saturday",
      "2026-05-01, 2026-05-04, Labour day on a Friday then weekend",
      "2026-12-25, 2026-12-28, Christmas on a Friday then weekend",
      "2026-10-31, 2026-11-02, Saturday then All Saints on a Sunday",
      "2026-05-23, 2026-05-26, Saturday then Sunday then Whit Monday",
      "2026-05-14, 2026-05-15, Ascension",
      "2027-03-29, 2027-03-30, Easter Monday",
      "2026-07-14, 2026-07-15, national day on a Tuesday"})
  void shouldFindFirstWorkingDayWhenDayIsNotWorked(LocalDate day, LocalDate expected,
      String why) {
    assertThat(FrenchWorkingDays.firstWorkingDayFrom(day)).isEqualTo(expected);
  }
}
