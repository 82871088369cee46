package fr.parcours.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parcours' pages and refusals speak the browser's first language when it is English, French otherwise (as Tasklist). */
class BrowserLanguageTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "en-GB,fr;q=0.8 | en", "en | en", "EN-us | en", "fr-FR,en;q=0.8 | fr", "de-DE,en;q=0.9 | fr", "NULL | fr",
      "'' | fr", "*;q=0.5 | fr", "english | fr", ";;; | fr"})
  void shouldTakeEnglishOnlyWhenItIsTheFirstLanguage(String acceptLanguage, String expected) {
    assertThat(BrowserLanguage.of(acceptLanguage)).isEqualTo(Locale.forLanguageTag(expected));
  }
}
