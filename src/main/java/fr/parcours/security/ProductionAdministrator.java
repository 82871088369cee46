package fr.parcours.security;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, the first administrator comes from the environment ({@code PARCOURS_ADMIN_USER},
 * {@code PARCOURS_ADMIN_PASSWORD}), never from a default: without them, no user is created, and an
 * administrator must be added to the database by other means. An existing user is never touched, but for the
 * address {@code PARCOURS_ADMIN_EMAIL} gives it when it has none. Incidents are mailed to the administrators and
 * process owners ({@code notification.IncidentAlerts}): when none of them has an address, a warning says so.
 */
@Component
public class ProductionAdministrator {

  static final int MINIMUM_PASSWORD_LENGTH = 12;
  private static final Logger LOG = LoggerFactory.getLogger(ProductionAdministrator.class);

  private final IdentityService identity;
  private final String userId;
  private final String password;
  private final String email;

  ProductionAdministrator(IdentityService identity, @Value("${parcours.admin.user:}") String userId,
      @Value("${parcours.admin.password:}") String password, @Value("${parcours.admin.email:}") String email) {
    this.identity = identity;
    this.userId = userId;
    this.password = password;
    this.email = email.strip();
  }

  public void ensure() {
    if (userId.isBlank()) {
      if (identity.createUserQuery().memberOfGroup(Roles.ADMIN).count() == 0) {
        LOG.warn("Parcours n’a aucun administrateur : donnez PARCOURS_ADMIN_USER et PARCOURS_ADMIN_PASSWORD, puis"
            + " redémarrez (la page de création du premier administrateur des webapps est fermée).");
        return;
      }
      warnWhenIncidentsReachNobody();
      return;
    }
    if (password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalStateException("PARCOURS_ADMIN_PASSWORD doit compter au moins " + MINIMUM_PASSWORD_LENGTH
          + " caractères pour créer l’administrateur « " + userId + " » : donnez-en un plus long, puis"
          + " redémarrez.");
    }
    checkEmail();
    User existing = identity.createUserQuery().userId(userId).singleResult();
    if (existing != null) {
      // a guesser may have locked the account (login throttling): the operator who restarts gets it back
      identity.unlockUser(userId);
      if (!email.isEmpty() && blank(existing.getEmail())) {
        existing.setEmail(email);
        identity.saveUser(existing);
      }
    } else {
      User user = identity.newUser(userId);
      user.setFirstName("Administrator");
      user.setLastName("Parcours");
      user.setPassword(password);
      user.setEmail(email.isEmpty() ? null : email);
      identity.saveUser(user);
      identity.createMembership(userId, Roles.ADMIN);
    }
    warnWhenIncidentsReachNobody();
  }

  /** One plain address (no name, no list), as the incident mails need; checked before anything is stored. */
  private void checkEmail() {
    if (email.isEmpty()) {
      return;
    }
    boolean plain = !email.contains(",") && !email.contains("<") && email.chars().noneMatch(Character::isWhitespace);
    try {
      new InternetAddress(email, true);
    } catch (AddressException e) {
      plain = false;
    }
    if (!plain || !email.substring(email.indexOf('@') + 1).contains(".")) {
      throw new IllegalStateException("PARCOURS_ADMIN_EMAIL vaut « " + email + " », qui n’est pas une adresse"
          + " électronique : donnez une seule adresse comme exploitation@agence.fr, puis redémarrez. Rien n’a été"
          + " créé.");
    }
  }

  private void warnWhenIncidentsReachNobody() {
    for (String group : List.of(Roles.ADMIN, Roles.PROCESS_OWNER)) {
      if (identity.createUserQuery().memberOfGroup(group).list().stream().anyMatch(user -> !blank(user.getEmail()))) {
        return;
      }
    }
    LOG.warn("Aucun administrateur ni responsable de processus n’a d’adresse électronique : un dossier arrêté par un"
        + " incident ne sera signalé à personne. Donnez PARCOURS_ADMIN_EMAIL (l’adresse de l’administrateur), ou une"
        + " adresse à l’un d’eux dans Admin.");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
