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

  /** A vendor company's group by its id. */
  public Group group(String groupId) {
    Group group = groupId == null ? null : identity.createGroupQuery().groupId(groupId).singleResult();
    if (group == null) {
      throw new IllegalStateException("No vendor company group '" + groupId + "'");
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
