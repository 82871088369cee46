package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * A start from Spring's ahead-of-time processing whose profiles are not those of the package's processing is
 * refused, saying which way and what to do ({@link AheadOfTimeStart}); {@link AheadOfTimeStartIT} sees the first
 * refusal at a real start.
 */
class AheadOfTimeStartTest {

  @Test
  void shouldRefuseTheDemoAskedOfAProductionPackageAndAProductionStartOfADemoPackage() {
    assertThat(AheadOfTimeStart.refusal(profiles("demo"), false))
        .startsWith("Le profil demo est demandé, mais ce paquet a été précompilé sans lui")
        .contains("Démarrez la démonstration sans -Dspring.aot.enabled=true");
    assertThat(AheadOfTimeStart.refusal(profiles("https, demo"), false)).isNotNull();
    // a package processed for the demo, started without asking for it: its users would be made
    assertThat(AheadOfTimeStart.refusal(profiles(null), true))
        .startsWith("Ce paquet a été précompilé pour la démonstration (-Daot.profiles=demo)")
        .contains("Reconstruisez le paquet sans -Daot.profiles=demo");
    assertThat(AheadOfTimeStart.refusal(profiles("https"), true)).isNotNull();
    // a profile whose name merely contains the word is not the demo
    assertThat(AheadOfTimeStart.refusal(profiles("demonstration"), true)).isNotNull();
  }

  @Test
  void shouldLetMatchingStartsGoOn() {
    assertThat(AheadOfTimeStart.refusal(profiles(null), false)).isNull();
    assertThat(AheadOfTimeStart.refusal(profiles("https"), false)).isNull();
    assertThat(AheadOfTimeStart.refusal(profiles("demo"), true)).isNull();
    assertThat(AheadOfTimeStart.refusal(profiles("https,demo"), true)).isNull();
  }

  private static MockEnvironment profiles(String active) {
    MockEnvironment environment = new MockEnvironment();
    if (active != null) {
      environment.setProperty("spring.profiles.active", active);
    }
    return environment;
  }
}
