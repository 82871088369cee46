package fr.parcours.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.notification.NotificationEvent;
import fr.parcours.shared.Outcomes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The element templates that process owners apply in Modeler ({@link ElementTemplates}): the committed file is
 * what the mails, the deadlines table and the outcomes produce, it conforms to Camunda's schema for element
 * templates, and the diagrams carry the templates on every element they describe. Regenerate the file with
 * {@code mvn test -Dtest=ElementTemplatesTest -Dtemplates.write=true}.
 */
class ElementTemplatesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static Schema schema;

  @BeforeAll
  static void loadTheSchema() throws IOException {
    try (InputStream in = ElementTemplatesTest.class.getResourceAsStream("/element-templates-json-schema/schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
    }
  }

  @Test
  void shouldFindTheCommittedTemplatesAsTheirSourcesProduceThem() throws IOException {
    if (Boolean.getBoolean("templates.write")) {
      ElementTemplates.write();
    }
    assertThat(Files.readString(ElementTemplates.FILE, StandardCharsets.UTF_8))
        .as("%s is produced from mails/, bpmn/deadlines.dmn and the processes' outcomes: run"
            + " mvn test -Dtest=ElementTemplatesTest -Dtemplates.write=true", ElementTemplates.FILE)
        .isEqualTo(ElementTemplates.produce());
  }

  @Test
  void shouldConformToTheElementTemplatesSchema() throws IOException {
    JsonNode templates = JSON.readTree(ElementTemplates.produce());

    assertThat(schema.validate(templates)).as("schema errors").isEmpty();
    assertThat(templates).hasSize(3 + ElementTemplates.OUTCOMES.size());
  }

  @Test
  void shouldSeeTheSchemaRefuseABindingItDoesNotKnowAndADropdownWithoutChoices() throws IOException {
    // what a template would need to set the mail step's bean: the schema of Camunda 7 has no such binding
    ArrayNode templates = (ArrayNode) JSON.readTree(ElementTemplates.produce());
    ObjectNode mail = (ObjectNode) templates.get(0).get("properties").get(0);
    ((ObjectNode) mail.get("binding")).put("type", "camunda:messageEventDefinition");
    ObjectNode window = (ObjectNode) templates.get(0).get("properties").get(1);
    window.remove("choices");

    List<Error> errors = schema.validate(templates.get(0));

    assertThat(errors).extracting(Error::toString)
        .anySatisfy(error -> assertThat(error).contains("/properties/0/binding/type")
            .contains("camunda:errorEventDefinition"))
        .anySatisfy(error -> assertThat(error).contains("/properties/1").contains("'choices'"));
    assertThat(schema.validate(templates)).as("the whole file is refused too").isNotEmpty();
  }

  @Test
  void shouldOfferEveryMailThereIsATemplateForAndNoOther() throws IOException {
    List<String> offered = values(template(ElementTemplates.NOTIFY_VENDOR), "mail");

    assertThat(offered).containsExactlyElementsOf(Arrays.stream(NotificationEvent.values()).map(Enum::name).toList());
    try (Stream<Path> files = Files.list(Path.of("mails", "fr"))) {
      List<String> texts = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
          .map(n -> n.substring(0, n.length() - 4)).toList();
      assertThat(texts).as("a mail template of mails/fr/ that no NotificationEvent names")
          .containsExactlyInAnyOrderElementsOf(Arrays.stream(NotificationEvent.values())
              .map(NotificationEvent::template).toList());
    }
    assertThat(labels(template(ElementTemplates.NOTIFY_VENDOR), "mail"))
        .contains("Complements requested until {dueDate} included (complements-requested)");
  }

  @Test
  void shouldOfferEveryWindowOfTheDeadlinesTableAndOnlyClocksThatPauseToPause() throws IOException {
    List<String> windows = ElementTemplates.deadlines().rules().stream().map(DeadlineRule::id).distinct().toList();

    List<String> quoted = values(template(ElementTemplates.NOTIFY_VENDOR), "window");
    assertThat(quoted.get(0)).as("the choice of no window").isEmpty();
    assertThat(quoted.subList(1, quoted.size())).containsExactlyElementsOf(windows);
    assertThat(values(template(ElementTemplates.TIMER_WINDOW), "window")).containsExactlyElementsOf(windows);
    List<String> dueDates = values(template(ElementTemplates.TASK_WINDOW), "camunda:dueDate");
    assertThat(dueDates.get(0)).as("the choice of no due date").isEmpty();
    assertThat(dueDates.subList(1, dueDates.size())).containsExactlyElementsOf(windows.stream().map(w -> "${clocks.due(execution, '" + w + "')}").toList());
    assertThat(values(template(ElementTemplates.TASK_WINDOW), "pausesClock")).contains("", "ANS_ANALYSIS")
        .doesNotContain("CONVERGENCE_ACCOUNT");
  }

  @Test
  void shouldOfferEachProcessItsOutcomes() throws IOException {
    for (Outcomes outcomes : ElementTemplates.OUTCOMES) {
      JsonNode template = template(ElementTemplates.OUTCOME + outcomes.variable());
      assertThat(values(template, Outcomes.VALUE_PROPERTY)).containsExactlyElementsOf(outcomes.values());
      assertThat(template.get("properties").get(0).get("value").asText()).isEqualTo(outcomes.variable());
    }
  }

  @Test
  void shouldFindEachTemplateOnEveryElementOfTheDiagramsThatItDescribes() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : DiagramElements.files()) {
      for (DiagramElements.Described element : DiagramElements.describedIn(file)) {
        if (!element.template().equals(element.carries()) || !String.valueOf(ElementTemplates.VERSION)
            .equals(element.version())) {
          missing.add(file + " " + element.id() + " should carry " + element.template() + " version "
              + ElementTemplates.VERSION + " but carries " + element.carries() + " " + element.version());
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(DiagramElements.files().stream().flatMap(f -> DiagramElements.describedIn(f).stream()))
        .as("the diagrams have elements of each kind").extracting(DiagramElements.Described::template)
        .contains(ElementTemplates.NOTIFY_VENDOR, ElementTemplates.TASK_WINDOW, ElementTemplates.TIMER_WINDOW,
            ElementTemplates.OUTCOME + "pecanOutcome");
  }

  @Test
  void shouldFindNoDiagramStillNamingTheMailBeanOrSettingAnOutcomeInAListener() throws IOException {
    for (Path file : DiagramElements.files()) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${vendorMail}")
          .doesNotContainPattern("setVariable\\('[a-zA-Z]*Outcome'");
    }
  }

  static JsonNode template(String id) throws IOException {
    for (JsonNode template : JSON.readTree(ElementTemplates.produce())) {
      if (template.get("id").asText().equals(id)) {
        return template;
      }
    }
    throw new AssertionError("no template " + id);
  }

  static List<String> values(JsonNode template, String binding) {
    return choices(template, binding).map(choice -> choice.get("value").asText()).toList();
  }

  static List<String> labels(JsonNode template, String binding) {
    return choices(template, binding).map(choice -> choice.get("name").asText()).toList();
  }

  private static Stream<JsonNode> choices(JsonNode template, String binding) {
    for (JsonNode property : template.get("properties")) {
      if (property.get("binding").get("name").asText().equals(binding)) {
        return StreamSupport.stream(property.get("choices").spliterator(), false);
      }
    }
    throw new AssertionError("no property bound to " + binding + " in " + template.get("id"));
  }
}
