package fr.parcours.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every reviewer group of Parcours: the agencies of {@link Roles#REVIEWERS} and those a pathway's package declares
 * as a {@link Roles.Reviewer} bean beside its {@code Pathway} (the ANS auditors of the compliance audit), so that a
 * pathway bringing a new group edits no list here. The groups are created, granted and given their Tasklist
 * filters from this, and the pages name them from it.
 */
@Component
public class ReviewerGroups {

  private final List<Roles.Reviewer> all;

  ReviewerGroups(ObjectProvider<Roles.Reviewer> registered) {
    List<Roles.Reviewer> groups = new ArrayList<>(Roles.REVIEWERS);
    registered.orderedStream().filter(r -> groups.stream().noneMatch(g -> g.groupId().equals(r.groupId())))
        .forEach(groups::add);
    this.all = List.copyOf(groups);
  }

  public List<Roles.Reviewer> all() {
    return all;
  }

  public Optional<Roles.Reviewer> find(String groupId) {
    return all.stream().filter(r -> r.groupId().equals(groupId)).findFirst();
  }

  /** Whether one of these groups is a reviewer group. */
  public boolean anyReviewer(List<String> groupIds) {
    return groupIds != null && all.stream().anyMatch(r -> groupIds.contains(r.groupId()));
  }
}
