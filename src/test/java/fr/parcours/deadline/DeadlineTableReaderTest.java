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
    assertThat(analysis.source()).startsWith("002 §11.a (");
    // F19: the same in French, for the French pages
    assertThat(analysis.startsOnFr()).isEqualTo("Dépôt de toutes les preuves");
    assertThat(analysis.startsOn(java.util.Locale.FRENCH)).isEqualTo("Dépôt de toutes les preuves");
    assertThat(analysis.startsOn(java.util.Locale.ENGLISH)).isEqualTo("All evidence submitted");
    // the table writes the seed's number (003 §6.2); a person reads the document and its point
    assertThat(table.require("AUDIT_CORRECTION").sourceFr()).startsWith("003 §6.2 (le guide ne fixe pas de durée");
    assertThat(table.require("AUDIT_CORRECTION").source(java.util.Locale.FRENCH))
        .startsWith("guide « DMN à visée thérapeutique ou diagnostique » (avril 2025), point 6.2 (le guide ne fixe pas"
            + " de durée");

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

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : vaut \">= -P10D\" : une"
        + " agence fixe une durée vers l’avant ; écrivez-la comme >= P10D.");
  }

  @Test
  void shouldNameTheWindowAndTheRowThatAreMissingWhenATimerAsksForAnUnknownWindow() {
    DeadlineTable table = DeadlineTableReader.read(shipped().getBytes(StandardCharsets.UTF_8), "deadlines:4");

    assertThatThrownBy(() -> table.require("NO_SUCH_WINDOW"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("Aucun délai « NO_SUCH_WINDOW » dans la table des délais (bpmn/deadlines.dmn,"
            + " deadlines:4) : ajoutez-lui une ligne ou utilisez l’un de [CONVERGENCE_ACCOUNT,")
        .hasMessageEndingWith(", AUDIT_CORRECTION]").hasMessageNotContaining("No response window");
  }

  // ---- one bad cell ----

  @Test
  void shouldRefuseADurationWrittenInWords() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"30 days\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : « 30 days » n’est pas"
        + " une durée lisible : écrivez-la comme P3D, P4W, P6M ou P1Y, ou >= P10D quand l’agence fixe la durée.");
  }

  @Test
  void shouldRefuseAWindowInHoursBecauseTheLawCountsWholeDays() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"PT72H\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : vaut \"PT72H\", une"
        + " durée en heures ; un délai se compte en jours entiers (Code de procédure civile, art. 641) : écrivez-le"
        + " comme P3D, P4W, P6M ou P1Y.");
  }

  @Test
  void shouldRefuseAnEmptyDuration() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "\"\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : est vide :"
        + " remplissez-la.");
  }

  @Test
  void shouldRefuseAnEmptyDurationCell() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : est vide : écrivez-la"
        + " comme un texte entre guillemets.");
  }

  @Test
  void shouldRefuseADurationWithoutQuotes() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Duration", "P30D");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : doit être un texte entre"
        + " guillemets comme \"P30D\", pas « P30D ».");
  }

  @Test
  void shouldRefuseTwoRowsWithTheSameWindowId() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "\"ANS_ANALYSIS\"");

    assertRefused(dmn, "Table des délais, lignes 2 et 3 : toutes deux sont « ANS_ANALYSIS » pour tous les parcours."
        + " Chaque délai a une ligne par parcours : changez le parcours, renommez ou supprimez l’une d’elles.");
  }

  @Test
  void shouldRefuseAWindowIdInLowerCase() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "\"ans_complements\"");

    assertRefused(dmn, "Table des délais, ligne 3 : l’id du délai doit être un nom entre guillemets, en majuscules,"
        + " comme \"ANS_ANALYSIS\", pas « \"ans_complements\" ».");
  }

  @Test
  void shouldRefuseAWindowIdWithoutQuotes() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "ANS_COMPLEMENTS");

    assertRefused(dmn, "Table des délais, ligne 3 : l’id du délai doit être un nom entre guillemets, en majuscules,"
        + " comme \"ANS_ANALYSIS\", pas « ANS_COMPLEMENTS ».");
  }

  @Test
  void shouldRefuseAnEmptyWindowId() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "");

    assertRefused(dmn, "Table des délais, ligne 3 : l’id du délai doit être un nom entre guillemets, en majuscules,"
        + " comme \"ANS_ANALYSIS\", pas une cellule vide.");
  }

  @Test
  void shouldRefuseAnUnknownOwner() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Owner", "\"SUPPLIER\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « owner » : vaut \"SUPPLIER\" ;"
        + " choisissez l’une des valeurs [VENDOR, AGENCY].");
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

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « onExpiry » : vaut \"CANCELLED\" ;"
        + " choisissez l’une des valeurs [DEEMED_ABANDONED, DEPRIORITISED, REMINDER, DECISION_DUE, FLAGGED_LATE,"
        + " CERTIFICATE_WITHDRAWN, PARCOURS_REMINDER].");
  }

  @Test
  void shouldRefuseAnUnknownWhileWaiting() {
    String dmn = withCell(shipped(), COMPLEMENTS + "WhileWaiting", "\"STOPS\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « whileWaiting » : vaut \"STOPS\" ;"
        + " choisissez l’une des valeurs [RUNS, PAUSES, RESTARTS].");
  }

  @Test
  void shouldRefuseWorkingDaysThatIsNotABoolean() {
    String dmn = withCell(shipped(), COMPLEMENTS + "WorkingDays", "\"yes\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « workingDays » : doit valoir true ou"
        + " false, pas « \"yes\" ».");
  }

  @Test
  void shouldRefuseAnUnreadableReminder() {
    String dmn = withCell(shipped(), COMPLEMENTS + "ReminderBefore", "\"a week\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « reminderBefore » : « a week » n’est"
        + " pas une durée lisible : écrivez-la comme P3D, P4W, P6M ou P1Y.");
  }

  // ---- the French of the pages (F19) ----

  @Test
  void shouldRefuseARowWithoutItsStartInFrench() {
    String dmn = withCell(shipped(), COMPLEMENTS + "StartsOnFr", "\"\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « startsOnFr » : est vide :"
        + " remplissez-la.");
  }

  @Test
  void shouldRefuseASourceWithoutItsFrench() {
    String dmn = withCell(shipped(), COMPLEMENTS + "SourceFr", "");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « sourceFr » : est vide alors que «"
        + " source » est écrite : écrivez la source en français (les pages en français la montrent).");
  }

  @Test
  void shouldRefuseASourceInFrenchOnly() {
    String dmn = withCell(shipped(), COMPLEMENTS + "Source", "\"\"");

    assertRefused(dmn, "Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « sourceFr » : est écrite alors que «"
        + " source » est vide : écrivez aussi la source en anglais (les pages en anglais la montrent), ou videz les"
        + " deux.");
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

    assertRefused(dmn, "La table des délais doit avoir deux entrées (l’id du délai, puis le parcours) et les"
        + " colonnes de sortie [measures, duration, startsOn, owner, onExpiry, whileWaiting, workingDays,"
        + " reminderBefore, source, startsOnFr, sourceFr] ; il manque : [source]. Rétablissez les colonnes dans Camunda"
        + " Modeler (les noms de sortie distinguent majuscules et minuscules).");
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
        .hasMessageEndingWith(", AUDIT_CORRECTION]").hasMessageNotContaining("No response window");
  }

  @Test
  void shouldRefuseTwoRowsOfOneWindowForOnePathway() {
    String dmn = withCell(shipped(), "UnaryTests_BrandCnedimtsOpinion_Pathway", "\"PECAN\"");

    assertRefused(dmn, "Table des délais, lignes 7 et 15 : toutes deux sont « CNEDIMTS_OPINION » pour le parcours"
        + " PECAN. Chaque délai a une ligne par parcours : changez le parcours, renommez ou supprimez l’une d’elles.");
  }

  @Test
  void shouldRefuseAPathwayInLowerCase() {
    String dmn = withCell(shipped(), "UnaryTests_PecanCnedimtsOpinion_Pathway", "\"pecan\"");

    assertRefused(dmn, "Table des délais, ligne 7 (CNEDIMTS_OPINION) : le parcours doit être un nom entre"
        + " guillemets, en majuscules, comme \"PECAN\", ou - pour tous les parcours, pas « \"pecan\" ».");
  }

  @Test
  void shouldRefuseATableWithoutRows() {
    String dmn = Pattern.compile("\\s*<rule id=.*?</rule>", Pattern.DOTALL).matcher(shipped()).replaceAll("");
    assertThat(dmn).doesNotContain("<rule ");

    assertRefused(dmn, "La table des délais n’a aucune ligne : chaque minuteur y a besoin de son délai.");
  }

  @Test
  void shouldRefuseATableWhoseDecisionHasAnotherId() {
    String dmn = replaceOnce(replaceOnce(shipped(), "<decision id=\"deadlines\"", "<decision id=\"windows\""),
        "dmnElementRef=\"deadlines\"", "dmnElementRef=\"windows\"");

    assertRefused(dmn, "bpmn/deadlines.dmn doit contenir une table de décision d’id « deadlines » : donnez cet id à"
        + " la décision dans Camunda Modeler.");
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
        .hasMessageContaining("Line=2: ")
        .hasMessageEndingWith(". Ouvrez-la dans Camunda Modeler et enregistrez-la de nouveau.");
  }

  @Test
  void shouldRefuseAFileThatIsNotXml() {
    byte[] text = "Window;Duration\nANS_COMPLEMENTS;P30D\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DeadlineTableReader.read(text, "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessageStartingWith("La table des délais (bpmn/deadlines.dmn) n’est pas un fichier DMN lisible : ")
        .hasMessageContaining("Line=1: ")
        .hasMessageEndingWith(". Ouvrez-la dans Camunda Modeler et enregistrez-la de nouveau.");
  }

  // ---- helpers ----

  /** Refused with exactly the French sentence given, and nothing after it (no English repeat in parentheses). */
  static void assertRefused(String dmn, String french) {
    assertThatThrownBy(() -> DeadlineTableReader.read(dmn.getBytes(StandardCharsets.UTF_8), "undeployed"))
        .isInstanceOf(DeadlineTableException.class)
        .hasMessage(french);
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
