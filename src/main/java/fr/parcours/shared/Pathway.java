package fr.parcours.shared;

import java.util.List;

/**
 * What the rest of Parcours needs to know of a pathway or a track (a process vendors or agencies run, or one
 * that pathways call): its process key, whether vendors start it from Tasklist, the reviewer groups that
 * instruct it (they read every dossier of it, whatever the company), and the work queues its reviewers sort
 * otherwise than by due date. A pathway declares one as a Spring bean in its own package; the security, the
 * Tasklist filters and the start-up find every bean of this type, so adding a pathway edits no list elsewhere.
 */
public record Pathway(String processKey, boolean startedByVendors, List<String> instructingGroups,
    List<Queue> queues) {

  /**
   * A track that pathways call and vendors do not start: the groups that work it read its instances, and
   * vendors read its definition (their tasks in it show its name), never its other companies' instances.
   */
  public static Pathway track(String processKey, List<String> instructingGroups) {
    return new Pathway(processKey, false, instructingGroups, List.of());
  }

  public Pathway {
    if (processKey == null || processKey.isBlank()) {
      throw new IllegalArgumentException("A pathway needs its process key");
    }
    instructingGroups = List.copyOf(instructingGroups);
    queues = List.copyOf(queues);
  }

  /**
   * A Tasklist filter of one reviewer group: the open tasks of one step of the pathway, oldest first by a date
   * variable of the dossier (the ANS instructs in the order complete evidence was received).
   *
   * @param name the filter's name in Tasklist
   * @param priority its place among the group's filters (lower first)
   * @param description what Tasklist shows under the name
   * @param group the reviewer group that works it, and alone reads it
   * @param taskKey the step (user task id)
   * @param orderedBy the date variable the queue is sorted by, oldest first
   */
  public record Queue(String name, int priority, String description, String group, String taskKey,
      String orderedBy) {
  }
}
