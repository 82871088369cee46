package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTableReader;
import fr.parcours.support.FormFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the ministers' evaluation form says from when their time runs as the calling pathway's row of the
 * deadlines table counts it (MINISTERS_DECISION: the last of the two favourable opinions for PECAN, the ministry's
 * acknowledgement for a brand name, the Démarches Simplifiées filing's receipt for a generic line). Each pathway's
 * sentence is written once, shown only to its dossiers (hidden unless {@code pathway} names it): a pathway with a
 * MINISTERS_DECISION row and no sentence, or a sentence for no row, fails here.
 */
class EvaluateApplicationWordingTest {

  @Test
  void shouldShowEveryPathwayOfTheMinistersRowsItsOwnWindowSentenceAndNoOther() throws Exception {
    Set<String> rows = DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn/deadlines.dmn")), "test").rules()
        .stream().filter(rule -> rule.id().equals("MINISTERS_DECISION")).map(DeadlineRule::pathway)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(rows).contains("PECAN", "BRAND_NAME", "GENERIC_LINE");

    JsonNode form = new ObjectMapper().readTree(FormFiles.of("evaluate-application").toFile());
    List<String> shownOnlyTo = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (JsonNode component : form.get("components")) {
      String hide = component.path("conditional").path("hide").asText("");
      if (component.get("id").asText().startsWith("Text_DecisionWindow")) {
        assertThat(hide).as(component.get("id").asText()).matches("=pathway != \"[A-Z_]+\"");
        shownOnlyTo.add(hide.replaceAll(".*\"([A-Z_]+)\"", "$1"));
        sentences.add(component.get("text").asText());
      }
    }
    assertThat(shownOnlyTo).as("one sentence per pathway of the ministers rows")
        .containsExactlyInAnyOrderElementsOf(rows);
    assertThat(sentences).doesNotHaveDuplicates();
    assertThat(sentences.get(shownOnlyTo.indexOf("GENERIC_LINE"))).contains("Démarches Simplifiées")
        .doesNotContain("CNEDiMTS");
    assertThat(sentences.get(shownOnlyTo.indexOf("PECAN"))).contains("deux avis favorables");
  }
}
