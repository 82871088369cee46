package fr.parcours.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, the first administrator comes from the environment ({@code PARCOURS_ADMIN_USER},
 * {@code PARCOURS_ADMIN_PASSWORD}), never from a default: without them, no user is created, and an
 * administrator must be added to the database by other means. An existing user is never touched.
 */
@Component
public class ProductionAdministrator {

  static final int MINIMUM_PASSWORD_LENGTH = 12;
  private static final Logger LOG = LoggerFactory.getLogger(ProductionAdministrator.class);

  private final IdentityService identity;
  private final String userId;
  private final String password;

  ProductionAdministrator(IdentityService identity, @Value("${parcours.admin.user:}") String userId,
      @Value("${parcours.admin.password:}") String password) {
    this.identity = identity;
    this.userId = userId;
    this.password = password;
  }

  public void ensure() {
    if (userId.isBlank()) {
      if (identity.createUserQuery().memberOfGroup(Roles.ADMIN).count() == 0) {
        LOG.warn("Parcours n’a aucun administrateur : donnez PARCOURS_ADMIN_USER et PARCOURS_ADMIN_PASSWORD, puis"
            + " redémarrez (la page de création du premier administrateur des webapps est fermée).");
      }
      return;
    }
    if (password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalStateException("PARCOURS_ADMIN_PASSWORD doit compter au moins " + MINIMUM_PASSWORD_LENGTH
          + " caractères pour créer l’administrateur « " + userId + " » : donnez-en un plus long, puis"
          + " redémarrez.");
    }
    if (identity.createUserQuery().userId(userId).count() > 0) {
      // a guesser may have locked the account (login throttling): the operator who restarts gets it back
      identity.unlockUser(userId);
    } else {
      User user = identity.newUser(userId);
      user.setFirstName("Administrator");
      user.setLastName("Parcours");
      user.setPassword(password);
      identity.saveUser(user);
      identity.createMembership(userId, Roles.ADMIN);
    }
  }
}
