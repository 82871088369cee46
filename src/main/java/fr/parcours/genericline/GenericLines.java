package fr.parcours.genericline;

import fr.parcours.shared.SoftwareProfiles;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.candidature.CandidatureWords;
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
    return claimed(lineIds, deviceProfiles, false);
  }

  /**
   * {@link #claimed(Collection, Collection)}, its refusals in English too after the French for a vendor who asked for
   * English ({@code ans.RefusalLanguage}).
   */
  public List<Line> claimed(Collection<String> lineIds, Collection<String> deviceProfiles, boolean inEnglish) {
    if (lineIds == null || lineIds.isEmpty()) {
      // by their names, as the form's checklist shows them: a vendor never reads the catalogue's keys (walk 22)
      throw new BadInputException(CandidatureWords.of("genericLine.none", CandidatureWords.each(
          names(Line::label, "« ", " »"), names(Line::labelEn, "“", "”"))).forVendor(inEnglish));
    }
    return lineIds.stream().map(id -> {
      Line line = find(id).orElseThrow(() -> new BadInputException(CandidatureWords.of("genericLine.unknown", id,
          ids()).forVendor(inEnglish)));
      if (deviceProfiles == null || line.profiles().stream().noneMatch(deviceProfiles::contains)) {
        List<String> reserved = line.profiles().stream().map(SoftwareProfiles::label).toList();
        CandidatureWords or = CandidatureWords.of("genericLine.profile.or");
        throw new BadInputException(CandidatureWords.of("genericLine.profile", line.label(),
            CandidatureWords.each(String.join(or.french(), reserved), String.join(or.english(), reserved)),
            SoftwareProfiles.labels(deviceProfiles)).forVendor(inEnglish));
      }
      return line;
    }).toList();
  }

  private String names(java.util.function.Function<Line, String> name, String open, String close) {
    return lines.stream().map(l -> open + name.apply(l) + close).collect(Collectors.joining(", "));
  }

  private String ids() {
    return lines.stream().map(Line::id).collect(Collectors.joining(", "));
  }
}
