package fr.parcours.templates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.parcours.ans.AnsProcess;
import fr.parcours.audit.ComplianceAuditProcess;
import fr.parcours.devicelife.DeviceLifeProcess;
import fr.parcours.brandname.BrandNameProcess;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import fr.parcours.genericline.GenericLineProcess;
import fr.parcours.notification.NotificationEvent;
import fr.parcours.pecan.PecanProcess;
import fr.parcours.shared.Outcomes;
import fr.parcours.transitional.TransitionalProcess;
import fr.parcours.support.ModelerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import fr.parcours.clock.Clocks;
import fr.parcours.clock.TimeLimits;

/**
 * Produces the Camunda Modeler element templates of Parcours ({@code .camunda/element-templates/parcours.json},
 * where Desktop Modeler finds them for every diagram below the repository) from what they list: the mails
 * from {@link NotificationEvent} and their templates in {@code mails/}, the response windows from the rows of
 * {@code bpmn/deadlines.dmn}, the outcomes from the {@link Outcomes} of the processes. The committed file is
 * what this produces ({@code ElementTemplatesTest}); regenerate it with
 * {@code mvn test -Dtest=ElementTemplatesTest -Dtemplates.write=true}.
 */
final class ElementTemplates {

  static final Path FILE = Path.of(".camunda", "element-templates", "parcours.json");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema@0.22.1/resources/schema.json";
  static final int VERSION = 1;

  static final String NOTIFY_VENDOR = "fr.parcours.notify-vendor";
  static final String TASK_WINDOW = "fr.parcours.task-window";
  static final String TIMER_WINDOW = "fr.parcours.timer-window";
  static final String OUTCOME = "fr.parcours.outcome.";

  /** Every process's outcomes; the application context declares the same ({@code ElementTemplatesDeploymentTest}). */
  static final List<Outcomes> OUTCOMES = List.of(AnsProcess.OUTCOMES, AnsProcess.INSTRUCTION_OUTCOMES,
      PecanProcess.OUTCOMES, BrandNameProcess.OUTCOMES,
      GenericLineProcess.OUTCOMES, TransitionalProcess.OUTCOMES, DeviceLifeProcess.OUTCOMES, ComplianceAuditProcess.OUTCOMES);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>\\s*Dossier \\{dossierId}\\s*:\\s*([^<]*)</title>");

  private ElementTemplates() {
  }

  static String produce() {
    DeadlineTable deadlines = deadlines();
    ArrayNode templates = JSON.createArrayNode();
    templates.add(notifyVendor(deadlines));
    templates.add(taskWindow(deadlines));
    templates.add(timerWindow(deadlines));
    OUTCOMES.forEach(outcomes -> templates.add(outcome(outcomes)));
    return ModelerJson.stringify(templates, "") + "\n";
  }

