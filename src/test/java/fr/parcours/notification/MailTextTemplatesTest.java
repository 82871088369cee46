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
}
