package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.deadline.DeadlineRule.OnExpiry;
import fr.parcours.deadline.DeadlineRule.Owner;
import fr.parcours.deadline.DeadlineRule.WhileWaiting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deadlines table as process owners edit it in Modeler: the shipped file reads, and every mistake a
 * process owner can make is refused with a message naming the row, the window and the column.
 * Each bad table is the shipped {@code bpmn/deadlines.dmn} with one cell, row or column changed.
 */
class DeadlineTableReaderTest {

  /** Row 3 of the shipped table, the vendor's complements window of the ANS track. */
  static final String COMPLEMENTS = "LiteralExpression_AnsComplements_";

  @Test
  void shouldReadTheShippedTable() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");

    // every row of the table, however many the pathways add
    assertThat(table.rules()).hasSize(shipped().split("<rule id=", -1).length - 1).hasSizeGreaterThan(28);
    // the brand name's decree is its ministers' decision window, from the AR; its registration ends on the order's day
    assertThat(table.require("MINISTERS_DECISION", "BRAND_NAME").duration()).isEqualTo(RegulatoryDuration.parse("P120D"));
    assertThat(table.require("BRAND_REGISTRATION_END").duration().period()).isEqualTo(Period.ZERO);
    DeadlineRule analysis = table.require("ANS_ANALYSIS");
    assertThat(analysis.row()).isEqualTo(2);
    assertThat(analysis.pathway()).as("the ANS track's windows serve every pathway").isEmpty();
    assertThat(analysis.duration()).isEqualTo(RegulatoryDuration.parse("P60D"));
    assertThat(analysis.startsOn()).isEqualTo("All evidence submitted");
    assertThat(analysis.owner()).isEqualTo(Owner.AGENCY);
    assertThat(analysis.onExpiry()).isEqualTo(OnExpiry.DECISION_DUE);
    assertThat(analysis.whileWaiting()).isEqualTo(WhileWaiting.PAUSES);
    assertThat(analysis.workingDays()).isFalse();
    assertThat(analysis.reminderBefore()).isNull();
    assertThat(analysis.source()).isEqualTo("002 §11.a");
    // F19: the same in French, for the French pages
    assertThat(analysis.startsOnFr()).isEqualTo("Dépôt de toutes les preuves");
    assertThat(analysis.startsOn(java.util.Locale.FRENCH)).isEqualTo("Dépôt de toutes les preuves");
    assertThat(analysis.startsOn(java.util.Locale.ENGLISH)).isEqualTo("All evidence submitted");
    assertThat(table.require("AUDIT_CORRECTION").source(java.util.Locale.FRENCH))
        .startsWith("003 §6.2 (le guide ne fixe pas de durée");

