package fr.parcours.candidature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A label the person reads is written twice: in the form, and in the server's refusal that names the field
 * ("Cochez « La demande est déposée sur Sésame »", "Le champ « Raison sociale » ..."). This test keeps the copies
 * in step, as Spring PetClinic's I18nPropertiesSyncTest keeps its message files: fix a label in the form, and the
 * build says which Java line still writes the old one.
 *
 * <p>Labels are compared without a trailing parenthesis ("NIE (facultatif)" is the field "NIE") and without case
 * (a list's child is named in lower case inside a sentence: "Membre 2 du groupement : siège social"); a form's
 * {@code {{variable}}} matches any words ("au nom de {{companyName}}", "au nom de l’entreprise").
 */
class LabelsInStepTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DOSSIER = Path.of("forms/candidature-dossier/dossier.json");
  private static final Path MAIN = Path.of("src/main/java/fr/parcours");
  /** A case of a task checks listener: {@code case "Task_SignConvention" -> ...}. */
  private static final Pattern CASE = Pattern.compile("case \"(Task_\\w+)\" ->");
  /** A labelled check: {@code ticked(task, "key", "label", ...)}, {@code text(task, ...)}, {@code required(task, ...)}. */
  private static final Pattern CHECK = Pattern.compile("\\b(?:ticked|text|required)\\(task,((?:\\s*\"[^\"]*\"\\s*,?)+)\\)");
  private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
  /** A case that hands the task to a method of the listener: {@code case "Task_SetHearingDate" -> setHearingDate(task);}. */
  private static final Pattern CALL = Pattern.compile("\\b(\\w+)\\(task\\)");

  /** The case's text followed by the bodies of the listener's methods it calls with the task. */
  private static String withMethodsItCalls(String java, String caseText) {
    StringBuilder text = new StringBuilder(caseText);
    Matcher call = CALL.matcher(caseText);
    while (call.find()) {
      int start = java.indexOf(" void " + call.group(1) + "(DelegateTask task) {");
      if (start >= 0) {
        int end = java.indexOf("\n  }\n", start);
        text.append(java, start, end < 0 ? java.length() : end);
      }
    }
    return text.toString();
  }

  @Test
  void shouldNameEachDossierFieldInRefusalsAsTheFormLabelsIt() throws IOException {
    Map<String, String> formLabels = labels(JSON.readTree(DOSSIER.toFile()));
    List<String> apart = new ArrayList<>();
    for (String key : CandidatureFields.dossierKeys()) {
      String form = formLabels.get(key);
      if (form == null || !same(form, CandidatureFields.label(key))) {
        apart.add(key + ": the form says " + form + ", CandidatureFields says " + CandidatureFields.label(key));
      }
    }
    assertThat(apart).as("labels of forms/candidature-dossier/dossier.json and CandidatureFields").isEmpty();
  }

  @Test
  void shouldNameEachTaskFieldInRefusalsAsTheTaskFormLabelsIt() throws IOException {
    Map<String, List<String>> formsOfTasks = formsOfTasks();
    List<String> checked = new ArrayList<>();
    List<String> apart = new ArrayList<>();
    for (Path source : taskChecks()) {
      String java = Files.readString(source, StandardCharsets.UTF_8);
      Matcher cases = CASE.matcher(java);
      List<int[]> bounds = new ArrayList<>();
      List<String> tasks = new ArrayList<>();
      while (cases.find()) {
        bounds.add(new int[] {cases.end(), java.length()});
        tasks.add(cases.group(1));
        if (bounds.size() > 1) {
          bounds.get(bounds.size() - 2)[1] = cases.start();
        }
      }
      if (!bounds.isEmpty()) { // the last case ends with its switch, not with the file
        int[] last = bounds.get(bounds.size() - 1);
        for (String close : List.of("default ->", "\n    }\n")) {
          int end = java.indexOf(close, last[0]);
          last[1] = end < 0 ? last[1] : Math.min(last[1], end);
        }
      }
      for (int i = 0; i < tasks.size(); i++) {
        Matcher check = CHECK.matcher(withMethodsItCalls(java, java.substring(bounds.get(i)[0], bounds.get(i)[1])));
        while (check.find()) {
          List<String> literals = new ArrayList<>();
          Matcher literal = LITERAL.matcher(check.group(1));
          while (literal.find()) {
            literals.add(literal.group(1));
          }
          for (int j = 0; j + 1 < literals.size(); j += 2) {
            String key = literals.get(j);
            String label = literals.get(j + 1);
            for (String formId : formsOfTasks.getOrDefault(tasks.get(i), List.of())) {
              String form = labels(JSON.readTree(FormFiles.of(formId).toFile())).get(key);
              checked.add(tasks.get(i) + "." + key);
              if (form == null || !same(form, label)) {
                apart.add(source.getFileName() + ", " + tasks.get(i) + ", " + key + ": the form " + formId
                    + " says " + form + ", the check says " + label);
              }
            }
          }
        }
      }
    }
    assertThat(checked).as("the checks read from the task checks listeners").hasSizeGreaterThan(15)
        .contains("Task_SignConvention.conventionSigned", "Task_DepositSesameApplication.sesameFiled",
            "Task_FileLpprApplication.lpprFiled");
    assertThat(apart).as("labels of the task forms and of the task checks").isEmpty();
  }

  /** A label read in a form against one a Java refusal writes. */
  static boolean same(String form, String java) {
    String wanted = normal(form);
    String[] parts = wanted.split("\\{\\{[^}]*\\}\\}", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      regex.append(Pattern.quote(parts[i]));
      if (i < parts.length - 1) {
        regex.append(".+");
      }
    }
    return normal(java).matches(regex.toString());
  }

  private static String normal(String label) {
    return label.replaceAll("\\s*\\([^()]*\\)$", "").strip().toLowerCase(Locale.ROOT);
  }

  /** key (or a list's path) → label (or a date field's dateLabel), through groups and lists. */
  static Map<String, String> labels(JsonNode form) {
    Map<String, String> labels = new HashMap<>();
    collect(form.path("components"), labels);
    return labels;
  }

  private static void collect(JsonNode components, Map<String, String> labels) {
    for (JsonNode component : components) {
      String key = component.hasNonNull("key") ? component.get("key").asText() : component.path("path").asText(null);
      String label = component.hasNonNull("label") && !component.get("label").asText().isBlank()
          ? component.get("label").asText() : component.path("dateLabel").asText(null);
      if (key != null && label != null) {
        labels.put(key, label);
      }
      collect(component.path("components"), labels);
    }
  }

  /** The listeners that check a task's fields. */
  private static List<Path> taskChecks() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(path -> path.getFileName().toString().endsWith("TaskChecks.java")).sorted().toList();
    }
  }

  /** Task id → the forms the diagrams give it (one id may be in several diagrams). */
  private static Map<String, List<String>> formsOfTasks() throws IOException {
    Pattern task = Pattern.compile("<bpmn:userTask id=\"(Task_\\w+)\"[^>]*camunda:formRef=\"([^\"]+)\"");
    Map<String, List<String>> forms = new HashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      for (Path diagram : files.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        Matcher matcher = task.matcher(Files.readString(diagram, StandardCharsets.UTF_8));
        while (matcher.find()) {
          forms.computeIfAbsent(matcher.group(1), id -> new ArrayList<>()).add(matcher.group(2));
        }
      }
    }
    return forms;
  }
}
