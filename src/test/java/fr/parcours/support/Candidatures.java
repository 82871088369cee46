package fr.parcours.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import java.util.Map;

/** A complete, valid candidature as the start form submits it; tests change one field at a time. */
public final class Candidatures {

  private Candidatures() {
  }

  /**
   * A planned date of the complete evidence the start accepts whatever day the test sets the engine's clock to: two
   * months after that day (Paris), neither past nor beyond the window of a dossier without movement.
   */
  public static String plannedEvidenceDate() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Europe/Paris")).plusMonths(2)
        .toString();
  }

  public static Map<String, Object> valid() {
    Map<String, Object> v = new HashMap<>();
    v.put("ceMarked", true);
    v.put("deviceClass", "IIA");
    v.put("hasConvergenceAccount", true);
    v.put("correspondenceLanguage", "FR");
    v.put("companyName", "MediSoft SAS");
    v.put("legalForm", "SAS");
    v.put("headOffice", "12 rue de la Santé, 75013 Paris");
    v.put("siren", "552100554");
    v.put("representativeCivility", "MS");
    v.put("representativeName", "Alice Martin");
    v.put("representativeRole", "Présidente");
    v.put("applicantKind", "SINGLE_OPERATOR");
    v.put("legalRepName", "Alice Martin");
    v.put("legalRepEmail", "alice.martin@medisoft.example");
    v.put("legalRepPhone", "+33 1 23 45 67 89");
    v.put("contactName", "Jean Dupont");
    v.put("contactEmail", "jean.dupont@medisoft.example");
    v.put("contactPhone", "01 23 45 67 89");
    v.put("softwareName", "CardioWatch");
    v.put("softwareVersion", "2.1");
    v.put("plannedEvidenceDate", plannedEvidenceDate());
    v.put("plannedDatePublishable", false);
    v.put("softwareProfiles", json("[\"SOCLE\"]"));
    v.put("handlesIns", false);
    v.put("docFunctional", true);
    v.put("docPersonalData", true);
    v.put("docHealthDataHosting", true);
    v.put("docCeDeclaration", true);
    v.put("docNotifiedBody", true);
    return v;
  }

  /** A list as Tasklist sends it: a Json variable. */
  public static JsonValue json(String json) {
    return SpinValues.jsonValue(json).create();
  }

  public static Map<String, Object> with(String key, Object value) {
    Map<String, Object> v = valid();
    v.put(key, value);
    return v;
  }

  /** The candidature as Tasklist sends it to the REST API: each variable's value, lists as JSON. */
  public static com.fasterxml.jackson.databind.node.ObjectNode asTasklistSendsThem(Map<String, Object> form) {
    com.fasterxml.jackson.databind.node.ObjectNode variables = new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode();
    form.forEach((name, value) -> {
      com.fasterxml.jackson.databind.node.ObjectNode variable = variables.putObject(name);
      if (value instanceof JsonValue json) {
        variable.put("type", "Json");
        variable.put("value", json.getValueSerialized());
      } else if (value instanceof String s && s.startsWith("[")) {
        variable.put("type", "Json");
        variable.put("value", s);
      } else {
        variable.putPOJO("value", value);
      }
    });
    return variables;
  }
}
