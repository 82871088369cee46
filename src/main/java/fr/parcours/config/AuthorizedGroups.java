package fr.parcours.config;

import java.util.Map;

/**
 * The groups some authorization names, which Camunda asks in every command of a signed-in user (to keep only those
 * of the user's groups), found by one index probe per group ({@code db/camunda/authorized-groups.xml}) rather than
 * by reading every authorization: at 50,000 dossiers that read cost 20 ms and more per command, several per call of
 * Tasklist ({@code config.QueueBenchmark}). The same set of groups either way ({@code TaskGrantCheckTest}).
 */
final class AuthorizedGroups {

  static final CamundaStatements.Replacement SQL = new CamundaStatements.Replacement(
      "db/camunda/authorized-groups.xml", Map.of(
          "selectAuthorizedGroupIds", "fr.parcours.config.AuthorizedGroups.selectGroupsNamed"));

  private AuthorizedGroups() {
  }
}
