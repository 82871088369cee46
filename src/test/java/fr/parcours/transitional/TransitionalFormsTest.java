package fr.parcours.transitional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The continuation form offers the generic lines exactly as the generic line's own start form does. */
class TransitionalFormsTest {

  static List<String> values(String formId, String key) throws IOException {
    List<String> found = new ArrayList<>();
    collect(new ObjectMapper().readTree(FormFiles.of(formId).toFile()).get("components"), key, found);
    return found;
  }

  private static void collect(JsonNode components, String key, List<String> found) {
    for (JsonNode component : components) {
      if (key.equals(component.path("key").asText())) {
        component.get("values").forEach(v -> found.add(v.get("value").asText() + "=" + v.get("label").asText()));
      }
      if (component.has("components")) {
        collect(component.get("components"), key, found);
      }
    }
  }

  @Test
  void shouldOfferTheGenericLinesOfTheGenericLineStartForm() throws IOException {
    List<String> lines = values("continue-into-nominal", "genericLines");
    assertThat(lines).hasSize(4).containsExactlyElementsOf(values("generic-line-application", "genericLines"));
    assertThat(values("continue-into-nominal", "nominalPathway")).extracting(v -> v.substring(0, v.indexOf('=')))
        .containsExactlyInAnyOrderElementsOf(TransitionalProcess.NOMINAL_PATHWAYS.keySet());
  }
}
