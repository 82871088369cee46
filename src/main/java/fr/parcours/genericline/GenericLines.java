package fr.parcours.genericline;

import fr.parcours.shared.SoftwareProfiles;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.shared.BadInputException;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The generic lines a device may be registered on, as the process owner wrote them in
 * {@code catalogue/generic-lines.json}: each with the software profiles that may claim it, its minimum
 * requirements (evidence entries of their own, next to the referential's) and how long a registration on it
 * lasts. Read and checked by {@link GenericLinesReader}.
 */
public record GenericLines(String notice, List<Line> lines) {

  /** The section the lines' requirements carry, apart from the referential's sections. */
  public static final String SECTION = "GENERIC_LINE";

  /**
   * One generic line.
   *
   * @param id its key ({@code DIABETES}), what the candidature stores
   * @param label its French name
   * @param labelEn its English name
   * @param etapes whether it was one of the ETAPES experimentation's lines (its vendors get a provisional
   *     certificate)
   * @param registrationValidity how long a registration on it lasts from the code's allocation
   * @param profiles the software profiles of which a device must have one to claim it
   * @param requirements its minimum requirements, with their proofs
   */
  public record Line(String id, String label, String labelEn, boolean etapes, Period registrationValidity,
      List<String> profiles, List<Requirement> requirements) {

    public Line {
      profiles = List.copyOf(profiles);
      requirements = List.copyOf(requirements);
    }
  }

  public GenericLines {
    lines = List.copyOf(lines);
  }

  public Optional<Line> find(String id) {
    return lines.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /**
   * The lines a candidature claims, checked: each must exist and be open to one of the device's profiles.
   *
   * @throws BadInputException in French, naming the line and what to choose instead; nothing is stored
   */
  public List<Line> claimed(Collection<String> lineIds, Collection<String> deviceProfiles) {
    if (lineIds == null || lineIds.isEmpty()) {
      throw new BadInputException("Choisissez au moins une ligne générique parmi : " + ids() + ".");
    }
    return lineIds.stream().map(id -> {
      Line line = find(id).orElseThrow(() -> new BadInputException("La ligne générique « " + id
          + " » n’existe pas. Choisissez parmi : " + ids() + "."));
      if (deviceProfiles == null || line.profiles().stream().noneMatch(deviceProfiles::contains)) {
        throw new BadInputException("La ligne générique « " + line.label() + " » est réservée aux dispositifs de profil "
            + String.join(" ou ", line.profiles().stream().map(SoftwareProfiles::label).toList())
            + " ; le profil choisi (" + SoftwareProfiles.labels(deviceProfiles) + ") ne permet pas de la demander. Choisissez une autre ligne "
            + "ou déposez une demande d’inscription en nom de marque.");
      }
      return line;
    }).toList();
  }

  private String ids() {
    return lines.stream().map(Line::id).collect(Collectors.joining(", "));
  }
}
