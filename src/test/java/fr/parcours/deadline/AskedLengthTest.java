package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.deadline.DeadlineRule.OnExpiry;
import fr.parcours.deadline.DeadlineRule.Owner;
import fr.parcours.deadline.DeadlineRule.WhileWaiting;
import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AskedLengthTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final LocalDate MARCH_3 = LocalDate.of(2026, 3, 3);

  private static DeadlineRule rule(String duration, boolean agencySets) {
    return new DeadlineRule("CNEDIMTS_COMPLEMENTS", "BRAND_NAME", "Vendor sends the complements asked for.",
        RegulatoryDuration.parse(duration), agencySets, "Complements requested", Owner.VENDOR,
        OnExpiry.DEEMED_ABANDONED, WhileWaiting.RUNS, true, null, "000 §13", "Demande de compléments", "000 §13", 14);
  }

  private static RegulatoryDuration asked(DeadlineRule rule, Object days, Object lastDay) {
    return AskedLength.of(rule, MARCH_3, days, lastDay, date -> FrenchTimeLimits.dateOf(date.toInstant(), PARIS));
  }

  @ParameterizedTest(name = "days {0}, last day {1}: {2}")
  @CsvSource(nullValues = "-", value = {
      "10, -, P10D",
      "'30', -, P30D",
      "-, 2026-03-13, P10D",
      "-, 2026-04-02, P30D"})
  void shouldTakeTheLengthTheAgencyGaveWhenItIsAtLeastTheMinimum(String days, String lastDay, String length) {
    assertThat(asked(rule("P10D", true), days, lastDay)).isEqualTo(RegulatoryDuration.parse(length));
  }

  @Test
  void shouldReadALastDayGivenAsADateInParis() {
    Date lastDay = Date.from(LocalDate.of(2026, 4, 2).atStartOfDay(PARIS).toInstant());

    assertThat(asked(rule("P10D", true), null, lastDay)).isEqualTo(RegulatoryDuration.parse("P30D"));
  }

  @Test
  void shouldRefuseALengthBelowTheMinimumNamingIt() {
    assertThatThrownBy(() -> asked(rule("P10D", true), 7, null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Le délai accordé pour « Compléments demandés par la CNEDiMTS » doit être d’au moins 10 jours"
            + " (table des délais) : 7 jours, jusqu’au 10 mars 2026 inclus, c’est trop court ; donnez 10 jours ou plus.");
    // the refusal offers only what was given: a form that takes days has no last day to fill (walk 7, 56-…)
    assertThatThrownBy(() -> asked(rule("P10D", true), null, "2026-03-12"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("d’au moins 10 jours")
        .hasMessageContaining("9 jours, jusqu’au 12 mars 2026 inclus")
        .hasMessageEndingWith("c’est trop court ; donnez un dernier jour le 13 mars 2026 ou après.");
  }

  @Test
  void shouldRefuseNeitherOrBoth() {
    assertThatThrownBy(() -> asked(rule("P10D", true), null, " "))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Donnez le délai accordé au fabricant pour « Compléments demandés par la CNEDiMTS » soit en nombre de"
            + " jours, soit"
            + " par un dernier jour, l’un des deux : au moins 10 jours.");
    assertThatThrownBy(() -> asked(rule("P10D", true), 12, "2026-03-20"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("pas les deux");
  }

  @Test
  void shouldRefuseWhatIsNotANumberOrADate() {
    assertThatThrownBy(() -> asked(rule("P10D", true), "ten", null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("nombre entier de jours, pas « ten »");
    assertThatThrownBy(() -> asked(rule("P10D", true), null, "13/03/2026"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("une date comme 2026-04-02, pas « 13/03/2026 »");
  }

  @Test
  void shouldKeepTheTableLengthWhenTheAgencyDoesNotSetIt() {
    assertThat(asked(rule("P30D", false), 5, null)).isEqualTo(RegulatoryDuration.parse("P30D"));
  }

  @Test
  void shouldCountAMonthMinimumOnTheCalendar() {
    // at least one month from 31 January: the last day may not be before 28 February
    DeadlineRule month = rule("P1M", true);
    assertThat(AskedLength.of(month, LocalDate.of(2026, 1, 31), 28, null, d -> null))
        .isEqualTo(RegulatoryDuration.parse("P28D"));
    assertThatThrownBy(() -> AskedLength.of(month, LocalDate.of(2026, 1, 31), 27, null, d -> null))
        .isInstanceOf(BadInputException.class).hasMessageEndingWith("donnez 28 jours ou plus.");
    assertThatThrownBy(() -> AskedLength.of(month, LocalDate.of(2026, 1, 31), null, "2026-02-27", d -> null))
        .isInstanceOf(BadInputException.class).hasMessageEndingWith("donnez un dernier jour le 28 février 2026 ou après.");
  }
}
