package fr.parcours.candidature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SirenTest {

  @ParameterizedTest
  @ValueSource(strings = {"552100554", "732829320", "356000000", "443061841"})
  void shouldAcceptRealSirens(String siren) {
    assertThat(Siren.isValid(siren)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"123456789", "552100555", "55210055", "5521005540", "55210055A", ""})
  void shouldRefuseInvalidSirens(String siren) {
    assertThat(Siren.isValid(siren)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"552 100 554", " 552100554 ", "552\u00A0100\u202F554"})
  void shouldStripSpacesWhenNormalising(String siren) {
    assertThat(Siren.normaliseSiren(siren)).isEqualTo("552100554");
  }
}
