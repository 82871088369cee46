package fr.parcours.candidature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.parcours.support.FormFiles;
import fr.parcours.support.ModelerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Produces the forms that show the candidature dossier from its one source, {@code forms/candidature-dossier/}:
 * {@code dossier.json} holds the dossier's groups and fields, written once; each {@code <form id>.frame.json}
 * is a Camunda Form whose components include the dossier where a component of type
 * {@code x-candidature-dossier} stands, with optionally the {@code groups} it takes (all by default), the
 * fields it {@code omit}s and the properties it {@code overrides} by component id. The produced
 * {@code forms/<tracks|pathways>/<diagram>/<form id>.form} files (beside the diagram that shows each, see
 * {@link FormFiles}) are committed, so that Modeler and Tasklist read them as they are;
 * {@code CandidatureFormSourcesTest} fails when one is out of date or was edited by hand.
 */
final class FormSources {

  static final Path SOURCES = Path.of("forms", "candidature-dossier");
  static final String INCLUDE = "x-candidature-dossier";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FormSources() {
  }

  /** The produced forms: their path and their text. */
  static Map<Path, String> produce() {
    JsonNode dossier = read(SOURCES.resolve("dossier.json")).get("components");
    Map<Path, String> produced = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path frameFile : files.filter(f -> f.getFileName().toString().endsWith(".frame.json")).sorted().toList()) {
        ObjectNode frame = (ObjectNode) read(frameFile);
        ArrayNode components = JSON.createArrayNode();
        for (JsonNode component : frame.get("components")) {
          if (INCLUDE.equals(component.path("type").asText())) {
            components.addAll(include(dossier, component, frameFile));
          } else {
            components.add(component);
          }
        }
        frame.set("components", components);
        String id = frame.get("id").asText();
        String expectedName = id + ".frame.json";
        if (!frameFile.getFileName().toString().equals(expectedName)) {
          throw new IllegalStateException(frameFile + " produces the form '" + id + "': name it " + expectedName);
        }
        produced.put(FormFiles.home(id), ModelerJson.stringify(frame, "") + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return produced;
  }

  /** Writes the produced forms over their files in {@code forms/}. */
  static void write() throws IOException {
    for (Map.Entry<Path, String> form : produce().entrySet()) {
      Files.writeString(form.getKey(), form.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static List<JsonNode> include(JsonNode dossier, JsonNode include, Path frameFile) {
    Set<String> wanted = new HashSet<>();
    include.path("groups").forEach(g -> wanted.add(g.asText()));
    boolean all = wanted.isEmpty();
    List<JsonNode> taken = new ArrayList<>();
    for (JsonNode group : dossier) {
      if (all || wanted.remove(group.get("id").asText())) {
        taken.add(group.deepCopy());
      }
    }
    if (!wanted.isEmpty()) {
      throw new IllegalStateException(frameFile + " includes groups " + wanted + ", which dossier.json has not");
    }
    for (JsonNode omitted : include.path("omit")) {
      if (!remove(taken, omitted.asText())) {
        throw new IllegalStateException(frameFile + " omits '" + omitted.asText() + "', which it does not include");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = include.path("overrides").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> override = it.next();
      ObjectNode target = find(taken, override.getKey());
      if (target == null) {
        throw new IllegalStateException(frameFile + " overrides '" + override.getKey() + "', which it does not include");
      }
      override.getValue().fields().forEachRemaining(field -> target.set(field.getKey(), field.getValue()));
    }
    return taken;
  }

  private static boolean remove(Iterable<JsonNode> components, String id) {
    for (Iterator<JsonNode> it = components.iterator(); it.hasNext(); ) {
      JsonNode component = it.next();
      if (id.equals(component.path("id").asText())) {
        it.remove();
        return true;
      }
      if (component.has("components") && remove(component.get("components"), id)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode find(Iterable<JsonNode> components, String id) {
    for (JsonNode component : components) {
      if (id.equals(component.path("id").asText())) {
        return (ObjectNode) component;
      }
      if (component.has("components")) {
        ObjectNode inside = find(component.get("components"), id);
        if (inside != null) {
          return inside;
        }
      }
    }
    return null;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
