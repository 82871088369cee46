package fr.parcours.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * Whom the site menu names (the header of {@code templates/dossiers/frame.html}), on a page that has no dossier
 * viewer of its own (the evidence pages, the task link of the mails): the person signed in, and whether the menu
 * offers her a vendor's links ("Mes dossiers", "Quel parcours ?").
 */
public record MenuUser(String userId, boolean vendor) {

  /** The person signed in, her groups read once. */
  public static MenuUser of(IdentityService identity, String userId) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return new MenuUser(userId, Roles.isVendor(groups));
  }
}