  static void write() throws IOException {
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, produce(), StandardCharsets.UTF_8);
  }

  static DeadlineTable deadlines() {
    try {
      return DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn", "deadlines.dmn")), "undeployed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Window id → what the Dropdown shows: the id and what the window measures (its first row's words). */
  static Map<String, String> windows(DeadlineTable deadlines, boolean clocksOnly) {
    Map<String, String> windows = new LinkedHashMap<>();
    for (DeadlineRule rule : deadlines.rules()) {
      if (clocksOnly && rule.whileWaiting() == DeadlineRule.WhileWaiting.RUNS) {
        continue;
      }
      windows.putIfAbsent(rule.id(), rule.id() + " — " + rule.measures());
    }
    return windows;
  }

  /** Mail name (the {@link NotificationEvent}) → what the Dropdown shows: its English subject and file. */
  static Map<String, String> mails() {
    Map<String, String> mails = new LinkedHashMap<>();
    for (NotificationEvent event : NotificationEvent.values()) {
      Path text = Path.of("mails", "fr", event.template() + ".txt");
      Path html = Path.of("mails", "en", event.template() + ".html");
      if (!Files.isRegularFile(text) || !Files.isRegularFile(html)) {
        throw new IllegalStateException("The mail " + event + " has no template " + text + " or " + html);
      }
      Matcher title;
      try {
        title = TITLE.matcher(Files.readString(html, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String subject = title.find() ? title.group(1).trim() : event.name();
      mails.put(event.name(), Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + " ("
          + event.template() + ")");
    }
    return mails;
  }

  private static ObjectNode notifyVendor(DeadlineTable deadlines) {
    ObjectNode template = template(NOTIFY_VENDOR, "Notify the vendor",
        "Mails the dossier's contact and legal representative, in the dossier's language, from the templates of"
            + " mails/. The engine sends it from its own job, retried R5/PT5M then an incident: nothing else to set.",
        false, "bpmn:IntermediateThrowEvent");
    ArrayNode properties = template.putArray("properties");
    properties.add(dropdown("Mail", "Which mail the vendor receives (mails/fr/<name>.txt and .html, mails/en/).",
        mails(), null, camundaProperty("mail")));
    ((ObjectNode) properties.get(0)).putObject("constraints").put("notEmpty", true);
    properties.add(dropdown("Window it quotes",
        "The response window whose due date (and reminder) the mail states; none for a mail that quotes no date.",
        windows(deadlines, false), "(none)", camundaProperty("window")));
    properties.add(dropdown("Window that passed",
        "The window whose passing the mail announces (an abandonment): named as the dossier page names it, with its"
            + " last day, wherever in the dossier it ran; never opened by the mail.",
        windows(deadlines, false), "(none)", camundaProperty("passedWindow")));
    return template;
  }

  private static ObjectNode taskWindow(DeadlineTable deadlines) {
    ObjectNode template = template(TASK_WINDOW, "Response window",
        "The task's due date is the window's, from the deadlines table (bpmn/deadlines.dmn); while the task is"
            + " active it may pause a clock (the agency waits for the vendor).",
        true, "bpmn:UserTask");
    ArrayNode properties = template.putArray("properties");
    Map<String, String> dueDates = new LinkedHashMap<>();
    windows(deadlines, false).forEach((id, label) -> dueDates.put("${clocks.due(execution, '" + id + "')}", label));
    ObjectNode dueDate = JSON.createObjectNode().put("type", "property").put("name", "camunda:dueDate");
    properties.add(dropdown("Response window", "Sets the task's due date (camunda:dueDate) to the window's.",
        dueDates, "(none: no regulatory time limit, below)", dueDate));
    properties.add(dropdown("No regulatory time limit", "When no window of the table applies to the task (the seeds"
            + " set none): sets " + TimeLimits.PROPERTY + " = " + TimeLimits.NONE + "; then write '"
            + Clocks.NO_DEADLINE + "' in its documentation and its form. The deployment refuses a task with neither"
            + " a window nor this, or with both.",
        Map.of(TimeLimits.NONE, "None applies (" + TimeLimits.PROPERTY + " = " + TimeLimits.NONE + ")"),
        "(a window applies)", camundaProperty(TimeLimits.PROPERTY)));
    properties.add(dropdown("Pauses the clock", "The clock of this window stands still while the task is active"
        + " (only windows that pause or restart while the agency waits).", windows(deadlines, true), "(none)",
        camundaProperty("pausesClock")));
    return template;
  }

  private static ObjectNode timerWindow(DeadlineTable deadlines) {
    ObjectNode template = template(TIMER_WINDOW, "Response window (timer)",
        "Names the window of a timer. Modeler cannot write the timer itself: set Timer, type Date, to"
            + " ${clocks.due(execution, 'WINDOW')} (or clocks.reminder, or clocks.cycle as a Cycle) with the same"
            + " window; a deployment whose timer names another window, or none, is refused with the expression to"
            + " paste.",
        true, "bpmn:BoundaryEvent", "bpmn:IntermediateCatchEvent", "bpmn:StartEvent");
    ArrayNode properties = template.putArray("properties");
    properties.add(dropdown("Response window", "Then set the timer to ${clocks.due(execution, '<this window>')}.",
        windows(deadlines, false), null, camundaProperty("window")));
    ((ObjectNode) properties.get(0)).putObject("constraints").put("notEmpty", true);
    return template;
  }

  private static ObjectNode outcome(Outcomes outcomes) {
    ObjectNode template = template(OUTCOME + outcomes.variable(), outcomes.label(),
        "Reaching this end event sets " + outcomes.variable() + " (process " + outcomes.processKey() + ").",
        false, "bpmn:EndEvent");
    ArrayNode properties = template.putArray("properties");
    properties.addObject().put("type", "Hidden").put("value", outcomes.variable())
        .set("binding", camundaProperty(Outcomes.VARIABLE_PROPERTY));
    Map<String, String> values = new LinkedHashMap<>();
    outcomes.values().forEach(value -> values.put(value, value));
    properties.add(dropdown("Outcome", "The value of " + outcomes.variable() + " when the process ends here.",
        values, null, camundaProperty(Outcomes.VALUE_PROPERTY)));
    ((ObjectNode) properties.get(1)).putObject("constraints").put("notEmpty", true);
    return template;
  }

  private static ObjectNode template(String id, String name, String description, boolean entriesVisible,
      String... appliesTo) {
    ObjectNode template = JSON.createObjectNode();
    template.put("$schema", SCHEMA);
    template.put("name", name);
    template.put("id", id);
    template.put("version", VERSION);
    template.put("description", description);
    ArrayNode types = template.putArray("appliesTo");
    for (String type : appliesTo) {
      types.add(type);
    }
    template.put("entriesVisible", entriesVisible);
    return template;
  }

  private static ObjectNode dropdown(String label, String description, Map<String, String> choices, String none,
      ObjectNode binding) {
    ObjectNode property = JSON.createObjectNode();
    property.put("label", label);
    property.put("description", description);
    property.put("type", "Dropdown");
    ArrayNode list = property.putArray("choices");
    if (none != null) {
      property.put("value", "");
      list.addObject().put("name", none).put("value", "");
    }
    choices.forEach((value, name) -> list.addObject().put("name", name).put("value", value));
    property.set("binding", binding);
    return property;
  }

  private static ObjectNode camundaProperty(String name) {
    return JSON.createObjectNode().put("type", "camunda:property").put("name", name);
  }
}
