package fr.parcours.security;

import fr.parcours.shared.BadInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * Vendor companies: one Camunda group each (type {@value Roles#VENDOR_GROUP_TYPE}, id starting with
 * {@value Roles#VENDOR_GROUP_PREFIX}), whose users see only that company's dossiers and tasks.
 */
@Service
public class VendorCompanies {

  private final IdentityService identity;
  private final AuthorizationSetup grants;

  VendorCompanies(IdentityService identity, AuthorizationSetup grants) {
    this.identity = identity;
    this.grants = grants;
  }

  public void register(String groupId, String companyName) {
    if (!groupId.startsWith(Roles.VENDOR_GROUP_PREFIX)) {
      throw new IllegalArgumentException("A vendor company's group id must start with '"
          + Roles.VENDOR_GROUP_PREFIX + "': '" + groupId + "' does not.");
    }
    if (identity.createGroupQuery().groupId(groupId).singleResult() == null) {
      Group group = identity.newGroup(groupId);
      group.setName(companyName);
      group.setType(Roles.VENDOR_GROUP_TYPE);
      identity.saveGroup(group);
    }
    grants.grantVendor(groupId);
  }

  /**
   * The company group of a vendor user.
   *
   * @throws NotAVendorException when the user belongs to no vendor company, or to several
   */
  public Group companyOf(String userId) {
    var groups = identity.createGroupQuery().groupMember(userId).groupType(Roles.VENDOR_GROUP_TYPE).unlimitedList();
    if (groups.size() != 1) {
      throw new NotAVendorException(userId, groups.size());
    }
    return groups.get(0);
  }

  /**
   * A vendor company's group by its id: the dossier's company ({@code vendorGroup}). It is gone only when an
   * administrator deleted or renamed the group in Admin while the dossier ran; the sentence says who mends it, how.
   */
  public Group group(String groupId) {
    Group group = groupId == null ? null : identity.createGroupQuery().groupId(groupId).singleResult();
    if (groupId == null) {
      throw new fr.parcours.shared.ServerFault("Ce dossier ne nomme pas son entreprise (la variable « vendorGroup » est"
          + " vide) : la tâche ne peut pas être terminée. Rien n’a été enregistré. L’administrateur de Parcours doit"
          + " la renseigner dans Cockpit, avec l’id du groupe de l’entreprise ; la tâche pourra ensuite être"
          + " terminée.");
    }
    if (group == null) {
      throw new fr.parcours.shared.ServerFault("Le groupe de l’entreprise de ce dossier, « " + groupId + " », n’existe"
          + " plus dans Parcours (il a été supprimé ou renommé dans Admin) : la tâche ne peut pas être terminée. Rien"
          + " n’a été enregistré. L’administrateur de Parcours doit recréer dans Admin le groupe « " + groupId
          + " », de type « " + Roles.VENDOR_GROUP_TYPE + " », et y remettre les comptes de l’entreprise ; la tâche"
          + " pourra ensuite être terminée.");
    }
    return group;
  }

  /** Only a user of exactly one vendor company can apply. */
  public static class NotAVendorException extends BadInputException {
    NotAVendorException(String userId, int companies) {
      super(companies == 0
          ? "User '" + userId + "' belongs to no vendor company, so cannot apply: an administrator must add"
              + " them to their company's group (type '" + Roles.VENDOR_GROUP_TYPE + "') in Camunda Admin."
          : "User '" + userId + "' belongs to " + companies + " vendor companies: a vendor user must belong to"
              + " exactly one, so that each dossier has one owner. Ask an administrator to fix the groups.");
    }
  }
}
