package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain-text part of the mails, which many mail programs show first: it says what the HTML part says, with the
 * dossier's values, never a variable's name. The French text of "compte Convergence ouvert" read "L’ANS a ouvert le
 * compte Convergence de companyName." (seen in the demo mailbox, walk of 3 December 2026), while its HTML part named
 * the company.
 */
class MailTextTemplatesTest {

  static final Path MAILS = Path.of("mails");
  /** A Thymeleaf expression of the text templates: {@code [(${...})]}, {@code [[${...}]]}, {@code [# th:if="..."]}. */
  static final Pattern EXPRESSION = Pattern.compile("\\[\\(.*?\\)\\]|\\[\\[.*?\\]\\]|\\[#[^\\]]*\\]|\\[/\\]");
  static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)\\}");
  /** A variable's name as the diagrams and forms write them: camelCase (companyName, softwareVersion). */
  static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z0-9]*\\b");

  final MailTemplates templates = new MailTemplates();

  @Test
  void shouldNameTheCompanyInTheTextOfTheConvergenceAccountMail() {
    Map<String, Object> model = new HashMap<>(Map.of("dossierId", "DMN-2026-ABCDE", "softwareName", "CardioWatch",
        "softwareVersion", "2.1", "companyName", "MediSoft SAS",
        "taskLink", "https://parcours.example/dossiers/DMN-2026-ABCDE/tache",
        "dossierLink", "https://parcours.example/dossiers/DMN-2026-ABCDE",
        "noDeadline", "Aucun délai réglementaire ne s’applique à cette étape."));
    for (Language language : Language.values()) {
      RenderedMail mail = templates.render(NotificationEvent.CONVERGENCE_ACCOUNT_OPENED, language, model);
      assertThat(mail.text()).as(language.name()).contains(language == Language.EN
          ? "Convergence account of MediSoft SAS" : "compte Convergence de MediSoft SAS").doesNotContain("companyName");
    }
  }

  /**
   * A length written as a number or a word: "60 jours", "sous 15 jours", "plus de six mois", "60 days", "six months".
   */
  static final Pattern LENGTH = Pattern.compile("\\b(\\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze"
      + "|quinze|trente|soixante|quatre-vingt-dix|one|two|three|four|five|seven|eight|nine|ten|twelve|fifteen|thirty"
      + "|sixty|ninety)\\W{0,4}(days?|weeks?|months?|years?|jours?|semaines?|mois|ans?)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  /**
   * The lengths a mail may state, which are not windows of Parcours: the appeal periods of administrative law (code de
   * justice administrative, art. R. 421-1; code des relations entre le public et l’administration, art. L. 231-4),
   * which the refusal of the ministers must quote with the decision (seed 001 §12, "voies et délais de recours"), and
   * the age of the Kbis extract that Convergence asks for.
   */
  static final List<String> NOT_A_WINDOW = List.of(
      "dans un délai de deux mois à compter de sa notification", "le silence gardé pendant deux mois vaut rejet",
      "within two months of its notification", "silence for two months amounts to a rejection",
      "two months of silence mean a rejection", "extrait Kbis de la société de moins de trois mois",
      "Kbis extract, less than three months old");

  /** The lengths a template's text states, the appeal periods left out. */
  static List<String> lengthsStated(String text) {
    String read = text.replaceAll("\\s+", " ");
    for (String allowed : NOT_A_WINDOW) {
      read = read.replace(allowed, "");
    }
    List<String> found = new ArrayList<>();
    Matcher length = LENGTH.matcher(read);
    while (length.find()) {
      found.add(length.group());
    }
    return found;
  }

  /**
   * No mail and no document states a window's length: the deadlines table decides every length, and a process owner
   * who changes a row must not leave "60 jours" in a mail (the generic line's "received" mail said "dans les 60 jours
   * … 15 jours", the provisional certificate "sous 15 jours"). A mail gives the window's last day ({@code dueDate}),
   * or its length from the table ({@code [(${lengths['MINISTERS_DECISION']})]}, filled by {@link VendorMail}), or
   * sends the person to the dossier page, which shows the last day.
   */
  @Test
  void noMailOrDocumentShouldStateALengthThatTheDeadlinesTableDecides() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> templates = new ArrayList<>();
    for (Path folder : List.of(MAILS, Path.of("documents"))) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".html")).forEach(templates::add);
      }
    }
    assertThat(templates).as("the mail and document templates, fr and en, html and txt").hasSizeGreaterThan(100);
    for (Path template : templates) {
      lengthsStated(Files.readString(template)).forEach(length -> problems.add(template + " states '" + length
          + "': write [(${lengths['<row>']})] or the window's last day, or send the person to the dossier page"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldCatchALengthPutBackInAMailButNotTheAppealPeriodsOfARefusal() {
    // the sentences the mails had before the deadlines table gave them their lengths
    assertThat(lengthsStated("Les ministres l’évaluent dans les 60 jours suivant la réception ; s’il manque des"
        + " informations, vous aurez 15 jours pour les fournir")).containsExactly("60 jours", "15 jours");
    assertThat(lengthsStated("ou d’évolution depuis plus de six mois,")).containsExactly("six mois");
    assertThat(lengthsStated("le code vous est attribué par indication sous\n    15\u00a0jours.")).hasSize(1);
    assertThat(lengthsStated("The ministers have 60 days from receipt; more than six months; 1 month"))
        .containsExactly("60 days", "six months", "1 month");
    // what is not a window of Parcours: the time to fill a form, the appeal periods, a length from the table
    assertThat(lengthsStated("environ 30 minutes ; dans un délai de deux mois à compter de sa notification ; le"
        + " silence gardé pendant deux mois vaut rejet ; sous [(${lengths['GENERIC_BILLING_CODE']})].")).isEmpty();
  }

  /** Every {@code lengths['…']} a template reads names a row of the deadlines table: a misspelt one would be blank. */
  @Test
  void shouldReadOnlyLengthsOfRowsTheDeadlinesTableHas() throws IOException {
    String table = Files.readString(Path.of("bpmn", "deadlines.dmn"));
    Pattern read = Pattern.compile("lengths\\['([^']*)'\\]");
    List<String> unknown = new ArrayList<>();
    int reads = 0;
    for (Path folder : List.of(MAILS, Path.of("documents"))) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        Matcher row = read.matcher(Files.readString(file));
        while (row.find()) {
          reads++;
          if (!table.contains("<text>\"" + row.group(1) + "\"</text>")) {
            unknown.add(file + ": " + row.group(1));
          }
        }
      }
    }
    assertThat(reads).as("lengths read from the table").isGreaterThanOrEqualTo(16);
    assertThat(unknown).isEmpty();
  }

  @Test
  void shouldWriteNoVariableNameAsPlainTextInAnyTextTemplate() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> texts;
    try (Stream<Path> files = Files.walk(MAILS)) {
      texts = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(texts).as("the text templates under mails/").hasSizeGreaterThan(50);
    for (Path text : texts) {
      String template = Files.readString(text);
      Set<String> variables = new HashSet<>();
      Matcher variable = VARIABLE.matcher(template);
      while (variable.find()) {
        Matcher name = CAMEL_CASE.matcher(variable.group(1));
        while (name.find()) {
          variables.add(name.group());
        }
      }
      String plain = EXPRESSION.matcher(template).replaceAll(" ");
      Matcher word = CAMEL_CASE.matcher(plain);
      while (word.find()) {
        if (variables.contains(word.group())) {
          found.add(MAILS.relativize(text) + ": " + word.group());
        }
      }
    }
    assertThat(found).as("variable names written as plain text instead of [(${name})]").isEmpty();
  }

  /**
   * A mail that sends the person to Tasklist links to it, as a task's mail links to its task: the draft opinion's
   * mail named the task « Répondre au projet d’avis » in Tasklist and gave no link while the task waited for the
   * vendor (the link of the task, {@code taskLink}, or of Tasklist, {@code tasklistLink}); the HTML and the text part.
   */
  @Test
  void aMailThatNamesTasklistShouldLinkToIt() throws IOException {
    List<String> unlinked = new ArrayList<>();
    List<Path> mails;
    try (Stream<Path> files = Files.walk(MAILS)) {
      mails = files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".html")).sorted().toList();
    }
    int naming = 0;
    for (Path mail : mails) {
      String template = Files.readString(mail);
      if (!template.contains("Tasklist")) {
        continue;
      }
      naming++;
      if (!template.contains("${taskLink}") && !template.contains("${tasklistLink}")) {
        unlinked.add(MAILS.relativize(mail).toString());
      }
    }
    assertThat(naming).as("mails that name Tasklist").isGreaterThan(40);
    assertThat(unlinked).as("mails that name Tasklist without its link").isEmpty();
  }

  /**
   * Walk 14: the CNEDiMTS' request for complements linked its task but not the dossier page, which the other mails of
   * a dossier give (« Où en est votre dossier, ses délais et ses courriels »). A mail that links a task of the dossier
   * links its page too, in both languages and both forms. Walk 22: the transitional candidature's receipt named its
   * tasks and linked Tasklist's home page, where the other mails link the dossier's task ({@code taskLink},
   * {@code /dossiers/<n>/tache/<part>}: the task, or the list of the part's tasks); a mail that names a task of the
   * dossier links it, not Tasklist's home alone.
   */
  @Test
  void aMailThatLinksADossiersTaskShouldLinkItsPageToo() throws IOException {
    List<String> withoutPage = new ArrayList<>();
    List<String> toTasklistsHome = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAILS)) {
      for (Path mail : files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".html")).sorted()
          .toList()) {
        String template = Files.readString(mail);
        if (template.contains("${taskLink}") && !template.contains("${dossierLink}")) {
          withoutPage.add(MAILS.relativize(mail).toString());
        }
        String name = mail.getFileName().toString().replaceAll("\\.(txt|html)$", "");
        if (NAMES_A_TASK.matcher(template).find() && template.contains("${tasklistLink}")
            && !template.contains("${taskLink}") && !TASKS_OF_SEVERAL_PARTS.containsKey(name)) {
          toTasklistsHome.add(MAILS.relativize(mail).toString());
        }
      }
    }
    assertThat(withoutPage).as("mails that link a task of the dossier but not its page").isEmpty();
    assertThat(toTasklistsHome).as("mails that name a task of the dossier but link Tasklist's home, not the task")
        .isEmpty();
  }

  /** A task named in a mail: « la tâche « Déposer les preuves » », the task "Déposer les preuves". */
  static final Pattern NAMES_A_TASK = Pattern.compile("tâches? «|tasks? \"");

  /**
   * Mails that name tasks of several parts of the dossier and link Tasklist's home, which lists them all: the link of
   * a part ({@code taskLink}) would open one part's task only.
   */
  static final Map<String, String> TASKS_OF_SEVERAL_PARTS = Map.of("brand-name-filings-open",
      "« Déposer la demande sur Sésame » is the Sésame filing's, « Déposer le dossier de prix au CEPS » the brand"
          + " name's");

  @Test
  void shouldLinkTheDraftOpinionsMailToTheTaskThatAnswersIt() {
    Map<String, Object> model = new HashMap<>(Map.of("dossierId", "DMN-2026-ABCDE", "softwareName", "CardioWatch",
        "softwareVersion", "2.1", "companyName", "MediSoft SAS", "dueDate", "10 décembre 2026",
        "taskLink", "https://parcours.example/dossiers/DMN-2026-ABCDE/tache/cnedimts-opinion",
        "dossierLink", "https://parcours.example/dossiers/DMN-2026-ABCDE"));
    for (Language language : Language.values()) {
      RenderedMail mail = templates.render(NotificationEvent.CNEDIMTS_DRAFT_OPINION, language, model);
      String task = language == Language.EN ? "the task \"Répondre au projet d’avis\" (Answer the draft opinion), in"
          + " Tasklist:\n" : "la tâche « Répondre au projet d’avis », dans Tasklist :\n";
      assertThat(mail.text()).as(language.name())
          .contains(task + "https://parcours.example/dossiers/DMN-2026-ABCDE/tache/cnedimts-opinion");
      assertThat(mail.html()).as(language.name())
          .contains("href=\"https://parcours.example/dossiers/DMN-2026-ABCDE/tache/cnedimts-opinion\"");
    }
  }
}
