package fr.parcours.evidence;

import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The generic lines a dossier may claim, each with its minimum requirements as evidence entries of their own, beside
 * the referential's: the evidence report, the deposit page and the ANS's certification of the lines take the claimed
 * lines' requirements from here. Implemented by the package that owns the lines ({@code genericline}), which sits above
 * {@code evidence} and {@code ans}: they know the lines only through this interface.
 */
public interface LineRequirements {

  /** Name of the variable that carries the claimed lines' ids, joined by commas ({@code DIABETES,HEART_FAILURE}). */
  String CLAIMED_LINES = "genericLines";

  /**
   * A generic line as the evidence sees it.
   *
   * @param profiles the software profiles of which a device must have one to claim it
   */
  record Line(String id, String label, String labelEn, List<String> profiles, List<Requirement> requirements) {
    public Line {
      profiles = List.copyOf(profiles);
      requirements = List.copyOf(requirements);
    }
  }

  /** Every line that exists, in the catalogue's order. */
  List<Line> all();

  default Optional<Line> line(String id) {
    return all().stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** The line whose requirements ask for this proof number, if a line asks for it. */
  default Optional<Line> lineOfProof(String proofNumber) {
    return all().stream().filter(l -> l.requirements().stream().flatMap(r -> r.proofs().stream())
        .anyMatch(p -> p.number().equals(proofNumber))).findFirst();
  }

  /** The lines a dossier's variable {@value #CLAIMED_LINES} names (none when it is absent); unknown ids are skipped. */
  default List<Line> claimed(Object claimedLines) {
    return ids(claimedLines).stream().map(this::line).flatMap(Optional::stream).toList();
  }

  /** The ids in the variable: ids joined by commas, or a list. */
  static List<String> ids(Object claimedLines) {
    if (claimedLines instanceof Collection<?> list) {
      return list.stream().map(v -> String.valueOf(v).strip()).filter(s -> !s.isEmpty()).distinct().toList();
    }
    if (claimedLines == null) {
      return List.of();
    }
    return Arrays.stream(claimedLines.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
        .toList();
  }

  /** No line at all: what a dossier without lines sees. */
  LineRequirements NONE = List::of;
}
