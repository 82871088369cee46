package fr.parcours.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirements of the referential and the proofs each asks for, by software profile, as the process
 * owner wrote them in {@code catalogue/evidence-catalogue.json}. Read and checked by
 * {@link EvidenceCatalogueReader}.
 */
public record EvidenceCatalogue(String notice, List<Requirement> requirements) {

  /** Sections of the referential, in the order of the deposit form. */
  public static final List<String> SECTIONS = List.of("INS", "PSC", "USER_IDENTIFICATION", "PORTABILITY",
      "SECURITY", "PERSONAL_DATA");

  /** Software profiles a requirement may apply to (the candidature's choices). */
  public static final List<String> PROFILES = List.of("SOCLE", "RI", "MSS", "DMP");

  /** A requirement ({@code INS 2}) of one section, applying to the devices of some profiles. */
  public record Requirement(String id, String section, String title, List<String> profiles,
      boolean onlyWhenDeviceHandlesIns, List<Proof> proofs) {

    public boolean appliesTo(List<String> deviceProfiles, boolean handlesIns) {
      return (!onlyWhenDeviceHandlesIns || handlesIns) && profiles.stream().anyMatch(deviceProfiles::contains);
    }
  }

  /** A proof ({@code INS 2.1.1}); its file in an archive is {@link #fileStem()} plus any extension. */
  public record Proof(String number, String asks) {

    /** {@code INS 2.1.1} → {@code INS_2.1.1}. */
    public String fileStem() {
      return number.replace(' ', '_');
    }
  }

  public EvidenceCatalogue {
    requirements = List.copyOf(requirements);
  }

  /** Proof number → its requirement. */
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
