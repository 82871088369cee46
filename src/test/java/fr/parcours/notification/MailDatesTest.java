package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailDatesTest {

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
      "2026-04-02, FR, 2 avril 2026",
      "2026-04-02, EN, 2 April 2026",
      "2026-04-01, FR, 1er avril 2026",
      "2026-04-01, EN, 1 April 2026",
      "2026-12-31, FR, 31 décembre 2026"})
  void shouldWriteTheDayAsEachLanguageDoes(LocalDate day, Language language, String written) {
    assertThat(VendorMail.write(day, language)).isEqualTo(written);
  }
}
