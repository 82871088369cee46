package fr.parcours.shared;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What the parse listeners that check diagrams at deployment share: the deployment being parsed, the
 * extension properties of an element, and the refusal that names the process, its file and every problem.
 */
public final class DeploymentChecks {

  private DeploymentChecks() {
  }

  /**
   * The deployment of the definition being parsed when it is a new one (a diagram deployed now), or null
   * when the engine parses a definition deployed earlier (at start-up, or to run an old version): those are
   * not checked again, so that old versions keep running.
   */
  public static DeploymentEntity newDeploymentOf(ProcessDefinitionEntity definition) {
    CommandContext context = Context.getCommandContext();
    if (context == null || definition.getDeploymentId() == null) {
      return null;
    }
    DeploymentEntity deployment = context.getDbEntityManager()
        .selectById(DeploymentEntity.class, definition.getDeploymentId());
    return deployment != null && deployment.isNew() ? deployment : null;
  }

  /** Refuses the deployment when there are problems, naming the process and its file. */
  public static void refuseIfAny(List<String> problems, ProcessDefinitionEntity definition,
      DeploymentEntity deployment) {
    if (problems.isEmpty()) {
      return;
    }
    throw new DeploymentRefused(refusal(definition.getKey(), fileOf(definition, deployment), problems));
  }

  /**
   * The sentence a process owner reads when a process cannot be deployed: « Le processus « key » (file) ne peut pas
   * être déployé : problem ; problem. » ({@code file} null when unknown).
   */
  /**
   * How a dossier stopped by a mistake of its diagram goes on: the end of the run-time sentences that name the
   * mistake ("…, puis enregistrez le diagramme dans le dépôt ; …").
   */
  public static final String THEN_DEPLOY = "puis enregistrez le diagramme dans le dépôt (l’application le déploie à son"
      + " démarrage) ; un dossier déjà arrêté ici, un administrateur le migre vers cette nouvelle version dans Cockpit,"
      + " puis « Réessayer » sur son incident.";

  /** The process key of a running element (its definition id without version and deployment). */
  public static String processKey(String processDefinitionId) {
    return processDefinitionId == null ? "?" : processDefinitionId.split(":")[0];
  }

  public static String refusal(String processKey, String file, List<String> problems) {
    return "Le processus « " + processKey + " »" + (file == null ? "" : " (" + file + ")")
        + " ne peut pas être déployé : " + String.join(" ; ", problems) + ".";
  }

  /**
   * An element as a process owner finds it in Modeler: its id, then its name as the diagram shows it, if it has one
   * ({@code Timer_Window (« Délai passé »)}); a name that merely repeats the id is left out.
   */
  public static String named(Element element) {
    return named(element.attribute("id"), element.attribute("name"));
  }

  /** {@link #named(Element)} from the id and the name (null or blank when it has none). */
  public static String named(String id, String name) {
    String shown = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    return id + (shown.isEmpty() || shown.equals(id) ? "" : " (« " + shown + " »)");
  }

  /**
   * The extension properties ({@code camunda:property}) of an element, by name; a property with an empty
   * value (a template's "none" choice) is left out.
   */
  public static Map<String, String> properties(Element element) {
    Map<String, String> found = new LinkedHashMap<>();
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return found;
    }
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      String value = property.attribute("value");
      if (property.attribute("name") != null && value != null && !value.isBlank()) {
        found.put(property.attribute("name"), value.trim());
      }
    }
    return found;
  }

  /**
   * The file the process comes from. The engine names the definition's resource only after parsing, so
   * while parsing it is the deployment's diagram that declares the process id; null if that is ambiguous.
   */
  private static String fileOf(ProcessDefinitionEntity definition, DeploymentEntity deployment) {
    if (definition.getResourceName() != null) {
      return definition.getResourceName();
    }
    if (deployment == null) {
      return null;
    }
    String declaration = "id=\"" + definition.getKey() + "\"";
    List<String> files = deployment.getResources().values().stream()
        .filter(resource -> resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml"))
        .filter(resource -> new String(resource.getBytes(), StandardCharsets.UTF_8).contains(declaration))
        .map(ResourceEntity::getName)
        .toList();
    return files.size() == 1 ? files.get(0) : null;
  }
}
