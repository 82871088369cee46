package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The operator who sets a short administrator password or a wrong address reads why Parcours stops, in French, and
 * nothing is created; the one whose administrators and process owners have no address is told that incidents reach
 * nobody.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionAdministratorTest {

  private static final String NOBODY = "un dossier arrêté par un incident ne sera signalé à personne";

  @Test
  void shouldRefuseAPasswordShorterThanTwelveCharactersInFrench() {
    // bad inputs: 11 characters, and none at all
    for (String password : new String[] {"motdepasse1", ""}) {
      IdentityService identity = mock(IdentityService.class);
      assertThatThrownBy(() -> new ProductionAdministrator(identity, "admin.parcours", password, "").ensure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("PARCOURS_ADMIN_PASSWORD doit compter au moins 12 caractères pour créer l’administrateur"
              + " « admin.parcours » : donnez-en un plus long, puis redémarrez.");
      verifyNoInteractions(identity);
    }
  }

  @Test
  void shouldRefuseAnAddressThatIsNotOnePlainAddressBeforeCreatingAnything() {
    // bad inputs: no @, two addresses, a name with the address, a space inside, an @ with nothing after it
    for (String email : new String[] {"exploitation.agence.fr", "a@agence.fr, b@agence.fr",
        "Exploitation <exploitation@agence.fr>", "exploit ation@agence.fr", "exploitation@"}) {
      IdentityService identity = mock(IdentityService.class);
      assertThatThrownBy(() -> new ProductionAdministrator(identity, "admin.parcours", "a-long-secret-42", email)
          .ensure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("PARCOURS_ADMIN_EMAIL vaut « " + email + " », qui n’est pas une adresse électronique : donnez"
              + " une seule adresse comme exploitation@agence.fr, puis redémarrez. Rien n’a été créé.");
      verifyNoInteractions(identity);
    }
  }

  @Test
  void shouldGiveTheNewAdministratorTheAddressFromTheEnvironment(CapturedOutput log) {
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    UserEntity created = new UserEntity("admin.parcours");
    when(identity.newUser("admin.parcours")).thenReturn(created);
    when(identity.createUserQuery().userId("admin.parcours").singleResult()).thenReturn(null);
    when(identity.createUserQuery().memberOfGroup(Roles.ADMIN).list()).thenReturn(List.of(created));

    new ProductionAdministrator(identity, "admin.parcours", "a-long-secret-42", " exploitation@agence.fr ").ensure();

    verify(identity).saveUser(created);
    assertThat(created.getEmail()).isEqualTo("exploitation@agence.fr");
    assertThat(log).doesNotContain(NOBODY);
  }

  @Test
  void shouldGiveTheAddressToAnExistingAdministratorWithoutOneAndKeepAnother() {
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    UserEntity existing = new UserEntity("admin.parcours");
    when(identity.createUserQuery().userId("admin.parcours").singleResult()).thenReturn(existing);
    when(identity.createUserQuery().memberOfGroup(Roles.ADMIN).list()).thenReturn(List.of(existing));

    new ProductionAdministrator(identity, "admin.parcours", "a-long-secret-42", "exploitation@agence.fr").ensure();
    assertThat(existing.getEmail()).isEqualTo("exploitation@agence.fr");
    verify(identity).unlockUser("admin.parcours");

    // an address given in Admin since is the administrator's choice: the environment's does not overwrite it
    existing.setEmail("astreinte@agence.fr");
    IdentityService again = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    when(again.createUserQuery().userId("admin.parcours").singleResult()).thenReturn(existing);
    when(again.createUserQuery().memberOfGroup(Roles.ADMIN).list()).thenReturn(List.of(existing));
    new ProductionAdministrator(again, "admin.parcours", "a-long-secret-42", "exploitation@agence.fr").ensure();
    assertThat(existing.getEmail()).isEqualTo("astreinte@agence.fr");
    verify(again, never()).saveUser(any(User.class));
  }

  @Test
  void shouldWarnWhenNoAdministratorNorProcessOwnerHasAnAddress(CapturedOutput log) {
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    UserEntity root = new UserEntity("root");
    when(identity.createUserQuery().userId("root").singleResult()).thenReturn(root);
    when(identity.createUserQuery().memberOfGroup(Roles.ADMIN).list()).thenReturn(List.of(root));
    when(identity.createUserQuery().memberOfGroup(Roles.PROCESS_OWNER).list()).thenReturn(List.of());

    new ProductionAdministrator(identity, "root", "a-long-secret-42", "").ensure();

    assertThat(log).contains("Aucun administrateur ni responsable de processus n’a d’adresse électronique : " + NOBODY
        + ". Donnez PARCOURS_ADMIN_EMAIL (l’adresse de l’administrateur), ou une adresse à l’un d’eux dans Admin.");
  }
}
