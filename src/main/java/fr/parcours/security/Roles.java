package fr.parcours.security;

import java.util.List;

/** The candidate groups of Parcours (see ../shared/DOMAIN.md, "Roles"). */
public final class Roles {

  public static final String ANS_REVIEWER = "ans-reviewer";
  public static final String HAS_REVIEWER = "has-reviewer";
  public static final String CNEDIMTS = "cnedimts";
  public static final String MINISTRY = "ministry";
  public static final String CNAM = "cnam";
  public static final String PROCESS_OWNER = "process-owner";
  public static final String ADMIN = "camunda-admin";

  /** Group type of a vendor company's group; one group per company, its id starting with "vendor-". */
  public static final String VENDOR_GROUP_TYPE = "vendor";
  public static final String VENDOR_GROUP_PREFIX = "vendor-";
  /** Group type of the agencies' reviewer groups. */
  public static final String REVIEWER_GROUP_TYPE = "reviewer";
  public static final String SYSTEM_GROUP_TYPE = "SYSTEM";

  /** The reviewer groups and how Tasklist names them. */
  public static final List<Reviewer> REVIEWERS = List.of(
      new Reviewer(ANS_REVIEWER, "Instructeurs de l’ANS", "ANS"),
      new Reviewer(HAS_REVIEWER, "Guichet de la HAS (Sésame)", "Guichet HAS"),
      new Reviewer(CNEDIMTS, "CNEDiMTS", "CNEDiMTS"),
      new Reviewer(MINISTRY, "Ministères (santé et sécurité sociale)", "Ministères"),
      new Reviewer(CNAM, "Assurance Maladie (CNAM)", "CNAM"));

  private Roles() {
  }

  /** Administrators and process owners repair dossiers: the hand-work rules do not bind them. */
  public static boolean isRepairer(List<String> groupIds) {
    return groupIds != null && (groupIds.contains(ADMIN) || groupIds.contains(PROCESS_OWNER));
  }

  /** A vendor company's user: one of the groups is a company's ({@value #VENDOR_GROUP_PREFIX}...). */
  public static boolean isVendor(List<String> groupIds) {
    return groupIds != null && groupIds.stream().anyMatch(id -> id.startsWith(VENDOR_GROUP_PREFIX));
  }

  public record Reviewer(String groupId, String name, String shortName) {
  }
}
