package fr.parcours.candidature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dossier forms (ANS candidature, administrative dossier, PECAN application) carry exactly the fields the
 * validator reads, and every form is well formed.
 */
class CandidatureFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String formId) throws IOException {
    return JSON.readTree(Files.readString(FormFiles.of(formId)));
  }

  /** Keys of fields and paths of dynamic lists, in order. */
  private static Set<String> keys(JsonNode form) {
    Set<String> keys = new LinkedHashSet<>();
    collect(form.get("components"), keys, new ArrayList<>());
    return keys;
  }

  private static void collect(JsonNode components, Set<String> keys, List<String> ids) {
    for (JsonNode c : components) {
      ids.add(c.get("id").asText());
      if (c.has("key")) {
        keys.add(c.get("key").asText());
      }
      if (c.has("path") && !c.get("path").asText().isEmpty()) {
        keys.add(c.get("path").asText());
      }
      if (c.has("components")) {
        collect(c.get("components"), keys, ids);
      }
    }
  }

  static Stream<String> formIds() throws IOException {
    return FormFiles.all().stream().map(p -> p.getFileName().toString())
        .map(n -> n.substring(0, n.length() - ".form".length())).sorted();
  }

  @ParameterizedTest
  @MethodSource("formIds")
  void shouldDeclareCamunda724FormWithMeaningfulIds(String formId) throws IOException {
    JsonNode form = read(formId);
    assertThat(form.get("id").asText()).isEqualTo(formId);
    assertThat(form.get("schemaVersion").asInt()).isEqualTo(16);
    assertThat(form.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
    List<String> ids = new ArrayList<>();
    collect(form.get("components"), new LinkedHashSet<>(), ids);
    assertThat(ids).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("(Field|Text|Group|List)_[A-Z][A-Za-z]+"), "meaningful ids");
  }

  @Test
  void shouldAskInCandidatureFormForEveryFieldTheValidatorReads() throws IOException {
    assertThat(keys(read("candidature"))).containsExactlyInAnyOrderElementsOf(CandidatureFields.dossierKeys());
  }

  @Test
  void shouldKeepAdministrativeDossierConsistentWithCandidature() throws IOException {
    Set<String> expected = new LinkedHashSet<>(keys(read("candidature")));
    expected.remove(CandidatureFields.CE_MARKED);
    expected.add("depositAction");
    assertThat(keys(read("administrative-dossier"))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldAskInPecanApplicationFormForTheCandidatureAndTheSesameFields() throws IOException {
    Set<String> expected = new LinkedHashSet<>(keys(read("candidature")));
    expected.addAll(List.of("hasSesameAccount", "hasMeeting", "telemonitoring"));
    assertThat(keys(read("pecan-application"))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldAskInBrandNameApplicationFormForTheCandidatureTheCertificateAndTheSesameFields() throws IOException {
    Set<String> expected = new LinkedHashSet<>(keys(read("candidature")));
    expected.addAll(List.of("validCertificate", "certificateNumber", "hasSesameAccount", "hasMeeting", "telemonitoring",
        "anticipatedCoverage"));
    assertThat(keys(read("brand-name-application"))).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The fields of a form that it requires (form-js' {@code validate.required}), by key. */
  private static Set<String> required(JsonNode form) {
    Set<String> required = new LinkedHashSet<>();
    for (JsonNode field : form.findParents("validate")) {
      if (field.path("validate").path("required").asBoolean(false) && field.has("key")) {
        required.add(field.get("key").asText());
      }
    }
    return required;
  }

  /**
   * The administrative deposit has a draft mode (seed 004: « une saisie et envoi progressif (en plusieurs fois) en
   * utilisant le mode brouillon »), and its form said « un brouillon peut être incomplet » while a draft sent with a
   * required field empty is refused (Tasklist's form-js, and the engine API since {@code FormFieldsOnly} judges
   * {@code required}). What a draft may leave is what only the submission checks, the documents
   * ({@link CandidatureValidator#problemsAtSubmission}): none of them is required on the form, every field the form
   * requires was already required by the candidature (a draft asks nothing the dossier does not hold), and the form
   * says so where the person chooses between a draft and the submission.
   */
  @Test
  void aDraftShouldLeaveOnlyTheDocumentsAndTheFormShouldSaySo() throws IOException {
    JsonNode deposit = read("administrative-dossier");
    Set<String> requiredHere = required(deposit);
    requiredHere.remove("depositAction");
    Set<String> requiredAtCandidature = required(read("candidature"));

    assertThat(requiredHere).as("fields the deposit requires").isNotEmpty();
    assertThat(requiredAtCandidature).as("what the candidature required already").containsAll(requiredHere);
    assertThat(required(deposit)).as("the documents a draft may leave unticked").doesNotContain(
        CandidatureFields.DOC_FUNCTIONAL, CandidatureFields.DOC_PERSONAL_DATA,
        CandidatureFields.DOC_HEALTH_DATA_HOSTING, CandidatureFields.DOC_CE_DECLARATION,
        CandidatureFields.DOC_NOTIFIED_BODY, CandidatureFields.DOC_MANDATES);
    String said = deposit.findParents("key").stream().filter(f -> "depositAction".equals(f.get("key").asText()))
        .findFirst().orElseThrow().path("description").asText();
    assertThat(said).contains("Un brouillon peut laisser des documents à fournir")
        .contains("les champs marqués d’un astérisque restent obligatoires").doesNotContain("peut être incomplet");
  }

  /**
   * The rows of a dynamic list are not fields of their form's top level, so {@code FormFieldsOnly} does not judge their
   * {@code required} fields: the candidature validator does, row by row (« Membre 2 du groupement : SIREN »), for every
   * form of the candidature dossier (the pathways' start forms at the intake, the administrative dossier at each
   * deposit, draft or not). So every form with a dynamic list is one of those (generated from
   * {@code forms/candidature-dossier/}), and the fields its rows require are those the validator requires of a row: a
   * form of another kind with a list, or a row field required on one side only, fails here.
   */
  @Test
  void everyDynamicListShouldBeTheCandidatureDossiersWhoseRowsTheValidatorJudges() throws IOException {
    Map<String, Set<String>> requiredByValidator = new java.util.HashMap<>();
    Map<String, Object> variables = CandidatureFixtures.validGroupLeadVariables();
    variables.put(CandidatureFields.GROUP_MEMBERS, List.of(Map.of()));
    variables.put(CandidatureFields.ADDITIONAL_COMPONENTS, List.of(Map.of()));
    for (FieldProblem problem : new CandidatureValidator().problemsAtStart(Candidature.from(variables))) {
      java.util.regex.Matcher row = java.util.regex.Pattern.compile("(\\w+)\\[1]\\.(\\w+)").matcher(problem.field());
      if (row.matches()) {
        requiredByValidator.computeIfAbsent(row.group(1), list -> new java.util.TreeSet<>()).add(row.group(2));
      }
    }
    assertThat(requiredByValidator).as("what the validator requires of an empty row").containsOnlyKeys(
        CandidatureFields.GROUP_MEMBERS, CandidatureFields.ADDITIONAL_COMPONENTS);

    List<String> problems = new ArrayList<>();
    int lists = 0;
    for (String formId : formIds().toList()) {
      for (JsonNode list : read(formId).findParents("type")) {
        if (!"dynamiclist".equals(list.get("type").asText())) {
          continue;
        }
        lists++;
        String path = list.path("path").asText();
        if (!Files.exists(FormSources.SOURCES.resolve(formId + ".frame.json"))) {
          problems.add(formId + " has the dynamic list " + path + " but is no form of the candidature dossier: judge"
              + " its rows' required fields on the server (FormFieldsOnly), naming the row and the field's label");
          continue;
        }
        Set<String> requiredHere = new java.util.TreeSet<>();
        for (JsonNode child : list.path("components")) {
          if (child.path("validate").path("required").asBoolean(false)) {
            requiredHere.add(child.path("key").asText());
          }
        }
        if (!requiredHere.equals(requiredByValidator.getOrDefault(path, Set.of()))) {
          problems.add(formId + ": the rows of " + path + " require " + requiredHere + " on the form, "
              + requiredByValidator.getOrDefault(path, Set.of()) + " in CandidatureValidator");
        }
      }
    }
    assertThat(lists).as("dynamic lists in the forms").isGreaterThanOrEqualTo(12);
    assertThat(problems).isEmpty();
  }
}
