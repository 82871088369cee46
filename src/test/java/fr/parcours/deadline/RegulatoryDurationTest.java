package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegulatoryDurationTest {

  @ParameterizedTest(name = "{0} → period {1}, time {2}, written {3}, read \"{4}\"")
  @CsvSource(delimiter = '|', textBlock = """
      P3D        | P3D     | PT0S    | P3D     | 3 days
      P30D       | P30D    | PT0S    | P30D    | 30 days
      P1D        | P1D     | PT0S    | P1D     | 1 day
      P4W        | P28D    | PT0S    | P28D    | 28 days
      P6M        | P6M     | PT0S    | P6M     | 6 months
      P1Y        | P1Y     | PT0S    | P1Y     | 1 year
      P5Y        | P5Y     | PT0S    | P5Y     | 5 years
      PT72H      | P0D     | PT72H   | PT72H   | 72 hours
      PT30M      | P0D     | PT30M   | PT30M   | 30 minutes
      P1DT12H    | P1D     | PT12H   | P1DT12H | 1 day and 12 hours
      P1Y2M3D    | P1Y2M3D | PT0S    | P1Y2M3D | 1 year, 2 months and 3 days
      -P120D     | P-120D  | PT0S    | -P120D  | 120 days before
      -PT2H      | P0D     | PT-2H   | -PT2H   | 2 hours before
      P0D        | P0D     | PT0S    | P0D     | 0 days
      ' P30D '   | P30D    | PT0S    | P30D    | 30 days
      """)
  void shouldReadIsoTextWhenWellFormed(String text, String period, String time, String canonical,
      String description) {
    // Given an ISO-8601 duration
    // When it is parsed
    RegulatoryDuration duration = RegulatoryDuration.parse(text);

    // Then its parts, canonical text and plain-English reading are the expected ones
    assertThat(duration.period()).isEqualTo(Period.parse(period));
    assertThat(duration.time()).isEqualTo(Duration.parse(time));
    assertThat(duration).hasToString(canonical);
    assertThat(duration.describe()).isEqualTo(description);
    assertThat(RegulatoryDuration.parse(duration.toString())).isEqualTo(duration);
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"", "   ", "30 days", "P", "PT", "P1DT", "P1.5D", "P1,5D", "P-3D",
      "-P-3D", "P3D-", "+P30D", "p30d", "P30", "30D", "PT1D", "P1D2M", "P1M-3D", "P9999999999D",
      "P999999999W", "P30D P30D", "--P1D"})
  void shouldRefuseTextWhenNotAnIsoDuration(String text) {
    // Given a text that is not an ISO-8601 duration
    // When it is parsed, then the message names it and shows how to write it
    assertThatThrownBy(() -> RegulatoryDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not an ISO-8601 duration: write it like P30D (30 days),"
            + " P4W (4 weeks), P6M (6 months) or PT72H (72 hours)");
  }

  @ParameterizedTest
  @NullSource
  void shouldRefuseNullWhenNoDurationGiven(String text) {
    assertThatThrownBy(() -> RegulatoryDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No duration given (null): write it like P30D (30 days), P4W (4 weeks),"
            + " P6M (6 months) or PT72H (72 hours)");
  }

  @Test
  void shouldRefuseConstructionWhenSignsAreMixed() {
    assertThatThrownBy(() -> new RegulatoryDuration(Period.ofDays(1), Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A regulatory duration must not mix signs (period P1D, time PT-1H):"
            + " make every part positive, or put a single minus in front, like -P120D");
  }

  @ParameterizedTest(name = "{0} is negative: {1}")
  @CsvSource({"P30D, false", "PT72H, false", "P0D, false", "-P120D, true", "-PT1H, true",
      "-P1DT1H, true"})
  void shouldTellNegativeWhenWindowCountsBackwards(String text, boolean negative) {
    assertThat(RegulatoryDuration.parse(text).isNegative()).isEqualTo(negative);
  }
}
