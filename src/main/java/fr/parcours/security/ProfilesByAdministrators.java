package fr.parcours.security;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * A person's name and e-mail address change only by an administrator. Camunda lets each user change her own profile
 * (its default grant on her own user, {@code PUT /engine-rest/user/{id}/profile}, Admin's "My profile"), but Parcours
 * writes to these addresses: an audit's mails go to the audited company's users, a message to an agency to its
 * reviewers; a vendor could redirect them, or take another's name. Her own password she still changes (the same
 * command, the profile unchanged); an administrator changes any profile.
 *
 * <p>Nor does a person delete her own account (Camunda's default grant lets her: {@code DELETE
 * /engine-rest/user/{id}}): the tasks she holds, the dossiers' history and the audits name her, and her company's
 * mails would lose a recipient without anyone deciding it. An administrator deletes accounts in Admin.
 */
public class ProfilesByAdministrators extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    Authentication person = context == null ? null : context.getAuthentication();
    if (command instanceof DeleteUserCmd && person != null
        && (person.getGroupIds() == null || !person.getGroupIds().contains(Roles.ADMIN))) {
      throw new AuthorizationException("Un compte de Parcours ne se supprime que par un administrateur : les tâches"
          + " qu’il tient, l’historique des dossiers et les audits le nomment. « " + person.getUserId() + " » ne peut"
          + " pas supprimer de compte ; demandez-le à l’administrateur de Parcours. Rien n’a été supprimé.");
    }
    if (command instanceof SaveUserCmd && person != null
        && (person.getGroupIds() == null || !person.getGroupIds().contains(Roles.ADMIN))
        && CommandFields.read(command, "user") instanceof UserEntity sent && sent.getRevision() > 0) {
      User stored = context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider()
          .findUserById(sent.getId()));
      if (stored != null && !(Objects.equals(stored.getFirstName(), sent.getFirstName())
          && Objects.equals(stored.getLastName(), sent.getLastName())
          && Objects.equals(stored.getEmail(), sent.getEmail()))) {
        throw new AuthorizationException("Le nom et l’adresse électronique d’un compte ne changent que par un"
            + " administrateur de Parcours, car les courriels des dossiers partent à cette adresse : « "
            + person.getUserId() + " » ne peut pas les changer. Demandez le changement à l’administrateur ; votre"
            + " mot de passe, vous pouvez le changer vous-même. Rien n’a été enregistré.");
      }
    }
    return next.execute(command);
  }
}