    DeadlineRule complements = table.require("ANS_COMPLEMENTS");
    assertThat(complements.row()).isEqualTo(3);
    assertThat(complements.duration().period()).isEqualTo(Period.ofDays(30));
    assertThat(complements.owner()).isEqualTo(Owner.VENDOR);
    assertThat(complements.onExpiry()).isEqualTo(OnExpiry.DEPRIORITISED);
    assertThat(complements.whileWaiting()).isEqualTo(WhileWaiting.RUNS);
    assertThat(complements.workingDays()).isTrue();
    assertThat(complements.reminderBefore()).isEqualTo(RegulatoryDuration.parse("P7D"));
    assertThat(table.require("BRAND_RENEWAL_FILING").duration().isNegative()).isTrue();
    assertThat(table.require("ANS_INACTIVITY").whileWaiting()).isEqualTo(WhileWaiting.RESTARTS);
    assertThat(complements.agencySetsLength()).isFalse();
  }

  @Test
  void shouldReadAnAgencySetLengthWithItsMinimumWhenTheCellSaysAtLeast() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");

    // seed 000: the brand-name CNEDiMTS and ministers give "at least 10 days" for complements
    DeadlineRule brand = table.require("CNEDIMTS_COMPLEMENTS", "BRAND_NAME");
    assertThat(brand.agencySetsLength()).isTrue();
    assertThat(brand.duration()).isEqualTo(RegulatoryDuration.parse("P10D"));
    assertThat(table.require("MINISTERS_COMPLEMENTS", "BRAND_NAME").agencySetsLength()).isTrue();
    assertThat(table.require("CNEDIMTS_COMPLEMENTS", "PECAN").agencySetsLength()).isFalse();
  }

  @Test
  void shouldRefuseAnAgencySetLengthCountedBackwards() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\">= -P10D\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': is \">= -P10D\": an agency"
        + " sets a length forwards; write it like >= P10D.");
  }

  @Test
  void shouldNameTheWindowAndTheRowThatAreMissingWhenATimerAsksForAnUnknownWindow() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "deadlines:4");

    assertThatThrownBy(() -> table.require("NO_SUCH_WINDOW"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("Aucun délai « NO_SUCH_WINDOW » dans la table des délais (bpmn/deadlines.dmn,"
            + " deadlines:4) : ajoutez-lui une ligne ou utilisez l’un de [CONVERGENCE_ACCOUNT,")
        .hasMessageContaining("(No response window 'NO_SUCH_WINDOW' in the deadlines table"
            + " (bpmn/deadlines.dmn, deadlines:4): add a row for it or use one of [CONVERGENCE_ACCOUNT,");
  }

  // ---- one bad cell ----

  @Test
  void shouldRefuseADurationWrittenInWords() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"30 days\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': '30 days' is not an"
        + " ISO-8601 duration: write it like P30D (30 days), P4W (4 weeks), P6M (6 months) or PT72H (72 hours).");
  }

  @Test
  void shouldRefuseAWindowInHoursBecauseTheLawCountsWholeDays() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"PT72H\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': is \"PT72H\", a length in"
        + " hours; a time limit is counted in whole days (Code de procédure civile, art. 641): write it like P3D,"
        + " P4W, P6M or P1Y.");
    assertRefusedInFrench(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : vaut \"PT72H\","
        + " une durée en heures ; un délai se compte en jours entiers (Code de procédure civile, art. 641) :"
        + " écrivez-le comme P3D, P4W, P6M ou P1Y.");
  }

  @Test
  void shouldRefuseAnEmptyDuration() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': is empty: fill it in.");
  }

  @Test
  void shouldRefuseAnEmptyDurationCell() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "");

    assertRefused(dmn,
        "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': is empty: write it as quoted text.");
  }

  @Test
  void shouldRefuseADurationWithoutQuotes() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "P30D");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'duration': must be quoted text"
        + " such as \"P30D\", not 'P30D'.");
  }

  @Test
  void shouldRefuseTwoRowsWithTheSameWindowId() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "\"ANS_ANALYSIS\"");

    assertRefused(dmn, "Deadlines table, rows 2 and 3: both are 'ANS_ANALYSIS' for every pathway. Each window"
        + " needs one row per pathway: change the pathway, rename or delete one of them.");
  }

  @Test
  void shouldRefuseAWindowIdInLowerCase() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "\"ans_complements\"");

    assertRefused(dmn, "Deadlines table, row 3: the window id must be one quoted name in capitals such as"
        + " \"ANS_ANALYSIS\", not '\"ans_complements\"'.");
  }

  @Test
  void shouldRefuseAWindowIdWithoutQuotes() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "ANS_COMPLEMENTS");

    assertRefused(dmn, "Deadlines table, row 3: the window id must be one quoted name in capitals such as"
        + " \"ANS_ANALYSIS\", not 'ANS_COMPLEMENTS'.");
  }

  @Test
  void shouldRefuseAnEmptyWindowId() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "");

    assertRefused(dmn, "Deadlines table, row 3: the window id must be one quoted name in capitals such as"
        + " \"ANS_ANALYSIS\", not an empty cell.");
  }

  @Test
  void shouldRefuseAnUnknownOwner() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Owner", "\"SUPPLIER\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'owner': is \"SUPPLIER\";"
        + " use one of [VENDOR, AGENCY].");
  }

  @Test
  void shouldSayThatAFilingWindowThatPassesFlagsTheDossierLate() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");
    assertThat(table.find("PECAN_LPPR_FILING", "PECAN").orElseThrow().onExpiry()).isEqualTo(OnExpiry.FLAGGED_LATE);
    assertThat(table.find("PECAN_LATM_FILING", "PECAN").orElseThrow().onExpiry()).isEqualTo(OnExpiry.FLAGGED_LATE);
  }

  @Test
  void shouldRefuseAnUnknownOnExpiry() {
    String dmn = withCell(shipped(), COMPLEMENTS + "OnExpiry", "\"CANCELLED\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'onExpiry': is \"CANCELLED\";"
        + " use one of [DEEMED_ABANDONED, DEPRIORITISED, REMINDER, DECISION_DUE, FLAGGED_LATE, CERTIFICATE_WITHDRAWN, PARCOURS_REMINDER].");
  }

  @Test
  void shouldRefuseAnUnknownWhileWaiting() {
    String dmn = withCell(shipped(), COMPLEMENTS + "WhileWaiting", "\"STOPS\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'whileWaiting': is \"STOPS\";"
        + " use one of [RUNS, PAUSES, RESTARTS].");
  }

  @Test
  void shouldRefuseWorkingDaysThatIsNotABoolean() {
    String dmn = withCell(shipped(), COMPLEMENTS + "WorkingDays", "\"yes\"");

    assertRefused(dmn,
        "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'workingDays': must be true or false, not '\"yes\"'.");
  }

  @Test
  void shouldRefuseAnUnreadableReminder() {
    String dmn = withCell(shipped(), COMPLEMENTS + "ReminderBefore", "\"a week\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'reminderBefore': 'a week' is not an"
        + " ISO-8601 duration: write it like P30D (30 days), P4W (4 weeks), P6M (6 months) or PT72H (72 hours).");
  }

  // ---- the French of the pages (F19) ----

  @Test
  void shouldRefuseARowWithoutItsStartInFrench() {
    String dmn = withCell(shipped(), COMPLEMENTS + "StartsOnFr", "\"\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'startsOnFr': is empty: fill it in.");
    assertRefusedInFrench(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « startsOnFr » : est vide :"
        + " remplissez-la.");
  }

  @Test
  void shouldRefuseASourceWithoutItsFrench() {
    String dmn = withCell(shipped(), COMPLEMENTS + "SourceFr", "");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'sourceFr': is empty while 'source' is"
        + " written: write the source in French (the French pages show it).");
  }

  @Test
  void shouldRefuseASourceInFrenchOnly() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Source", "\"\"");

    assertRefused(dmn, "Deadlines table, row 3 (ANS_COMPLEMENTS), column 'sourceFr': is written while 'source' is"
        + " empty: write the source in English too (the English pages show it), or empty both.");
  }

  @Test
  void shouldReadARowWithoutAnySource() {
    String dmn = withCell(withCell(shipped(), COMPLEMENTS + "Source", "\"\""), COMPLEMENTS + "SourceFr", "");

    DeadlineRule complements = DeadlineTableReader.read(dmn.getBytes(StandardCharsets.UTF_8), "undeployed")
        .require("ANS_COMPLEMENTS");
    assertThat(complements.source(java.util.Locale.FRENCH)).isEmpty();
    assertThat(complements.source(java.util.Locale.ENGLISH)).isEmpty();
  }

  // ---- the shape of the table ----

  @Test
  void shouldRefuseATableWithoutAnOutputColumn() {
    String dmn = replaceOnce(shipped(), " name=\"source\"", " name=\"reference\"");

    assertRefused(dmn, "The deadlines table must have two inputs (the window's id, then the pathway) and the"
        + " output columns [measures, duration, startsOn, owner, onExpiry, whileWaiting, workingDays,"
        + " reminderBefore, source, startsOnFr, sourceFr]; missing: [source]. Restore the columns in Camunda Modeler (output names are"
        + " case-sensitive).");
  }

  // ---- one window, a row per pathway ----

  @Test
  void shouldPickTheRowOfTheDossiersPathwayForAWindowThatATrackNames() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");

    assertThat(table.require("CNEDIMTS_OPINION", "PECAN").duration()).isEqualTo(RegulatoryDuration.parse("P60D"));
    assertThat(table.require("CNEDIMTS_OPINION", "BRAND_NAME").duration())
        .isEqualTo(RegulatoryDuration.parse("P90D"));
    assertThat(table.require("ANS_ANALYSIS", "PECAN").pathway()).as("a row for every pathway").isEmpty();
    assertThat(table.require("PECAN_LPPR_FILING").pathway()).as("a window with one row needs no pathway")
        .isEqualTo("PECAN");
  }

  @Test
  void shouldFindTheRowThatEarlierDiagramsNamePathwayUnderscoreWindow() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");

    assertThat(table.require("PECAN_CNEDIMTS_OPINION")).isEqualTo(table.require("CNEDIMTS_OPINION", "PECAN"));
    assertThat(table.require("PECAN_MINISTERS_COMPLEMENTS"))
        .isEqualTo(table.require("MINISTERS_COMPLEMENTS", "PECAN"));
  }

  @Test
  void shouldSayWhichPathwaysHaveARowWhenTheDossiersHasNone() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "undeployed");

    assertThatThrownBy(() -> table.require("CNEDIMTS_OPINION", "GENERIC_LINE"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("Aucun délai « CNEDIMTS_OPINION » pour le parcours GENERIC_LINE dans la table des"
            + " délais (bpmn/deadlines.dmn) : ajoutez-lui une ligne (elle en a pour [PECAN, BRAND_NAME])")
        .hasMessageContaining("(No response window 'CNEDIMTS_OPINION' for the pathway GENERIC_LINE in the"
            + " deadlines table (bpmn/deadlines.dmn): add a row for it (it has rows for [PECAN, BRAND_NAME])");
  }

  @Test
  void shouldRefuseTwoRowsOfOneWindowForOnePathway() {
    String dmn = withCell(shipped(), "UnaryTests_BrandCnedimtsOpinion_Pathway", "\"PECAN\"");

    assertRefused(dmn, "Deadlines table, rows 7 and 15: both are 'CNEDIMTS_OPINION' for the pathway PECAN. Each"
        + " window needs one row per pathway: change the pathway, rename or delete one of them.");
    assertRefusedInFrench(dmn, "Table des délais, lignes 7 et 15 : toutes deux sont « CNEDIMTS_OPINION » pour le"
        + " parcours PECAN. Chaque délai a une ligne par parcours : changez le parcours, renommez ou supprimez l’une"
        + " d’elles.");
  }

  @Test
  void shouldRefuseAPathwayInLowerCase() {
    String dmn = withCell(shipped(), "UnaryTests_PecanCnedimtsOpinion_Pathway", "\"pecan\"");

    assertRefused(dmn, "Deadlines table, row 7 (CNEDIMTS_OPINION): the pathway must be one quoted name in capitals"
        + " such as \"PECAN\", or - for every pathway, not '\"pecan\"'.");
  }

  @Test
  void shouldRefuseATableWithoutRows() {
    String dmn = Pattern.compile("\\s*<rule id=.*?</rule>", Pattern.DOTALL).matcher(shipped()).replaceAll("");
    assertThat(dmn).doesNotContain("<rule ");

    assertRefused(dmn, "The deadlines table has no rows: every timer needs its window there.");
  }

  @Test
  void shouldRefuseATableWhoseDecisionHasAnotherId() {
    String dmn = replaceOnce(replaceOnce(shipped(), "<decision id=\"deadlines\"", "<decision id=\"windows\""),
        "dmnElementRef=\"deadlines\"", "dmnElementRef=\"windows\"");

    assertRefused(dmn, "bpmn/deadlines.dmn must hold a decision table with the id 'deadlines': set the"
        + " decision's id in Camunda Modeler.");
  }

  @Test
  void shouldRefuseAFileThatIsNotDmn() {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"Definitions_1\""
        + " targetNamespace=\"http://parcours.fr/bpmn\"><process id=\"deadlines\" isExecutable=\"true\"/>"
        + "</definitions>";

    assertThatThrownBy(() -> DeadlineTableReader.read(bpmn.getBytes(StandardCharsets.UTF_8), "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("La table des délais (bpmn/deadlines.dmn) n’est pas un fichier DMN lisible : ")
        .hasMessageContaining("(The deadlines table (bpmn/deadlines.dmn) is not a readable DMN file: ")
        .hasMessageContaining("Line=2: ")
        .hasMessageEndingWith(". Open it in Camunda Modeler and save it again.)");
  }

  @Test
  void shouldRefuseAFileThatIsNotXml() {
    byte[] text = "Window;Duration\nANS_COMPLEMENTS;P30D\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DeadlineTableReader.read(text, "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("La table des délais (bpmn/deadlines.dmn) n’est pas un fichier DMN lisible : ")
        .hasMessageContaining("(The deadlines table (bpmn/deadlines.dmn) is not a readable DMN file: ")
        .hasMessageContaining("Line=1: ")
        .hasMessageEndingWith(". Open it in Camunda Modeler and save it again.)");
  }

  // ---- helpers ----

  /** Refused with the English sentence given, after its French one (the process owner reads French first). */
  static void assertRefused(String dmn, String message) {
    assertThatThrownBy(() -> DeadlineTableReader.read(dmn.getBytes(StandardCharsets.UTF_8), "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageEndingWith(" (" + message + ")")
        .message().matches(french -> french.startsWith("Table des délais") || french.startsWith("La table des délais")
            || french.startsWith("bpmn/deadlines.dmn doit"), "starts with its French sentence");
  }

  static void assertRefusedInFrench(String dmn, String french) {
    assertThatThrownBy(() -> DeadlineTableReader.read(dmn.getBytes(StandardCharsets.UTF_8), "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith(french + " (");
  }

  /** The table as shipped in {@code bpmn/deadlines.dmn}, from the classpath the application deploys. */
  static String shipped() {
    try (InputStream in = DeadlineTableReaderTest.class.getResourceAsStream("/bpmn/deadlines.dmn")) {
      assertThat(in).as("bpmn/deadlines.dmn on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The table with the text of one cell (an input or output entry, by its id) replaced. */
  static String withCell(String dmn, String entryId, String text) {
    Matcher cell = Pattern.compile("(<(?:inputEntry|outputEntry) id=\"" + Pattern.quote(entryId)
        + "\">\\s*<text>)[^<]*(</text>)").matcher(dmn);
    assertThat(cell.find()).as("cell " + entryId + " in deadlines.dmn").isTrue();
    String changed = dmn.substring(0, cell.start()) + cell.group(1) + escape(text) + cell.group(2)
        + dmn.substring(cell.end());
    assertThat(changed).as("cell " + entryId + " changed").isNotEqualTo(dmn);
    return changed;
  }

  static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("'" + from + "' in deadlines.dmn").isNotNegative();
    assertThat(text.indexOf(from, at + 1)).as("'" + from + "' only once in deadlines.dmn").isNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }
}
