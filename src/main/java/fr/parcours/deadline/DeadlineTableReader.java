package fr.parcours.deadline;

import fr.parcours.deadline.DeadlineRule.OnExpiry;
import fr.parcours.deadline.DeadlineRule.Owner;
import fr.parcours.deadline.DeadlineRule.WhileWaiting;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Reads the deadlines decision table as process owners write it in Camunda Modeler, and refuses a
 * table that timers could not use, naming the row and the fix.
 */
public final class DeadlineTableReader {

  private static final Pattern QUOTED = Pattern.compile("^\\s*\"([^\"]*)\"\\s*$");
  private static final Pattern ID = Pattern.compile("^[A-Z][A-Z0-9_]*$");
  /** The prefix of a duration the agency sets when it asks, at least that long: {@code >= P10D}. */
  static final String AT_LEAST = ">=";

  private static final List<String> OUTPUTS = List.of("measures", "duration", "startsOn",
      "owner", "onExpiry", "whileWaiting", "workingDays", "reminderBefore", "source", "startsOnFr", "sourceFr");

  private DeadlineTableReader() {
  }

  public static DeadlineTable read(byte[] dmnXml, String version) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml));
    } catch (RuntimeException e) {
      String cause = sentence(rootCause(e).getMessage());
      throw new DeadlineTableException("La table des délais (bpmn/deadlines.dmn) n’est pas un fichier DMN lisible : "
          + cause + " Ouvrez-la dans Camunda Modeler et enregistrez-la de nouveau.");
    }
    return read(model, version);
  }

  /** The parser's own words ("Line=1: Content is not allowed in prolog."), not "Unable to parse model". */
  private static Throwable rootCause(Throwable thrown) {
    Throwable cause = thrown;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String sentence(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.endsWith(".") ? trimmed : trimmed + ".";
  }

  public static DeadlineTable read(DmnModelInstance model, String version) {
    Decision decision = model.getModelElementById(DeadlineTable.DECISION_KEY);
    if (decision == null || !(decision.getExpression() instanceof DecisionTable)) {
      throw new DeadlineTableException("bpmn/deadlines.dmn doit contenir une table de décision d’id « "
          + DeadlineTable.DECISION_KEY + " » : donnez cet id à la décision dans Camunda Modeler.");
    }
    return read((DecisionTable) decision.getExpression(), version);
  }

  static DeadlineTable read(DecisionTable table, String version) {
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      column.put(outputs.get(i).getName(), i);
    }
    List<String> missing = OUTPUTS.stream().filter(name -> !column.containsKey(name)).toList();
    if (!missing.isEmpty() || table.getInputs().size() != 2) {
      throw new DeadlineTableException("La table des délais doit avoir deux entrées (l’id du délai, puis le"
          + " parcours) et les colonnes de sortie " + OUTPUTS + " ; il manque : " + missing + ". Rétablissez les"
          + " colonnes dans Camunda Modeler (les noms de sortie distinguent majuscules et minuscules).");
    }

    List<DeadlineRule> rules = new ArrayList<>();
    Map<String, Integer> rowOfId = new HashMap<>();
    int row = 0;
    for (Rule rule : table.getRules()) {
      row++;
      RowReader cells = new RowReader(row, rule, column);
      String id = cells.id();
      String pathway = cells.pathway();
      Integer previous = rowOfId.putIfAbsent(id + "/" + pathway, row);
      if (previous != null) {
        throw new DeadlineTableException("Table des délais, lignes " + previous + " et " + row + " : toutes deux"
            + " sont « " + id + " » pour " + (pathway.isEmpty() ? "tous les parcours" : "le parcours " + pathway)
            + ". Chaque délai a une ligne par parcours : changez le parcours, renommez ou supprimez l’une d’elles.");
      }
      rules.add(new DeadlineRule(
          id,
          pathway,
          cells.text("measures", true),
          cells.window("duration"),
          cells.atLeast("duration"),
          cells.text("startsOn", true),
          cells.choice("owner", Owner.class),
          cells.choice("onExpiry", OnExpiry.class),
          cells.choice("whileWaiting", WhileWaiting.class),
          cells.bool("workingDays"),
          cells.duration("reminderBefore", false),
          cells.text("source", false),
          cells.text("startsOnFr", true),
          cells.sourceFr(),
          row));
    }
    if (rules.isEmpty()) {
      throw new DeadlineTableException("La table des délais n’a aucune ligne : chaque minuteur y a besoin de son"
          + " délai.");
    }
    return new DeadlineTable(rules, version);
  }

  /** The cells of one row, each read with a message that names the row, the window and the column. */
  private static final class RowReader {
    private final int row;
    private final Rule rule;
    private final Map<String, Integer> column;
    private String id;

    RowReader(int row, Rule rule, Map<String, Integer> column) {
      this.row = row;
      this.rule = rule;
      this.column = column;
    }

    String id() {
      String raw = rule.getInputEntries().isEmpty() || rule.getInputEntries().iterator().next().getText() == null
          ? "" : rule.getInputEntries().iterator().next().getText().getTextContent();
      Matcher quoted = QUOTED.matcher(raw == null ? "" : raw);
      if (!quoted.matches() || !ID.matcher(quoted.group(1)).matches()) {
        throw new DeadlineTableException("Table des délais, ligne " + row + " : l’id du délai doit être un nom"
            + " entre guillemets, en majuscules, comme \"ANS_ANALYSIS\", pas " + describeFr(raw) + ".");
      }
      id = quoted.group(1);
      return id;
    }

    /** The pathway the row is for, or "" for every pathway (an empty cell or -). */
    String pathway() {
      List<org.camunda.bpm.model.dmn.instance.InputEntry> entries = new ArrayList<>(rule.getInputEntries());
      String raw = entries.size() < 2 || entries.get(1).getText() == null ? ""
          : entries.get(1).getText().getTextContent();
      String trimmed = raw == null ? "" : raw.trim();
      if (trimmed.isEmpty() || trimmed.equals("-")) {
        return "";
      }
      Matcher quoted = QUOTED.matcher(trimmed);
      if (!quoted.matches() || !ID.matcher(quoted.group(1)).matches()) {
        throw new DeadlineTableException("Table des délais, ligne " + row + (id == null ? "" : " (" + id + ")")
            + " : le parcours doit être un nom entre guillemets, en majuscules, comme \"PECAN\", ou - pour tous"
            + " les parcours, pas " + describeFr(raw) + ".");
      }
      return quoted.group(1);
    }

    String text(String name, boolean required) {
      String raw = cell(name);
      if (raw == null || raw.isBlank()) {
        if (required) {
          throw problem(name, "est vide : écrivez-la comme un texte entre guillemets");
        }
        return "";
      }
      Matcher quoted = QUOTED.matcher(raw);
      if (!quoted.matches()) {
        throw problem(name, "doit être un texte entre guillemets comme \"P30D\", pas " + describeFr(raw));
      }
      String value = quoted.group(1).trim();
      if (required && value.isEmpty()) {
        throw problem(name, "est vide : remplissez-la");
      }
      return value;
    }

    RegulatoryDuration duration(String name, boolean required) {
      String text = text(name, required);
      if (text.isEmpty()) {
        return null;
      }
      try {
        return RegulatoryDuration.parse(text);
      } catch (IllegalArgumentException e) {
        throw problem(name, "« " + text + " » n’est pas une durée lisible : écrivez-la comme P3D, P4W, P6M ou P1Y");
      }
    }

    /**
     * The source in French: written whenever the English one is (the French pages show it), and only then (an
     * English page would show none).
     */
    String sourceFr() {
      boolean english = !text("source", false).isEmpty();
      String french = text("sourceFr", false);
      if (english && french.isEmpty()) {
        throw problem("sourceFr", "est vide alors que « source » est écrite : écrivez la source en français (les"
            + " pages en français la montrent)");
      }
      if (!english && !french.isEmpty()) {
        throw problem("sourceFr", "est écrite alors que « source » est vide : écrivez aussi la source en anglais"
            + " (les pages en anglais la montrent), ou videz les deux");
      }
      return french;
    }

    /** Whether the cell says "at least" ({@code >= P10D}): the agency sets the length when it asks. */
    boolean atLeast(String name) {
      return text(name, true).startsWith(AT_LEAST);
    }

    /** A window's length: days, weeks, months or years, as French law counts time limits; never hours. */
    RegulatoryDuration window(String name) {
      String text = text(name, true);
      RegulatoryDuration duration;
      try {
        duration = RegulatoryDuration.parse(text.startsWith(AT_LEAST) ? text.substring(AT_LEAST.length()) : text);
      } catch (IllegalArgumentException e) {
        throw problem(name, "« " + text + " » n’est pas une durée lisible : écrivez-la comme P3D, P4W, P6M ou P1Y,"
            + " ou >= P10D quand l’agence fixe la durée");
      }
      if (text.startsWith(AT_LEAST) && duration.isNegative()) {
        throw problem(name, "vaut \"" + text + "\" : une agence fixe une durée vers l’avant ; écrivez-la comme"
            + " >= P10D");
      }
      if (!duration.time().isZero()) {
        throw problem(name, "vaut \"" + duration + "\", une durée en heures ; un délai se compte en jours"
            + " entiers (Code de procédure civile, art. 641) : écrivez-le comme P3D, P4W, P6M ou P1Y");
      }
      return duration;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type) {
      String text = text(name, true);
      try {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw problem(name, "vaut \"" + text + "\" ; choisissez l’une des valeurs "
            + Arrays.toString(type.getEnumConstants()));
      }
    }

    boolean bool(String name) {
      String raw = cell(name);
      String value = raw == null ? "" : raw.trim();
      if (value.equals("true") || value.equals("false")) {
        return Boolean.parseBoolean(value);
      }
      throw problem(name, "doit valoir true ou false, pas " + describeFr(raw));
    }

    private String cell(String name) {
      int index = column.get(name);
      List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
      if (index >= entries.size() || entries.get(index).getText() == null) {
        return null;
      }
      return entries.get(index).getText().getTextContent();
    }

    private DeadlineTableException problem(String columnName, String french) {
      String window = id == null ? "" : " (" + id + ")";
      return new DeadlineTableException("Table des délais, ligne " + row + window + ", colonne « " + columnName
          + " » : " + french + ".");
    }

    private static String describeFr(String raw) {
      return raw == null || raw.isBlank() ? "une cellule vide" : "« " + raw.trim() + " »";
    }
  }
}
