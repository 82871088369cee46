package fr.parcours.transitional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The continuation form offers the generic lines exactly as the generic line's own start form does; the forms a vendor
 * reads in the transitional phase send to the pages of Parcours, never to a file of its repository.
 */
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

  /** Every text a person reads in a form: texts, labels, descriptions, option labels. */
  static List<String> texts(String formId) throws IOException {
    List<String> found = new ArrayList<>();
    new ObjectMapper().readTree(FormFiles.of(formId).toFile()).findParents("type").forEach(component -> {
      for (String field : List.of("text", "label", "description")) {
        if (component.hasNonNull(field)) {
          found.add(component.get(field).asText());
        }
      }
    });
    return found;
  }

  @Test
  void shouldSendTheVendorToThePagesOfParcoursNeverToARepositoryFile() throws IOException {
    for (String form : List.of("ans-transitional-application", "attach-signed-regulation", "continue-into-nominal",
        "deposit-transitional-evidence")) {
      assertThat(texts(form)).as(form).noneMatch(text -> text.contains("catalogue/") || text.contains(".json"));
    }
    // the window's description names the page where a vendor reads the windows and their phase
    assertThat(texts("ans-transitional-application")).anyMatch(text -> text.contains("« Guichets de l’ANS »"));
    // and the feedbacks, in the plural, agree with it
    assertThat(String.join("\n", texts("continue-into-nominal"))).contains("ces retours sont **purement informatifs**")
        .doesNotContain("purement informatif**");
  }
}
