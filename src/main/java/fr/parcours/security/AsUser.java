package fr.parcours.security;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * A question put to the engine as one person, with their groups: the engine's authorization checks answer it
 * as they would that person's own request (a page outside the REST API that serves a signed-in user).
 */
public final class AsUser {

  private AsUser() {
  }

  public static <T> T ask(IdentityService identity, String userId, Supplier<T> question) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).unlimitedList().stream()
        .map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return question.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
