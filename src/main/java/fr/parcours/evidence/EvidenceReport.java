package fr.parcours.evidence;

import fr.parcours.evidence.EvidenceCatalogue.Proof;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.evidence.EvidenceStore.StoredProof;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dossier's evidence, computed over every send against the catalogue and the device's profiles. A
 * proof counts as it stands in its latest send: one valid file there is DEPOSITED; two files for it in that
 * send are a DUPLICATE; a file the reviewer marked invalid is INVALID; until a later send holds it again.
 */
public record EvidenceReport(String version, List<RequirementLine> requirements, List<StoredProof> unknownProofs,
    int sends, List<String> profiles, boolean handlesIns) {

  public enum ProofStatus { DEPOSITED, MISSING, DUPLICATE, INVALID }

  public enum RequirementStatus { COMPLETE, INCOMPLETE, NOT_APPLICABLE }

  /** One proof of an applicable requirement; {@code current} is the file that counts, if any. */
  public record ProofLine(Proof proof, ProofStatus status, List<StoredProof> current) {
  }

  /**
   * One requirement: of the referential ({@code line} null), or a minimum requirement of a generic line the dossier
   * claims ({@code line} its French name).
   */
  public record RequirementLine(Requirement requirement, RequirementStatus status, List<ProofLine> proofs,
      String line) {

    /** What the page and the report call it: {@code DIA 1 …, ligne « Télésurveillance du diabète »}. */
    public String title() {
      return requirement.id() + " " + requirement.title() + (line == null ? "" : " (ligne générique « " + line + " »)");
    }
  }

  static EvidenceReport compute(EvidenceCatalogue.Version version, List<String> profiles, boolean handlesIns,
      List<StoredProof> stored, int sends) {
    return compute(version, List.of(), profiles, handlesIns, stored, sends);
  }

  /** The requirements of the dossier's version of the referential, then those of each generic line it claims. */
  static EvidenceReport compute(EvidenceCatalogue.Version version, List<LineRequirements.Line> claimedLines,
      List<String> profiles, boolean handlesIns, List<StoredProof> stored, int sends) {
    Map<String, List<StoredProof>> byNumber = stored.stream()
        .collect(Collectors.groupingBy(StoredProof::proofNumber));
    List<RequirementLine> lines = new ArrayList<>();
    Map<Requirement, String> lineOf = new java.util.LinkedHashMap<>();
    version.requirements().forEach(r -> lineOf.put(r, null));
    claimedLines.forEach(l -> l.requirements().forEach(r -> lineOf.put(r, l.label())));
    for (Requirement requirement : lineOf.keySet()) {
      List<ProofLine> proofs = new ArrayList<>();
      for (Proof proof : requirement.proofs()) {
        List<StoredProof> files = byNumber.getOrDefault(proof.number(), List.of());
        int latest = files.stream().mapToInt(StoredProof::sendNumber).max().orElse(0);
        List<StoredProof> current = files.stream().filter(f -> f.sendNumber() == latest).toList();
        ProofStatus status = current.isEmpty() ? ProofStatus.MISSING
            : current.size() > 1 ? ProofStatus.DUPLICATE
            : current.get(0).invalid() ? ProofStatus.INVALID
            : ProofStatus.DEPOSITED;
        proofs.add(new ProofLine(proof, status, current));
      }
      RequirementStatus status = !requirement.appliesTo(profiles, handlesIns) ? RequirementStatus.NOT_APPLICABLE
          : proofs.stream().allMatch(p -> p.status() == ProofStatus.DEPOSITED) ? RequirementStatus.COMPLETE
          : RequirementStatus.INCOMPLETE;
      lines.add(new RequirementLine(requirement, status, proofs, lineOf.get(requirement)));
    }
    Set<String> known = lines.stream().flatMap(l -> l.proofs().stream()).map(p -> p.proof().number())
        .collect(Collectors.toSet());
    List<StoredProof> unknown = stored.stream().filter(p -> !known.contains(p.proofNumber()))
        .sorted(Comparator.comparing(StoredProof::sendNumber)).toList();
    return new EvidenceReport(version.name(), lines, unknown, sends, List.copyOf(profiles), handlesIns);
  }

  /** Every proof of every applicable requirement is deposited, valid, once. */
  public boolean complete() {
    return requirements.stream().noneMatch(r -> r.status() == RequirementStatus.INCOMPLETE);
  }

  List<ProofLine> applicableProofs() {
    return requirements.stream().filter(r -> r.status() != RequirementStatus.NOT_APPLICABLE)
        .flatMap(r -> r.proofs().stream()).toList();
  }

  /** Applicable proofs not (validly) deposited, with why: {@code SEC 1.2.1 (manquante)}. */
  public List<String> outstanding() {
    return applicableProofs().stream().filter(p -> p.status() != ProofStatus.DEPOSITED)
        .map(p -> p.proof().number() + " (" + describe(p) + ")").toList();
  }

  /** Applicable proofs whose current file the reviewer marked invalid, with the reason. */
  public List<String> invalidProofs() {
    return invalid(applicableProofs());
  }

  /** The same, for the referential's requirements only (a generic line's are judged with the line). */
  public List<String> invalidReferentialProofs() {
    return invalid(requirements.stream().filter(r -> r.line() == null && r.status() != RequirementStatus.NOT_APPLICABLE)
        .flatMap(r -> r.proofs().stream()).toList());
  }

  /**
   * The proofs of a generic line's requirements that are not validly deposited, with why: what keeps the ANS from
   * certifying that line.
   */
  public List<String> outstandingOfLine(String lineLabel) {
    return requirements.stream().filter(r -> lineLabel.equals(r.line()) && r.status() != RequirementStatus.NOT_APPLICABLE)
        .flatMap(r -> r.proofs().stream())
        .filter(p -> p.status() != ProofStatus.DEPOSITED).map(p -> p.proof().number() + " (" + describe(p) + ")")
        .toList();
  }

  private static List<String> invalid(List<ProofLine> proofs) {
    return proofs.stream().filter(p -> p.status() == ProofStatus.INVALID)
        .map(p -> p.proof().number() + " : " + p.current().get(0).invalidReason()).toList();
  }

  /** Sections whose applicable requirements are all complete (the deposit form's checklist). */
  public List<String> depositedSections() {
    return applicableSections().stream().filter(section -> applicable(section).stream()
        .allMatch(r -> r.status() == RequirementStatus.COMPLETE)).toList();
  }

  /**
   * Sections that ask something of this device: those with a requirement that applies to its profiles (the deposit
   * form lists only these; INS is « sans objet » for a device of the basic profile that does not use the INS).
   */
  public List<String> applicableSections() {
    return EvidenceCatalogue.SECTIONS.stream().filter(section -> !applicable(section).isEmpty()).toList();
  }

  private List<RequirementLine> applicable(String section) {
    return requirements.stream()
        .filter(r -> r.requirement().section().equals(section) && r.status() != RequirementStatus.NOT_APPLICABLE)
        .toList();
  }

  int depositedCount() {
    return (int) applicableProofs().stream().filter(p -> p.status() == ProofStatus.DEPOSITED).count();
  }

  static String describe(ProofLine p) {
    return switch (p.status()) {
      case DEPOSITED -> "déposée dans l’envoi " + p.current().get(0).sendNumber();
      case MISSING -> "manquante";
      case DUPLICATE -> "en double : " + p.current().size() + " fichiers dans l’envoi " + p.current().get(0).sendNumber()
          + " (" + p.current().stream().map(StoredProof::entryName).collect(Collectors.joining(", "))
          + ") ; renvoyez-la seule";
      case INVALID -> "invalide : " + p.current().get(0).invalidReason();
    };
  }

  /** The report as Markdown for the Tasklist forms; every text that came from a person is escaped. */
  public String toMarkdown(int maxLength) {
    StringBuilder md = new StringBuilder();
    md.append("Référentiel version ").append(escape(version)).append(".\n\n");
    md.append("**").append(complete() ? "Complet" : "Incomplet").append("** : ").append(depositedCount())
        .append(" preuves déposées sur ").append(applicableProofs().size()).append(" en ").append(sends)
        .append(sends == 1 ? " envoi" : " envois").append(" ; profils : ")
        // as people read them, never a code (walk 7: « profils SOCLE »)
        .append(escape(fr.parcours.shared.SoftwareProfiles.labels(profiles)))
        .append(handlesIns ? " ; utilise l’INS" : " ; n’utilise pas l’INS").append(".\n\n");
    for (RequirementLine line : requirements) {
      md.append("- **").append(line.requirement().id()).append("** ").append(escape(line.requirement().title()));
      if (line.line() != null) {
        md.append(" (ligne générique « ").append(escape(line.line())).append(" »)");
      }
      md.append(" : ");
      if (line.status() == RequirementStatus.NOT_APPLICABLE) {
        md.append("sans objet pour les profils choisis");
      } else {
        md.append(line.status() == RequirementStatus.COMPLETE ? "complète" : "INCOMPLÈTE").append(" — ")
            .append(line.proofs().stream().map(p -> p.proof().number() + " " + escape(describe(p)))
                .collect(Collectors.joining(" ; ")));
      }
      md.append('\n');
    }
    if (!unknownProofs.isEmpty()) {
      md.append("\nPreuves inconnues (absentes du catalogue) : ").append(unknownProofs.stream()
          .map(p -> escape(p.entryName()) + " (envoi " + p.sendNumber() + ")").collect(Collectors.joining(", ")))
          .append('\n');
    }
    String text = md.toString();
    String cut = "\n\n… (coupé : voyez la page des preuves pour le rapport complet)";
    return text.length() <= maxLength ? text : text.substring(0, maxLength - cut.length()) + cut;
  }

  /** Markdown and HTML characters of a person's text shown as plain characters. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append('‹');
        case '>' -> out.append('›');
        case '\n', '\r' -> out.append(' ');
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '{', '}', '!', '~' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
