package fr.parcours.support;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** JSON written as the process owners' tools write it, so that a produced file and its edit in them match. */
public final class ModelerJson {

  private ModelerJson() {
  }

  /** As Camunda Modeler and JSON.stringify(form, null, 2) write it. */
  public static String stringify(JsonNode node, String indent) {
    String inner = indent + "  ";
    if (node.isObject()) {
      if (node.isEmpty()) {
        return "{}";
      }
      List<String> fields = new ArrayList<>();
      node.fields().forEachRemaining(f -> fields.add(inner + quote(f.getKey()) + ": " + stringify(f.getValue(), inner)));
      return "{\n" + String.join(",\n", fields) + "\n" + indent + "}";
    }
    if (node.isArray()) {
      if (node.isEmpty()) {
        return "[]";
      }
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(inner + stringify(item, inner)));
      return "[\n" + String.join(",\n", items) + "\n" + indent + "]";
    }
    if (node.isTextual()) {
      return quote(node.asText());
    }
    return node.toString();
  }

  private static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
