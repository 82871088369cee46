package fr.parcours.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.evidence.EvidenceCatalogue.Proof;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the evidence catalogue and refuses it whole, naming every bad entry, when a process owner made a
 * mistake: the application does not start on a catalogue it would misapply.
 */
public final class EvidenceCatalogueReader {

  /** A requirement id: letters, a space, a number ({@code INS 2}). */
  static final Pattern REQUIREMENT_ID = Pattern.compile("[A-Z]+ [0-9]+");
  /** A proof number: its requirement id, then dot-separated numbers ({@code INS 2.1.1}). */
  static final Pattern PROOF_NUMBER = Pattern.compile("[A-Z]+ [0-9]+(\\.[0-9]+)+");

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvidenceCatalogueReader() {
  }

  public static EvidenceCatalogue read(InputStream json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Evidence catalogue " + source + " is not readable JSON: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<String> problems = new ArrayList<>();
    List<Requirement> requirements = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> proofNumbers = new HashSet<>();
    JsonNode list = root == null ? null : root.get("requirements");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("'requirements' must be a non-empty list");
    } else {
      for (int i = 0; i < list.size(); i++) {
        requirements.add(requirement(list.get(i), "requirement #" + (i + 1), ids, proofNumbers, problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Evidence catalogue " + source + " has " + problems.size()
          + " problem(s); fix them and restart:\n- " + String.join("\n- ", problems));
    }
    JsonNode notice = root.get("notice");
    return new EvidenceCatalogue(notice == null ? "" : notice.asText(), requirements);
  }

  private static Requirement requirement(JsonNode node, String where, Set<String> ids, Set<String> proofNumbers,
      List<String> problems) {
    String id = text(node, "id");
    String name = id == null ? where : where + " '" + id + "'";
    if (id == null || !REQUIREMENT_ID.matcher(id).matches()) {
      problems.add(name + ": 'id' must be letters, a space and a number, such as 'INS 2'");
    } else if (!ids.add(id)) {
      problems.add(name + ": the id is used by another requirement");
    }
    String section = text(node, "section");
    if (!EvidenceCatalogue.SECTIONS.contains(section)) {
      problems.add(name + ": 'section' is '" + section + "', not one of " + EvidenceCatalogue.SECTIONS);
    }
    String title = text(node, "title");
    if (title == null) {
      problems.add(name + ": 'title' is missing");
    }
    List<String> profiles = new ArrayList<>();
    JsonNode profileList = node.get("profiles");
    if (profileList == null || !profileList.isArray() || profileList.isEmpty()) {
      problems.add(name + ": 'profiles' must list the profiles it applies to, among " + EvidenceCatalogue.PROFILES);
    } else {
      profileList.forEach(p -> {
        if (!EvidenceCatalogue.PROFILES.contains(p.asText())) {
          problems.add(name + ": profile '" + p.asText() + "' is not one of " + EvidenceCatalogue.PROFILES);
        }
        profiles.add(p.asText());
      });
    }
    List<Proof> proofs = proofs(node.get("proofs"), id, name, "INS 2.1.1", proofNumbers, problems);
    JsonNode insOnly = node.get("onlyWhenDeviceHandlesIns");
    return new Requirement(id, section, title, profiles, insOnly != null && insOnly.asBoolean(), proofs);
  }

  /**
   * The proofs of one requirement, each number checked: its form, its requirement's prefix, and unique among
   * {@code proofNumbers} (which it joins). Shared with the generic lines, whose proofs go in the same archives.
   */
  public static List<Proof> proofs(JsonNode proofList, String requirementId, String name, String example,
      Set<String> proofNumbers, List<String> problems) {
    List<Proof> proofs = new ArrayList<>();
    if (proofList == null || !proofList.isArray() || proofList.isEmpty()) {
      problems.add(name + ": 'proofs' must list at least one proof");
      return proofs;
    }
    for (JsonNode p : proofList) {
      String number = text(p, "number");
      if (number == null || !PROOF_NUMBER.matcher(number).matches()) {
        problems.add(name + ": proof '" + number + "' is not a proof number such as '" + example + "'");
      } else if (requirementId != null && !number.startsWith(requirementId + ".")) {
        problems.add(name + ": proof '" + number + "' does not start with its requirement's id '" + requirementId
            + ".'");
      } else if (!proofNumbers.add(number)) {
        problems.add(name + ": proof '" + number + "' appears twice in the catalogue");
      }
      proofs.add(new Proof(number, text(p, "asks")));
    }
    return proofs;
  }

  /** A field's text, trimmed; null when absent or blank. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
  }
}
