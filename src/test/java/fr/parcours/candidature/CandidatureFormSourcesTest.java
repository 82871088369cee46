package fr.parcours.candidature;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.FormFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The candidature dossier has one source, {@code forms/candidature-dossier/} ({@link FormSources}): every form
 * that shows it is exactly what the source produces. A label fixed in {@code dossier.json} is fixed in every
 * form once they are regenerated; a produced file edited by hand, or not regenerated, fails here.
 * Regenerate with {@code mvn test -Dtest=CandidatureFormSourcesTest -Dforms.write=true}.
 */
class CandidatureFormSourcesTest {

  @Test
  void shouldFindEveryProducedFormAsItsSourceProducesIt() throws Exception {
    if (Boolean.getBoolean("forms.write")) {
      FormSources.write();
    }
    Map<Path, String> produced = FormSources.produce();
    assertThat(produced.keySet()).containsExactlyInAnyOrder(
        Path.of("forms", "tracks", "ans-certification", "administrative-dossier.form"),
        Path.of("forms", "tracks", "ans-certification", "candidature.form"),
        Path.of("forms", "pathways", "pecan", "pecan-application.form"),
        Path.of("forms", "pathways", "brand-name", "brand-name-application.form"),
        Path.of("forms", "pathways", "generic-line", "generic-line-application.form"),
        Path.of("forms", "pathways", "ans-transitional", "ans-transitional-application.form"));
    for (Map.Entry<Path, String> form : produced.entrySet()) {
      assertThat(Files.readString(form.getKey(), StandardCharsets.UTF_8))
          .as("%s is produced from forms/candidature-dossier/: edit the source there, not this file, then run"
              + " mvn test -Dtest=CandidatureFormSourcesTest -Dforms.write=true", form.getKey())
          .isEqualTo(form.getValue());
    }
  }

  @Test
  void shouldWriteEachDossierFieldOnceInTheSource() throws Exception {
    String source = Files.readString(FormSources.SOURCES.resolve("dossier.json"), StandardCharsets.UTF_8);
    for (String field : new String[] {"\"Field_CompanyName\"", "\"Field_Siren\"", "\"Field_SoftwareProfiles\""}) {
      assertThat(source.split(field, -1)).as("%s in dossier.json", field).hasSize(2);
    }
    for (Path frame : Files.list(FormSources.SOURCES).filter(p -> p.toString().endsWith(".frame.json")).toList()) {
      assertThat(Files.readString(frame)).as("%s takes the dossier's fields from dossier.json", frame)
          .doesNotContain("\"Field_CompanyName\"").doesNotContain("\"Field_Siren\"");
    }
  }

  @Test
  void shouldCarryALabelFixedInTheSourceIntoEveryForm() {
    for (String form : FormSources.produce().values()) {
      assertThat(form).contains("\"label\": \"Raison sociale\"");
    }
  }

  @Test
  void shouldShowTheCeMarkingOnlyWhereTheApplicationStartsAndPecansOwnHdsLabel() {
    Map<Path, String> produced = FormSources.produce();
    assertThat(produced.get(FormFiles.of("candidature"))).contains("Field_CeMarked")
        .contains("Déclaration d’hébergement des données de santé ou certificat HDS");
    assertThat(produced.get(FormFiles.of("pecan-application"))).contains("Field_CeMarked")
        .contains("Certificat HDS (hébergement des données de santé)").contains("Field_HasSesameAccount");
    assertThat(produced.get(FormFiles.of("administrative-dossier"))).doesNotContain("Field_CeMarked")
        .contains("Field_DepositAction");
  }

  @Test
  void shouldStringifyAsModelerDoes() {
    com.fasterxml.jackson.databind.node.ObjectNode node = new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode().put("text", "é \"q\"\n").put("n", 16);
    node.putArray("empty");
    node.putObject("none");
    assertThat(fr.parcours.support.ModelerJson.stringify(node, "")).isEqualTo(
        "{\n  \"text\": \"é \\\"q\\\"\\n\",\n  \"n\": 16,\n  \"empty\": [],\n  \"none\": {}\n}");
  }
}
