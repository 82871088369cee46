package fr.parcours.genericline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.evidence.EvidenceCatalogue;
import fr.parcours.evidence.EvidenceCatalogue.Proof;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.evidence.EvidenceCatalogueReader;
import fr.parcours.genericline.GenericLines.Line;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the generic lines and refuses them whole, naming every bad entry, when a process owner made a mistake
 * (as the evidence catalogue is refused): the application does not start on lines it would misapply. A line's
 * requirement or proof may not reuse an id of the referential, since both are deposited in the same archives.
 */
public final class GenericLinesReader {

  static final Pattern LINE_ID = Pattern.compile("[A-Z][A-Z_]*");
  static final Pattern REQUIREMENT_ID = Pattern.compile("[A-Z]+ [0-9]+");

  private static final ObjectMapper JSON = new ObjectMapper();

  private GenericLinesReader() {
  }

  /**
   * @param referential the evidence catalogue already read: its requirement ids and proof numbers are taken
   */
  public static GenericLines read(InputStream json, String source, EvidenceCatalogue referential) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Les lignes génériques " + source + " ne sont pas un JSON lisible : "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<String> problems = new ArrayList<>();
    Set<String> lineIds = new HashSet<>();
    Set<String> requirementIds = new HashSet<>();
    Set<String> proofNumbers = new HashSet<>();
    // every version's: a line may reuse no id the referential ever had
    referential.everyRequirement().forEach(r -> requirementIds.add(r.id()));
    proofNumbers.addAll(referential.everyProofNumber());
    List<Line> lines = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("lines");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("« lines » doit lister les lignes génériques : {\"lines\": [{\"id\": \"HEART_FAILURE\", …}]}");
    } else {
      for (int i = 0; i < list.size(); i++) {
        lines.add(line(list.get(i), "ligne générique n° " + (i + 1), lineIds, requirementIds, proofNumbers, problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Les lignes génériques " + source + " ont " + problems.size()
          + " problème(s) ; corrigez-les puis redémarrez :\n- " + String.join("\n- ", problems));
    }
    String notice = text(root, "notice");
    return new GenericLines(notice == null ? "" : notice, lines);
  }

  private static Line line(JsonNode node, String where, Set<String> lineIds, Set<String> requirementIds,
      Set<String> proofNumbers, List<String> problems) {
    String id = text(node, "id");
    String name = id == null ? where : where + " « " + id + " »";
    if (id == null || !LINE_ID.matcher(id).matches()) {
      problems.add(name + " : « id » doit être des lettres capitales et des tirets bas, comme « HEART_FAILURE »");
    } else if (!lineIds.add(id)) {
      problems.add(name + " : cet id est déjà celui d’une autre ligne");
    }
    String label = text(node, "label");
    if (label == null) {
      problems.add(name + " : « label » (son nom en français) manque");
    }
    String labelEn = text(node, "labelEn");
    if (labelEn == null) {
      problems.add(name + " : « labelEn » (son nom en anglais) manque");
    }
    JsonNode etapes = node.get("etapes");
    if (etapes == null || !etapes.isBoolean()) {
      problems.add(name + " : « etapes » doit valoir true ou false (était-ce une ligne de l’expérimentation ETAPES ?)");
    }
    Period validity = null;
    String validityText = text(node, "registrationValidity");
    try {
      validity = validityText == null ? null : Period.parse(validityText);
    } catch (DateTimeException e) {
      validity = null;
    }
    if (validity == null || validity.isNegative() || validity.isZero()) {
      problems.add(name + " : « registrationValidity » " + (validityText == null ? "manque" : "vaut « " + validityText
          + " », qui n’est pas une durée de plus de zéro jour") + " ; écrivez la durée de l’inscription en années,"
          + " mois ou jours, comme « P5Y » (cinq ans)");
    }
    List<String> profiles = new ArrayList<>();
    JsonNode profileList = node.get("profiles");
    if (profileList == null || !profileList.isArray() || profileList.isEmpty()) {
      problems.add(name + " : « profiles » doit lister les profils logiciels qui peuvent la demander, parmi "
          + EvidenceCatalogue.PROFILES);
    } else {
      profileList.forEach(p -> {
        if (!EvidenceCatalogue.PROFILES.contains(p.asText())) {
          problems.add(name + " : le profil « " + p.asText() + " » n’est pas l’un de " + EvidenceCatalogue.PROFILES);
        }
        profiles.add(p.asText());
      });
    }
    List<Requirement> requirements = new ArrayList<>();
    JsonNode requirementList = node.get("requirements");
    if (requirementList == null || !requirementList.isArray() || requirementList.isEmpty()) {
      problems.add(name + " : « requirements » doit lister au moins une exigence minimale");
    } else {
      for (JsonNode r : requirementList) {
        requirements.add(requirement(r, name, profiles, requirementIds, proofNumbers, problems));
      }
    }
    return new Line(id, label, labelEn, etapes != null && etapes.asBoolean(), validity, profiles, requirements);
  }

  private static Requirement requirement(JsonNode node, String line, List<String> profiles,
      Set<String> requirementIds, Set<String> proofNumbers, List<String> problems) {
    String id = text(node, "id");
    String name = line + ", exigence" + (id == null ? "" : " « " + id + " »");
    if (id == null || !REQUIREMENT_ID.matcher(id).matches()) {
      problems.add(name + " : « id » doit être des lettres, une espace et un nombre, comme « DIA 1 »");
    } else if (!requirementIds.add(id)) {
      problems.add(name + " : ce numéro est déjà celui d’une autre exigence (d’une ligne ou du référentiel)");
    }
    String title = text(node, "title");
    if (title == null) {
      problems.add(name + " : « title » manque");
    }
    List<Proof> proofs = EvidenceCatalogueReader.proofs(node.get("proofs"), id, name, "DIA 1.1.1", proofNumbers,
        problems);
    return new Requirement(id, GenericLines.SECTION, title, profiles, false, proofs);
  }


  private static String text(JsonNode node, String field) {
    return EvidenceCatalogueReader.text(node, field);
  }
}
