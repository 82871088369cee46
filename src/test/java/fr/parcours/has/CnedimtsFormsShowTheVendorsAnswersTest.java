package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Walk 14: the commission decided without reading what the vendor had written. The second « Examiner la demande »
 * did not show the vendor's answer to the complements (only the previous round's choice, pre-filled), and « Adopter
 * l’avis définitif » did not show the written observations on the draft opinion nor whether a hearing was asked.
 * Each form now shows, in a text, the variable that the vendor's own form writes.
 */
class CnedimtsFormsShowTheVendorsAnswersTest {

  @Test
  void shouldShowTheComplementsAnswerToTheSecondExamination() throws Exception {
    String written = key("provide-cnedimts-complements", "Field_CnedimtsComplementsAnswer");
    assertThat(texts("examine-application")).anySatisfy(text -> assertThat(text).contains("{{" + written + "}}")
        .contains("Réponse de l’industriel"));
  }

  @Test
  void shouldShowTheObservationsAndTheHearingRequestToTheFinalOpinion() throws Exception {
    String observations = key("answer-draft-opinion", "Field_DraftOpinionObservations");
    String hearing = key("answer-draft-opinion", "Field_HearingRequested");
    assertThat(texts("adopt-final-opinion")).anySatisfy(text -> assertThat(text)
        .contains("{{" + observations + "}}", hearing + " = true", "observations écrites"));
  }

  /**
   * Walk 15: « Répondre au projet d’avis » gave the summary only, never whether the draft is favourable or not; it
   * shows, read only, the outcome the draft's form wrote.
   */
  @Test
  void shouldTellTheVendorWhetherTheDraftOpinionIsFavourable() throws Exception {
    String decision = key("examine-application", "Field_CnedimtsDecision");
    assertThat(texts("answer-draft-opinion")).anySatisfy(text -> assertThat(text)
        .contains("{{#if " + decision + " = \"FAVOURABLE\"}}Le projet d’avis est **favorable**.")
        .contains("{{#if " + decision + " = \"UNFAVOURABLE\"}}Le projet d’avis est **défavorable**."));
    assertThat(form("answer-draft-opinion").get("components")).as("read only: no field of the vendor's writes it")
        .noneMatch(component -> decision.equals(component.path("key").asText()));
  }

  private static JsonNode form(String id) throws Exception {
    return new ObjectMapper().readTree(FormFiles.of(id).toFile());
  }

  private static String key(String formId, String fieldId) throws Exception {
    for (JsonNode component : form(formId).get("components")) {
      if (fieldId.equals(component.path("id").asText())) {
        return component.get("key").asText();
      }
    }
    throw new AssertionError(fieldId + " is not on " + formId);
  }

  private static List<String> texts(String formId) throws Exception {
    List<String> texts = new ArrayList<>();
    for (JsonNode component : form(formId).get("components")) {
      if ("text".equals(component.path("type").asText())) {
        texts.add(component.get("text").asText());
      }
    }
    return texts;
  }
}
