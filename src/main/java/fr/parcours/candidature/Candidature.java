package fr.parcours.candidature;

import static fr.parcours.candidature.CandidatureFields.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The candidature dossier as the vendor entered it (forms {@code candidature} and
 * {@code administrative-dossier}), read from process variables. Nothing here is checked: that is
 * {@link CandidatureValidator}'s job. Text is kept as sent (blank becomes {@code null}); values that could
 * not be read at all (a list that is not JSON, a boolean "maybe", a date "30/06/2025") are kept in
 * {@link #unreadableValues()} (key to explanation) so that the validator reports them with the rest.
 */
public record Candidature(
    boolean ceMarked,
    String deviceClass,
    boolean hasConvergenceAccount,
    String correspondenceLanguage,
    String companyName,
    String legalForm,
    String headOffice,
    String siren,
    String nie,
    String representativeCivility,
    String representativeName,
    String representativeRole,
    String applicantKind,
    List<GroupMember> groupMembers,
    String legalRepName,
    String legalRepEmail,
    String legalRepPhone,
    String contactName,
    String contactEmail,
    String contactPhone,
    String softwareName,
    String softwareVersion,
    String basicUdiDi,
    String connectedObjects,
    LocalDate plannedEvidenceDate,
    boolean plannedDatePublishable,
    String nil,
    List<String> softwareProfiles,
    boolean handlesIns,
    List<AdditionalComponent> additionalComponents,
    boolean docFunctional,
    boolean docPersonalData,
    boolean docHealthDataHosting,
    boolean docCeDeclaration,
    boolean docNotifiedBody,
    boolean docMandates,
    Map<String, CandidatureWords> unreadableValues) {

  /** A company of the group led by the applicant (one row of {@code groupMembers}). */
  public record GroupMember(String memberName, String memberHeadOffice, String memberSiren, String memberNie,
      String memberRepresentative) {
  }

  /** An additional software component of the device (one row of {@code additionalComponents}). */
  public record AdditionalComponent(String componentName, String componentVersion) {
  }

  /** Dates without a time (java.util.Date) are read in the zone of the French authorities. */
  static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private static final ObjectMapper JSON = new ObjectMapper();

  public Candidature {
    correspondenceLanguage = correspondenceLanguage == null || correspondenceLanguage.isBlank()
        ? DEFAULT_CORRESPONDENCE_LANGUAGE : correspondenceLanguage;
    groupMembers = groupMembers == null ? List.of() : List.copyOf(groupMembers);
    softwareProfiles = softwareProfiles == null ? List.of() : List.copyOf(softwareProfiles);
    additionalComponents = additionalComponents == null ? List.of() : List.copyOf(additionalComponents);
    unreadableValues = unreadableValues == null
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unreadableValues));
  }

  /**
   * Reads the dossier from process variables. List-valued variables may be a {@link List}, a JSON string, or
   * any object whose {@code toString()} is JSON (Camunda Spin's JSON node); booleans a Boolean or
   * "true"/"false"; dates a {@link Date}, a {@link LocalDate} or an ISO "yyyy-MM-dd" string.
   */
  public static Candidature from(Map<String, Object> variables) {
    Reader r = new Reader(variables == null ? Map.of() : variables);
    return new Candidature(
        r.bool(CE_MARKED),
        r.text(DEVICE_CLASS),
        r.bool(HAS_CONVERGENCE_ACCOUNT),
        r.text(CORRESPONDENCE_LANGUAGE),
        r.text(COMPANY_NAME),
        r.text(LEGAL_FORM),
        r.text(HEAD_OFFICE),
        r.text(SIREN),
        r.text(NIE),
        r.text(REPRESENTATIVE_CIVILITY),
        r.text(REPRESENTATIVE_NAME),
        r.text(REPRESENTATIVE_ROLE),
        r.text(APPLICANT_KIND),
        r.rows(GROUP_MEMBERS, row -> new GroupMember(
            text(row, MEMBER_NAME), text(row, MEMBER_HEAD_OFFICE), text(row, MEMBER_SIREN),
            text(row, MEMBER_NIE), text(row, MEMBER_REPRESENTATIVE))),
        r.text(LEGAL_REP_NAME),
        r.text(LEGAL_REP_EMAIL),
        r.text(LEGAL_REP_PHONE),
        r.text(CONTACT_NAME),
        r.text(CONTACT_EMAIL),
        r.text(CONTACT_PHONE),
        r.text(SOFTWARE_NAME),
        r.text(SOFTWARE_VERSION),
        r.text(BASIC_UDI_DI),
        r.text(CONNECTED_OBJECTS),
        r.date(PLANNED_EVIDENCE_DATE),
        r.bool(PLANNED_DATE_PUBLISHABLE),
        r.text(NIL),
        r.strings(SOFTWARE_PROFILES),
        r.bool(HANDLES_INS),
        r.rows(ADDITIONAL_COMPONENTS, row -> new AdditionalComponent(
            text(row, COMPONENT_NAME), text(row, COMPONENT_VERSION))),
        r.bool(DOC_FUNCTIONAL),
        r.bool(DOC_PERSONAL_DATA),
        r.bool(DOC_HEALTH_DATA_HOSTING),
        r.bool(DOC_CE_DECLARATION),
        r.bool(DOC_NOTIFIED_BODY),
        r.bool(DOC_MANDATES),
        r.unreadable);
  }

  /** Whether the applicant leads a group of companies. */
  public boolean isGroupLead() {
    return GROUP_LEAD.equals(applicantKind);
  }

  private static String text(JsonNode row, String key) {
    JsonNode value = row.get(key);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    return blankToNull(value.asText());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Reads variables, collecting those that cannot be read instead of failing on the first. */
  /** The most values a choice list holds (the forms offer a handful; a crafted one held 200,000). */
  static final int MAX_LIST = 100;

  private static final class Reader {

    private final Map<String, Object> variables;
    private final Map<String, CandidatureWords> unreadable = new LinkedHashMap<>();

    Reader(Map<String, Object> variables) {
      this.variables = variables;
    }

    String text(String key) {
      Object value = variables.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Number number) {
        return blankToNull(number.toString()); // a SIREN sent as a number
      }
      if (!(value instanceof String s)) {
        // bytes, JSON, a date where the form sends text: refused before anything casts or mails it
        unreadable.put(key, CandidatureWords.of("unreadable.notText"));
        return null;
      }
      return blankToNull(s);
    }

    boolean bool(String key) {
      Object value = variables.get(key);
      if (value == null) {
        return false;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      String s = value.toString().trim();
      if (s.isEmpty()) {
        return false;
      }
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(s);
      }
      unreadable.put(key, CandidatureWords.of("unreadable.notBoolean", CandidatureValidator.shown(s)));
      return false;
    }

    LocalDate date(String key) {
      Object value = variables.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof LocalDate d) {
        return d;
      }
      if (value instanceof java.sql.Date d) {
        return d.toLocalDate();
      }
      if (value instanceof Date d) {
        return d.toInstant().atZone(ZONE).toLocalDate();
      }
      if (value instanceof LocalDateTime d) {
        return d.toLocalDate();
      }
      if (value instanceof OffsetDateTime d) {
        return d.atZoneSameInstant(ZONE).toLocalDate();
      }
      if (value instanceof ZonedDateTime d) {
        return d.withZoneSameInstant(ZONE).toLocalDate();
      }
      String s = value.toString().trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        // "2025-06-30", or the date part of "2025-06-30T00:00:00..."
        return LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s);
      } catch (DateTimeParseException e) {
        unreadable.put(key, CandidatureWords.of("unreadable.notDate", CandidatureValidator.shown(s)));
        return null;
      }
    }

    List<String> strings(String key) {
      JsonNode array = array(key, "[\"SOCLE\", \"RI\"]");
      List<String> values = new ArrayList<>();
      if (array == null) {
        return values;
      }
      if (array.size() > MAX_LIST) {
        unreadable.put(key, CandidatureWords.of("unreadable.tooManyValues", array.size()));
        return List.of();
      }
      for (JsonNode element : array) {
        if (element.isValueNode() && !element.asText().isBlank()) {
          values.add(element.asText());
        } else if (!element.isNull() && !element.isValueNode()) {
          unreadable.put(key, CandidatureWords.of("unreadable.notSimpleValues"));
          return List.of();
        }
      }
      return values;
    }

    <T> List<T> rows(String key, Function<JsonNode, T> rowReader) {
      JsonNode array = array(key, "[{...}, {...}]");
      List<T> rows = new ArrayList<>();
      if (array == null) {
        return rows;
      }
      for (JsonNode element : array) {
        if (!element.isObject()) {
          unreadable.put(key, CandidatureWords.of("unreadable.rowNotFields", rows.size() + 1));
          return List.of();
        }
        rows.add(rowReader.apply(element));
      }
      return rows;
    }

    /** The variable as a JSON array, or null when absent or unreadable (then recorded). */
    private JsonNode array(String key, String example) {
      Object value = variables.get(key);
      if (value == null) {
        return null;
      }
      JsonNode node;
      if (value instanceof List<?> || value instanceof Object[]) {
        node = JSON.valueToTree(value);
      } else {
        String json = value.toString().trim();
        if (json.isEmpty()) {
          return null;
        }
        try {
          node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
          node = null;
        }
      }
      if (node == null || node.isNull() || node.isMissingNode()) {
        if (node == null) {
          unreadable.put(key, CandidatureWords.of("unreadable.notJsonList", example));
        }
        return null;
      }
      if (!node.isArray()) {
        unreadable.put(key, CandidatureWords.of("unreadable.notJsonList", example));
        return null;
      }
      return node;
    }
  }
}
