package fr.parcours.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The versions of the referential, each with its requirements and the proofs each asks for, by software profile, as
 * the process owner wrote them in {@code catalogue/evidence-catalogue.json}: the first version in full, each later
 * one as what it adds, replaces and withdraws. Read and checked by {@link EvidenceCatalogueReader}. A dossier's
 * proofs answer the requirements of its own version ({@link #of(String)}).
 */
public record EvidenceCatalogue(String notice, List<Version> versions) {

  /** Sections of the referential, in the order of the deposit form. */
  public static final List<String> SECTIONS = List.of("INS", "PSC", "USER_IDENTIFICATION", "PORTABILITY",
      "SECURITY", "PERSONAL_DATA");

  /** The sections as the deposit forms' checklist names them, in French. */
  public static final Map<String, String> SECTION_LABELS = Map.of(
      "INS", "Identifiant national de santé (INS)",
      "PSC", "Pro Santé Connect",
      "USER_IDENTIFICATION", "Identification électronique des utilisateurs",
      "PORTABILITY", "Portabilité des données",
      "SECURITY", "Sécurité et traçabilité",
      "PERSONAL_DATA", "Protection des données personnelles");

  /** Software profiles a requirement may apply to (the candidature's choices). */
  public static final List<String> PROFILES = fr.parcours.shared.SoftwareProfiles.CODES;

  /** A requirement ({@code INS 2}) of one section, applying to the devices of some profiles. */
  public record Requirement(String id, String section, String title, List<String> profiles,
      boolean onlyWhenDeviceHandlesIns, List<Proof> proofs) {

    public boolean appliesTo(List<String> deviceProfiles, boolean handlesIns) {
      return (!onlyWhenDeviceHandlesIns || handlesIns) && profiles.stream().anyMatch(deviceProfiles::contains);
    }

    /** {@code SEC 1 Tracer chaque accès… (preuves SEC 1.1.1, SEC 1.3.1)}: what a vendor proves for it. */
    public String withProofs() {
      return id + " " + title + " (" + (proofs.size() == 1 ? "preuve " : "preuves ")
          + proofs.stream().map(Proof::number).collect(Collectors.joining(", ")) + ")";
    }
  }

  /** A proof ({@code INS 2.1.1}); its file in an archive is {@link #fileStem()} plus any extension. */
  public record Proof(String number, String asks) {

    /** {@code INS 2.1.1} → {@code INS_2.1.1}. */
    public String fileStem() {
      return number.replace(' ', '_');
    }
  }

  /**
   * One version of the referential ({@code 2027}, as the ANS publishes it): every requirement it has; its notice
   * (an illustrative version says so), empty when it has none.
   */
  public record Version(String name, String notice, List<Requirement> requirements) {

    public Version {
      requirements = List.copyOf(requirements);
    }

    /** Proof number → its requirement in this version. */
    public Map<String, Requirement> requirementsByProof() {
      Map<String, Requirement> byProof = new LinkedHashMap<>();
      for (Requirement requirement : requirements) {
        for (Proof proof : requirement.proofs()) {
          byProof.put(proof.number(), requirement);
        }
      }
      return byProof;
    }

    public Optional<Requirement> requirementOf(String proofNumber) {
      return Optional.ofNullable(requirementsByProof().get(proofNumber));
    }
  }

  /**
   * What a version changed since an earlier one: the requirements it added, those it changed (as they now read),
   * those it withdrew (as they read before). The added and changed ones are what a certified vendor proves anew.
   */
  public record Changes(String from, String to, List<Requirement> added, List<Requirement> changed,
      List<Requirement> withdrawn) {

    public boolean none() {
      return added.isEmpty() && changed.isEmpty() && withdrawn.isEmpty();
    }

    public static Changes between(Version from, Version to) {
      Map<String, Requirement> before = byId(from.requirements());
      Map<String, Requirement> after = byId(to.requirements());
      List<Requirement> added = new ArrayList<>();
      List<Requirement> changed = new ArrayList<>();
      for (Requirement requirement : to.requirements()) {
        Requirement old = before.get(requirement.id());
        if (old == null) {
          added.add(requirement);
        } else if (!old.equals(requirement)) {
          changed.add(requirement);
        }
      }
      List<Requirement> withdrawn = from.requirements().stream().filter(r -> !after.containsKey(r.id())).toList();
      return new Changes(from.name(), to.name(), List.copyOf(added), List.copyOf(changed), withdrawn);
    }

    private static Map<String, Requirement> byId(List<Requirement> requirements) {
      return requirements.stream().collect(Collectors.toMap(Requirement::id, Function.identity(), (a, b) -> a,
          LinkedHashMap::new));
    }
  }

  public EvidenceCatalogue {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("A catalogue has at least one version");
    }
  }

  /** The first version the catalogue describes: the one in force before any version is published. */
  public Version first() {
    return versions.get(0);
  }

  /** The version of this name (spaces around and case do not count), if the catalogue describes it. */
  public Optional<Version> version(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return versions.stream().filter(v -> v.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  /**
   * The requirements a dossier on this version answers: that version's; the first version's for a dossier that names
   * none or one the catalogue does not describe (a dossier started before the catalogue had versions).
   */
  public Version of(String name) {
    return version(name).orElse(first());
  }

  /** What this version changed since the one before it in the catalogue; nothing for the first. */
  public Changes changesOf(Version version) {
    int at = versions.indexOf(version);
    return at <= 0 ? Changes.between(version, version) : Changes.between(versions.get(at - 1), version);
  }

  /** What the version {@code to} changed since {@code from}; empty when either is not described. */
  public Optional<Changes> changes(String from, String to) {
    Optional<Version> before = version(from);
    Optional<Version> after = version(to);
    return before.isPresent() && after.isPresent() ? Optional.of(Changes.between(before.get(), after.get()))
        : Optional.empty();
  }

  /**
   * The versions that describe this proof number, by name: where a proof of a requirement that a dossier's version
   * does not have comes from.
   */
  public List<String> versionsWithProof(String proofNumber) {
    return versions.stream().filter(v -> v.requirementsByProof().containsKey(proofNumber)).map(Version::name)
        .toList();
  }

  /** Every requirement of every version, each as it first reads (the generic lines may reuse none of their ids). */
  public List<Requirement> everyRequirement() {
    Map<String, Requirement> byId = new LinkedHashMap<>();
    versions.forEach(v -> v.requirements().forEach(r -> byId.putIfAbsent(r.id(), r)));
    return List.copyOf(byId.values());
  }

  /** Every proof number of every version. */
  public List<String> everyProofNumber() {
    return versions.stream().flatMap(v -> v.requirements().stream()).flatMap(r -> r.proofs().stream())
        .map(Proof::number).distinct().toList();
  }
}
