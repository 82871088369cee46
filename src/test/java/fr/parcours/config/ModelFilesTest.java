package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Reads every file a process owner edits ({@code bpmn/}, {@code forms/}) and fails on what would break a
 * deployment or a reader: no history time to live, a user task without form or candidate group, a form
 * reference to no form, an element without layout, a generated id.
 */
class ModelFilesTest {

  /** Ids Camunda Modeler generates: a type, an underscore and 7 random characters with a digit. */
  static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_(?=[0-9a-z]*[0-9])[0-9a-z]{7}$|^sid-.*");

  @Test
  void shouldFindTheFilesTheProcessOwnersEdit() throws IOException {
    assertThat(files("bpmn", ".bpmn")).isNotEmpty();
    assertThat(files("bpmn", ".dmn")).isNotEmpty();
    assertThat(files("forms", ".form")).isNotEmpty();
  }

  @Test
  void everyProcessAndDecisionShouldKeepItsHistoryForAStatedTime() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("bpmn", ".bpmn")) {
      for (Process process : bpmn(file).getModelElementsByType(Process.class)) {
        if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file + ": process " + process.getId() + " has no camunda:historyTimeToLive");
        }
      }
    }
    for (Path file : files("bpmn", ".dmn")) {
      for (Decision decision : dmn(file).getModelElementsByType(Decision.class)) {
        if (decision.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file + ": decision " + decision.getId() + " has no camunda:historyTimeToLive");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyUserTaskShouldHaveAFormThatExistsAndACandidateGroup() throws IOException {
    Set<String> formIds = formIds();
    List<String> problems = new ArrayList<>();
    for (Path file : files("bpmn", ".bpmn")) {
      BpmnModelInstance model = bpmn(file);
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String formRef = task.getCamundaFormRef();
        if (formRef == null && task.getCamundaFormKey() == null) {
          problems.add(file + ": user task " + task.getId() + " has no form");
        }
        if (formRef != null && !formIds.contains(formRef)) {
          problems.add(file + ": user task " + task.getId() + " refers to form '" + formRef
              + "', which no file in forms/ declares");
        }
        if (task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().isBlank()) {
          problems.add(file + ": user task " + task.getId() + " has no candidate group");
        }
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        String formRef = start.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
        if (formRef != null && !formIds.contains(formRef)) {
          problems.add(file + ": start event " + start.getId() + " refers to form '" + formRef
              + "', which no file in forms/ declares");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyElementShouldHaveItsLayoutSoThatModelerDrawsIt() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("bpmn", ".bpmn")) {
      BpmnModelInstance model = bpmn(file);
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (!drawn.contains(element.getId())) {
          problems.add(file + ": " + element.getElementType().getTypeName() + " " + element.getId()
              + " has no diagram layout");
        }
      }
    }
    for (Path file : files("bpmn", ".dmn")) {
      String xml = Files.readString(file);
      for (Decision decision : dmn(file).getModelElementsByType(Decision.class)) {
        if (!xml.contains("dmnElementRef=\"" + decision.getId() + "\"")) {
          problems.add(file + ": decision " + decision.getId() + " has no diagram layout");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void noIdShouldBeAGeneratedOne() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("bpmn", ".bpmn")) {
      for (BaseElement element : bpmn(file).getModelElementsByType(BaseElement.class)) {
        check(file, element.getId(), problems);
      }
    }
    for (Path file : files("bpmn", ".dmn")) {
      for (ModelElementInstance element : dmn(file).getModelElementsByType(
          dmn(file).getModel().getType(org.camunda.bpm.model.dmn.instance.DmnElement.class))) {
        check(file, element.getAttributeValue("id"), problems);
      }
    }
    for (Path file : files("forms", ".form")) {
      collectFormIds(new ObjectMapper().readTree(file.toFile()), file, problems);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyFormFileShouldDeclareTheIdOfItsFileName() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("forms", ".form")) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      String expected = file.getFileName().toString().replace(".form", "");
      if (!expected.equals(form.path("id").asText())) {
        problems.add(file + " declares the id '" + form.path("id").asText() + "'; name it '" + expected + "'");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyFormShouldLiveBesideTheDiagramThatShowsIt() {
    List<String> problems = new ArrayList<>();
    for (Path file : FormFiles.all()) {
      String id = file.getFileName().toString().replace(".form", "");
      try {
        Path home = FormFiles.home(id);
        if (!home.equals(file)) {
          problems.add(file + ": move it to " + home + ", the folder of the diagram that shows it");
        }
      } catch (IllegalStateException sharedOrUnused) {
        problems.add(file + ": " + sharedOrUnused.getMessage());
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void collectFormIds(JsonNode node, Path file, List<String> problems) {
    if (node.has("id")) {
      check(file, node.get("id").asText(), problems);
    }
    for (JsonNode child : node.path("components")) {
      collectFormIds(child, file, problems);
    }
  }

  private static void check(Path file, String id, List<String> problems) {
    if (id != null && GENERATED_ID.matcher(id).matches()) {
      problems.add(file + ": '" + id + "' is a generated id; give it a meaningful one (e.g. Task_ReviewAdmissibility)");
    }
  }

  /**
   * A task whose due date is a window shows it as mails write it ("jusqu’au 2 avril 2026 inclus", the variables
   * the clocks set on the task), and its form states no length of its own: the table decides it, per pathway
   * (the CNEDiMTS complements are 30 days in PECAN, at least 10 set by the agency for a brand name): that no form
   * states a length is {@link #noFormShouldStateALengthThatTheDeadlinesTableDecides}'s, for every form.
   */
  @Test
  void aTaskWithATimeLimitShouldShowItsLastDayIncluded() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path file : files("bpmn", ".bpmn")) {
      for (UserTask task : bpmn(file).getModelElementsByType(UserTask.class)) {
        if (task.getCamundaDueDate() == null || task.getCamundaFormRef() == null) {
          continue;
        }
        checked++;
        String form = formText(task.getCamundaFormRef());
        if (!form.contains("{{dueUntil}}")) {
          problems.add(file + ": the form " + task.getCamundaFormRef() + " of " + task.getId()
              + " does not show {{dueUntil}}");
        }
        // a vendor of a dossier in English reads it in English too (FormLanguagesTest: only there)
        if ("${vendorGroup}".equals(task.getCamundaCandidateGroups()) && !form.contains(FormLanguagesTest.IF_ENGLISH
            + " (time limit: {{dueUntilEn}}){{/if}}")) {
          problems.add(file + ": the vendor's form " + task.getCamundaFormRef() + " of " + task.getId()
              + " does not show " + FormLanguagesTest.IF_ENGLISH + " (time limit: {{dueUntilEn}}){{/if}}");
        }
      }
    }
    assertThat(checked).as("tasks with a due date").isGreaterThanOrEqualTo(10);
    assertThat(problems).isEmpty();
  }

  /**
   * No form states a window's length, whether its task has a due date or not (a start form, a task that tells of
   * the next step's window): the deadlines table decides every length, and a process owner who changes one there
   * must not leave "60 jours", or "six mois" in words, in a form. A form names the window and sends the person to
   * the dossier page, which shows its last day. The one length allowed is not a window of Parcours: the usual time
   * to obtain a CE marking.
   */
  /** A length in figures or in words ("six mois", "trente jours", "quatre semaines"), French or English. */
  static final Pattern LENGTH = Pattern.compile("(?iU)\\b(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix"
      + "|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|one|two|three|four|five|six|seven|eight"
      + "|nine|ten|twelve|fifteen|thirty|sixty|ninety)\\W{0,4}(days?|weeks?|months?|years?|jours?|semaines?|mois|ans"
      + "|années?)\\b");

  @Test
  void noFormShouldStateALengthThatTheDeadlinesTableDecides() throws IOException {
    Pattern length = LENGTH;
    String notAWindow = "environ 18 mois en moyenne";
    List<String> problems = new ArrayList<>();
    for (Path file : files("forms", ".form")) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      StringBuilder text = new StringBuilder();
      // every key whose words a person reads: a date field's label is dateLabel, an html component's is content
      for (String key : List.of("text", "description", "label", "dateLabel", "timeLabel", "placeholder", "content",
          "prefixAdorner", "suffixAdorner")) {
        form.findValues(key).forEach(value -> text.append(value.asText()).append('\n'));
      }
      var found = length.matcher(text.toString().replace(notAWindow, ""));
      while (found.find()) {
        problems.add(file + " states '" + found.group() + "': name the window and let the dossier page show its"
            + " last day");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Nor does a diagram name one: a process owner reads « Sans évolution depuis 6 mois » on the diagram after she has
   * set another length in the table (the timer takes the table's). An element is named by what happens.
   */
  @Test
  void noDiagramElementShouldNameALengthThatTheDeadlinesTableDecides() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("bpmn", ".bpmn")) {
      for (org.camunda.bpm.model.bpmn.instance.FlowElement element
          : bpmn(file).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.FlowElement.class)) {
        if (element.getName() != null && LENGTH.matcher(element.getName()).find()) {
          problems.add(file + " " + element.getId() + " « " + element.getName() + " » names a length");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A track knows nothing of who calls it (STYLE): the Sésame filing serves PECAN and the brand name, so its forms
   * never tell the vendor that her demand is a PECAN one (walk 7: a brand-name vendor read « Déposez la demande de
   * PECAN »).
   */
  @Test
  void noSesameFilingFormShouldCallTheDemandAPecanOne() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("forms/tracks/sesame-filing", ".form")) {
      String text = new ObjectMapper().readTree(file.toFile()).findValues("text").toString();
      if (text.contains("demande de PECAN") || text.contains("demandes de PECAN")) {
        problems.add(file + " calls the demand a PECAN one");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A person reads a window by its French name (« Preuve de conformité du certificat provisoire »), never by the
   * row's id in the deadlines table (GENERIC_PROVISIONAL_COMPLIANCE), which the process owners' table alone uses.
   */
  @Test
  void noFormShouldNameAWindowByItsRowIdInTheDeadlinesTable() throws IOException {
    var rows = Pattern.compile("<inputEntry id=\"UnaryTests_[A-Za-z0-9]+\">\\s*<text>\"([A-Z0-9_]+)\"</text>")
        .matcher(Files.readString(Path.of("bpmn", "deadlines.dmn")));
    Set<String> windows = new HashSet<>();
    while (rows.find()) {
      windows.add(rows.group(1));
    }
    assertThat(windows).as("the rows' ids, read from the table").contains("GENERIC_PROVISIONAL_COMPLIANCE");
    List<String> problems = new ArrayList<>();
    for (Path file : files("forms", ".form")) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      // every key whose words a person reads: a date field's label is dateLabel, an html component's is content
      for (String key : List.of("text", "description", "label", "dateLabel", "timeLabel", "placeholder", "content",
          "prefixAdorner", "suffixAdorner")) {
        for (JsonNode value : form.findValues(key)) {
          // what a person reads: the template's own expressions ({{...}}) are no text
          var words = Pattern.compile("[A-Z][A-Z0-9_]+").matcher(value.asText().replaceAll("\\{\\{[^}]*}}", ""));
          while (words.find()) {
            if (windows.contains(words.group())) {
              problems.add(file + " names the window " + words.group() + ": write its French name");
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Issue 19: every user task has a due date or says why not. Its due date names a window of the deadlines table, or
   * its property {@code timeLimits} is {@code none} (no regulatory time limit applies: the seeds set none for it) and
   * both its documentation (Tasklist's "Description" tab) and its form say so: the form writes
   * {@link fr.parcours.clock.Clocks#NO_DEADLINE}, or shows {@code {{dueUntil}}}, where the engine writes it (with the
   * reminder's day when Parcours reminds the vendor, the copy to the CNPs). Neither, both, or a silent form fail.
   */
  @Test
  void everyUserTaskShouldHaveItsDueDateOrBeMarkedAndSayThatNoneApplies() throws IOException {
    List<String> problems = new ArrayList<>();
    int marked = 0;
    for (Path file : files("bpmn", ".bpmn")) {
      for (UserTask task : bpmn(file).getModelElementsByType(UserTask.class)) {
        String dueDate = task.getCamundaDueDate();
        boolean window = fr.parcours.clock.TimeLimits.namesAWindow(dueDate);
        String timeLimits = task.getExtensionElements() == null ? null : task.getExtensionElements()
            .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).stream()
            .flatMap(properties -> properties.getCamundaProperties().stream())
            .filter(p -> fr.parcours.clock.TimeLimits.PROPERTY.equals(p.getCamundaName()))
            .map(p -> p.getCamundaValue()).findFirst().orElse(null);
        boolean none = fr.parcours.clock.TimeLimits.NONE.equals(timeLimits);
        String documentation = task.getDocumentations().stream()
            .map(ModelElementInstance::getTextContent).reduce("", String::concat);
        boolean saysNone = documentation.contains(fr.parcours.clock.Clocks.NO_DEADLINE);
        String where = file + ": user task " + task.getId();
        // the rule the deployment applies: a window or the mark, not both
        var problem = fr.parcours.clock.TimeLimits.problem(task.getId(), task.getName(), dueDate, timeLimits);
        if (problem.isPresent()) {
          problems.add(file + ": " + problem.get());
        } else if (window && saysNone) {
          problems.add(where + " has a response window but its documentation says no time limit applies");
        } else if (none) {
          marked++;
          if (!saysNone) {
            problems.add(where + " has no time limit but its documentation does not say \""
                + fr.parcours.clock.Clocks.NO_DEADLINE + "\"");
          }
          String form = task.getCamundaFormRef() == null ? "" : formText(task.getCamundaFormRef());
          if (!form.contains(fr.parcours.clock.Clocks.NO_DEADLINE) && !form.contains("{{dueUntil}}")) {
            problems.add(where + " has no time limit but its form " + task.getCamundaFormRef() + " does not say \""
                + fr.parcours.clock.Clocks.NO_DEADLINE + "\" (or show {{dueUntil}}, where the engine writes it)");
          }
        }
      }
    }
    assertThat(marked).as("user tasks without a time limit").isGreaterThanOrEqualTo(25);
    assertThat(problems).isEmpty();
  }

  /**
   * A task's form is headed with the task's name, so that the person who opened "Vérifier recevabilité et
   * complétude" in Tasklist recognises its form (it was headed "Vérifier la demande sur Sésame", walk of 3 December
   * 2026). Every form of a named task is headed with its name.
   */
  @Test
  void aFormShouldBeHeadedWithItsTasksName() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path file : files("bpmn", ".bpmn")) {
      for (UserTask task : bpmn(file).getModelElementsByType(UserTask.class)) {
        if (task.getCamundaFormRef() == null || task.getName() == null) {
          continue;
        }
        String heading = formText(task.getCamundaFormRef()).lines().filter(line -> line.startsWith("# "))
            .map(line -> line.substring(2).strip()).findFirst().orElse(null);
        if (heading == null) {
          problems.add(file + ": the form " + task.getCamundaFormRef() + " of " + task.getId()
              + " has no heading (a line « # " + task.getName() + " »)");
          continue;
        }
        checked++;
        if (!heading.equals(task.getName())) {
          problems.add(file + ": the form " + task.getCamundaFormRef() + " of " + task.getId() + " is headed « "
              + heading + " », the task is named « " + task.getName() + " »");
        }
      }
    }
    assertThat(checked).as("forms headed with a task's name").isGreaterThanOrEqualTo(20);
    assertThat(problems).isEmpty();
  }

  private static String formText(String formId) throws IOException {
    for (Path file : files("forms", ".form")) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      if (formId.equals(form.path("id").asText())) {
        StringBuilder text = new StringBuilder();
        form.findValues("text").forEach(value -> text.append(value.asText()).append('\n'));
        form.findValues("description").forEach(value -> text.append(value.asText()).append('\n'));
        return text.toString();
      }
    }
    throw new AssertionError("no form " + formId);
  }

  private static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path file : files("forms", ".form")) {
      ids.add(new ObjectMapper().readTree(file.toFile()).path("id").asText());
    }
    return ids;
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(folder))) {
      return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static BpmnModelInstance bpmn(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  private static DmnModelInstance dmn(Path file) {
    return Dmn.readModelFromFile(file.toFile());
  }
}
