package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;

/** The operator who sets a short administrator password reads why Parcours stops, in French. */
class ProductionAdministratorTest {

  @Test
  void shouldRefuseAPasswordShorterThanTwelveCharactersInFrench() {
    // bad inputs: 11 characters, and none at all
    for (String password : new String[] {"motdepasse1", ""}) {
      IdentityService identity = mock(IdentityService.class);
      assertThatThrownBy(() -> new ProductionAdministrator(identity, "admin.parcours", password).ensure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("PARCOURS_ADMIN_PASSWORD doit compter au moins 12 caractères pour créer l’administrateur"
              + " « admin.parcours » : donnez-en un plus long, puis redémarrez.");
      verifyNoInteractions(identity);
    }
  }
}
