package fr.parcours.pecan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;

/**
 * PECAN hands the ANS track exactly what it needs, by name: every field of the candidature dossier (its one
 * source, {@code forms/candidature-dossier/dossier.json}), who applies and the dossier number; never all its
 * variables. A field added to the dossier and not passed fails here.
 */
class AnsTrackMappingsTest {

  @Test
  void shouldPassEveryCandidatureFieldToTheAnsTrackByName() throws Exception {
    BpmnModelInstance pecan = Bpmn.readModelFromFile(new File("bpmn/pathways/pecan.bpmn"));
    CallActivity ans = pecan.getModelElementById("CallActivity_AnsCertification");
    List<CamundaIn> ins = ans.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();

    assertThat(ins).noneMatch(in -> "all".equals(in.getCamundaVariables()));
    List<String> passed = ins.stream().filter(in -> in.getCamundaSource() != null)
        .map(CamundaIn::getCamundaSource).toList();
    assertThat(passed).contains("applicant", "dossierId").containsAll(candidatureKeys());
    assertThat(ins).anyMatch(in -> "waitsForGoAhead".equals(in.getCamundaTarget()));
  }

  static List<String> candidatureKeys() throws Exception {
    JsonNode source = new ObjectMapper().readTree(Files.readString(Path.of("forms", "candidature-dossier",
        "dossier.json")));
    List<String> keys = new ArrayList<>();
    collect(source.get("components"), keys);
    assertThat(keys).hasSizeGreaterThan(30);
    return keys;
  }

  private static void collect(JsonNode components, List<String> keys) {
    for (JsonNode c : components) {
      if ("dynamiclist".equals(c.path("type").asText())) {
        keys.add(c.get("path").asText());
      } else {
        if (c.has("key")) {
          keys.add(c.get("key").asText());
        }
        if (c.has("components")) {
          collect(c.get("components"), keys);
        }
      }
    }
  }
}
