package fr.parcours.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.evidence.EvidenceCatalogue.Proof;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.evidence.EvidenceCatalogue.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the evidence catalogue and refuses it whole, naming every mistake in French, when a process owner made one:
 * the application does not start on a catalogue it would misapply. The catalogue lists the referential's versions,
 * oldest first: the first with all its requirements ({@code requirements}), each later one with what it changes
 * since the one before ({@code adds}, {@code replaces}, {@code withdraws}).
 */
public final class EvidenceCatalogueReader {

  /** A requirement id: letters, a space, a number ({@code INS 2}). */
  static final Pattern REQUIREMENT_ID = Pattern.compile("[A-Z]+ [0-9]+");
  /** A proof number: its requirement id, then dot-separated numbers ({@code INS 2.1.1}). */
  static final Pattern PROOF_NUMBER = Pattern.compile("[A-Z]+ [0-9]+(\\.[0-9]+)+");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CHANGES = List.of("adds", "replaces", "withdraws");

  private EvidenceCatalogueReader() {
  }

  public static EvidenceCatalogue read(InputStream json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Le catalogue des preuves " + source + " n’est pas un JSON lisible : "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<String> problems = new ArrayList<>();
    List<Version> versions = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("versions");
    if (root != null && root.has("requirements")) {
      problems.add("« requirements » est écrit au premier niveau : le catalogue est rangé par versions du"
          + " référentiel ; mettez ces exigences dans la première version, {\"versions\": [{\"version\": \"…\","
          + " \"requirements\": […]}]}");
    } else if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("« versions » doit lister les versions du référentiel, de la plus ancienne à la plus récente ;"
          + " la première avec toutes ses exigences (« requirements »)");
    } else {
      Map<String, Integer> names = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Version version = version(list.get(i), i, versions.isEmpty() ? null : versions.get(versions.size() - 1),
            names, problems);
        if (version != null) {
          versions.add(version);
        }
      }
    }
    if (!problems.isEmpty() || versions.isEmpty()) {
      throw new IllegalStateException("Le catalogue des preuves " + source + " a " + problems.size()
          + " problème(s) ; corrigez-les puis redémarrez :\n- " + String.join("\n- ", problems));
    }
    String notice = text(root, "notice");
    return new EvidenceCatalogue(notice == null ? "" : notice, versions);
  }

  /**
   * One version: the first in full, a later one as the previous one changed. Null when it cannot be built (its
   * problems are listed); a later version's changes are then checked against the last version that could.
   */
  private static Version version(JsonNode node, int index, Version previous, Map<String, Integer> names,
      List<String> problems) {
    String name = text(node, "version");
    String where = "version n° " + (index + 1) + (name == null ? "" : " « " + name + " »");
    if (name == null) {
      problems.add(where + " : « version » manque ; écrivez le nom de la version tel que l’ANS le publie (par"
          + " exemple « 2025 »)");
    } else if (names.putIfAbsent(name.toLowerCase(Locale.ROOT), index + 1) != null) {
      problems.add(where + " : ce nom est déjà celui de la version n° " + names.get(name.toLowerCase(Locale.ROOT))
          + " ; chaque version a le sien");
    }
    String notice = text(node, "notice");
    int before = problems.size();
    List<Requirement> requirements;
    if (previous == null && index == 0) {
      for (String change : CHANGES) {
        if (node.has(change)) {
          problems.add(where + " : « " + change + " » ne s’écrit que dans une version suivante, pour dire ce qu’elle"
              + " change ; la première version liste toutes ses exigences dans « requirements »");
        }
      }
      requirements = requirements(node.get("requirements"), where, problems);
    } else if (previous == null) {
      return null; // the first version could not be read: nothing to change
    } else {
      requirements = changed(node, where, previous, problems);
    }
    return problems.size() == before && name != null ? new Version(name, notice == null ? "" : notice, requirements)
        : null;
  }

  private static List<Requirement> requirements(JsonNode list, String where, List<String> problems) {
    List<Requirement> requirements = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add(where + " : « requirements » doit lister toutes les exigences de la première version");
      return requirements;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      requirements.add(requirement(list.get(i), where + ", exigence n° " + (i + 1), ids, problems));
    }
    return requirements;
  }

  /** A later version: the previous one's requirements, some added, some replaced, some withdrawn. */
  private static List<Requirement> changed(JsonNode node, String where, Version previous, List<String> problems) {
    String since = " que la version « " + previous.name() + " »";
    if (node.has("requirements")) {
      problems.add(where + " : « requirements » ne s’écrit que dans la première version ; écrivez ce qui change"
          + " depuis la version « " + previous.name() + " » dans « adds », « replaces » et « withdraws »");
    }
    Map<String, Requirement> result = new LinkedHashMap<>();
    previous.requirements().forEach(r -> result.put(r.id(), r));
    Set<String> named = new HashSet<>();
    int changes = 0;
    for (String change : List.of("adds", "replaces")) {
      JsonNode list = node.get(change);
      if (list == null) {
        continue;
      }
      if (!list.isArray()) {
        problems.add(where + " : « " + change + " » doit être une liste d’exigences");
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        Requirement requirement = requirement(list.get(i), where + ", « " + change + " » n° " + (i + 1), new HashSet<>(),
            problems);
        changes++;
        if (requirement.id() == null) {
          continue;
        }
        String id = requirement.id();
        if (!named.add(id)) {
          problems.add(where + " : l’exigence « " + id + " » est nommée deux fois dans ses changements ; une"
              + " version l’ajoute, la remplace ou la retire, une fois");
        } else if (change.equals("adds") && result.containsKey(id)) {
          problems.add(where + " : ajoute « " + id + " »," + since + " a déjà ; pour la changer, mettez-la dans"
              + " « replaces »");
        } else if (change.equals("replaces") && !result.containsKey(id)) {
          problems.add(where + " : remplace « " + id + " »," + since + " n’a pas ; pour l’ajouter, mettez-la dans"
              + " « adds »");
        } else if (change.equals("replaces") && result.get(id).equals(requirement)) {
          problems.add(where + " : remplace « " + id + " » par la même exigence ; retirez-la de « replaces » ou"
              + " écrivez ce qui change");
        } else {
          result.put(id, requirement);
        }
      }
    }
    JsonNode withdraws = node.get("withdraws");
    if (withdraws != null) {
      if (!withdraws.isArray()) {
        problems.add(where + " : « withdraws » doit lister des numéros d’exigence, comme [\"POR 2\"]");
      } else {
        for (JsonNode w : withdraws) {
          String id = w.isTextual() ? w.asText().strip() : null;
          changes++;
          if (id == null || !REQUIREMENT_ID.matcher(id).matches()) {
            problems.add(where + " : « withdraws » liste « " + w + " », qui n’est pas un numéro d’exigence comme"
                + " « POR 2 »");
          } else if (!named.add(id)) {
            problems.add(where + " : l’exigence « " + id + " » est nommée deux fois dans ses changements ; une"
                + " version l’ajoute, la remplace ou la retire, une fois");
          } else if (result.remove(id) == null) {
            problems.add(where + " : retire « " + id + " »," + since + " n’a pas : une exigence ne peut être"
                + " retirée qu’après avoir existé, une seule fois");
          }
        }
      }
    }
    if (changes == 0) {
      problems.add(where + " : ne change aucune exigence de la version « " + previous.name() + " » ; écrivez ce"
          + " qu’elle ajoute (« adds »), remplace (« replaces ») ou retire (« withdraws »)");
    } else if (result.isEmpty()) {
      problems.add(where + " : retire toutes les exigences ; une version en garde au moins une");
    }
    return new ArrayList<>(result.values());
  }

  private static Requirement requirement(JsonNode node, String where, Set<String> ids, List<String> problems) {
    String id = text(node, "id");
    String name = id == null ? where : where + " « " + id + " »";
    if (id == null || !REQUIREMENT_ID.matcher(id).matches()) {
      problems.add(name + " : « id » doit être des lettres, une espace et un nombre, comme « INS 2 »");
      id = null;
    } else if (!ids.add(id)) {
      problems.add(name + " : ce numéro est déjà celui d’une autre exigence de la version");
    }
    String section = text(node, "section");
    if (!EvidenceCatalogue.SECTIONS.contains(section)) {
      problems.add(name + " : « section » vaut « " + section + " », qui n’est pas l’une de " + EvidenceCatalogue.SECTIONS);
    }
    String title = text(node, "title");
    if (title == null) {
      problems.add(name + " : « title » manque");
    }
    List<String> profiles = new ArrayList<>();
    JsonNode profileList = node.get("profiles");
    if (profileList == null || !profileList.isArray() || profileList.isEmpty()) {
      problems.add(name + " : « profiles » doit lister les profils auxquels elle s’applique, parmi "
          + EvidenceCatalogue.PROFILES);
    } else {
      profileList.forEach(p -> {
        if (!EvidenceCatalogue.PROFILES.contains(p.asText())) {
          problems.add(name + " : le profil « " + p.asText() + " » n’est pas l’un de " + EvidenceCatalogue.PROFILES);
        }
        profiles.add(p.asText());
      });
    }
    List<Proof> proofs = proofs(node.get("proofs"), id, name, "INS 2.1.1", new HashSet<>(), problems);
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
      problems.add(name + " : « proofs » doit lister au moins une preuve");
      return proofs;
    }
    for (JsonNode p : proofList) {
      String number = text(p, "number");
      if (number == null || !PROOF_NUMBER.matcher(number).matches()) {
        problems.add(name + " : la preuve « " + number + " » n’est pas un numéro de preuve comme « " + example + " »");
      } else if (requirementId != null && !number.startsWith(requirementId + ".")) {
        problems.add(name + " : la preuve « " + number + " » ne commence pas par le numéro de son exigence, « "
            + requirementId + ". »");
      } else if (!proofNumbers.add(number)) {
        problems.add(name + " : la preuve « " + number + " » figure deux fois dans le catalogue");
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
