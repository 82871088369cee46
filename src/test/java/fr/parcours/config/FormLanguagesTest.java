package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * F18 of the third new-user walk: the reviewers (ANS, HAS, CNEDiMTS, ministry, CNAM) read French only, and a vendor
 * reads the language of the dossier's correspondence, as its mails do ({@code correspondenceLanguage}, chosen in the
 * candidature): French, plus the English only for a dossier in English. Forms are read here as each reader sees them
 * (form-js shows {@code {{#if correspondenceLanguage = "EN"}}…{{/if}}} only for a dossier in English): an agency's
 * form (every form that is not a vendor's task's, start forms included) has no English at all and no such block;
 * a vendor's form has English only inside it.
 */
class FormLanguagesTest {

  /** How a vendor's form shows a text to a dossier in English only (form-js templating, a FEEL condition). */
  static final String IF_ENGLISH = "{{#if correspondenceLanguage = \"EN\"}}";
  private static final Pattern ENGLISH_BLOCK = Pattern.compile(Pattern.quote(IF_ENGLISH) + "(.*?)\\{\\{/if}}",
      Pattern.DOTALL);
  /** Another condition on the language (a reviewer of a dossier in English would read it). */
  private static final Pattern ANY_LANGUAGE_CONDITION = Pattern.compile("\\{\\{#if[^}]*correspondenceLanguage");
  /** What form-js replaces before a person reads the text, and the addresses of links (read as their text). */
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}|]\\([^)]*\\)");
  /** Words that are English and never French: one of them in a text is English read by a French reader. */
  private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "of", "to", "time", "limit", "until",
      "included", "agency", "give", "given", "vendor", "days", "least", "with", "for", "your", "you", "this",
      "that", "from", "by", "will", "should", "must", "please", "analysis", "started", "paused", "left", "after",
      "today", "request", "answer", "deadline", "submit", "upload", "evidence", "complete", "not",
      // the parts of a name to write, as the fourth walk read them in the French deposit form
      "operator", "devicename", "sendnumber", "ddmmyy");
  private static final Pattern WORD = Pattern.compile("\\p{L}+");

  @Test
  void shouldShowAgenciesNoEnglishAndVendorsEnglishOnlyForADossierInEnglish() throws IOException {
    Set<String> vendorForms = vendorForms();
    assertThat(vendorForms).as("the vendors' task forms").contains("provide-complements", "correct-non-conformity")
        .doesNotContain("review-evidence", "examine-application");
    List<String> problems = new ArrayList<>();
    int englishBlocks = 0;
    for (Path file : FormFiles.all()) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      String formId = form.path("id").asText();
      boolean vendor = vendorForms.contains(formId);
      for (String shown : shownTexts(form)) {
        if (ANY_LANGUAGE_CONDITION.matcher(shown.replace(IF_ENGLISH, "")).find()) {
          problems.add(file + ": a condition on the language other than " + IF_ENGLISH + ": " + shown);
        }
        Matcher blocks = ENGLISH_BLOCK.matcher(shown);
        if (blocks.find()) {
          englishBlocks++;
          if (!vendor) {
            problems.add(file + ": an agency's form (or a start form) shows English to a dossier in English,"
                + " and its reviewers read French only: " + blocks.group());
          }
        }
        List<String> english = englishWords(ENGLISH_BLOCK.matcher(shown).replaceAll(" "));
        if (!english.isEmpty()) {
          problems.add(file + ": " + (vendor ? "a French vendor" : "a reviewer") + " reads English " + english
              + " in: " + shown);
        }
      }
    }
    assertThat(englishBlocks).as("the vendors' forms that show the time limit in English too")
        .isGreaterThanOrEqualTo(8);
    assertThat(problems).isEmpty();
  }

  /** The detector itself: what it finds in the sentence F18 found, and what it leaves in French text. */
  @Test
  void shouldFindTheEnglishOfTheWalkAndNothingInFrench() {
    String walk = "Corrigez-la et décrivez ici la correction **{{dueUntil}}** (time limit: {{dueUntilEn}}) ;"
        + " l’auditeur la vérifiera.";
    assertThat(englishWords(walk)).containsExactly("time", "limit");
    String vendor = walk.replace(" (time limit: {{dueUntilEn}})", IF_ENGLISH + " (time limit: {{dueUntilEn}}){{/if}}");
    assertThat(englishWords(ENGLISH_BLOCK.matcher(vendor).replaceAll(" "))).isEmpty();
    assertThat(englishWords("Le délai de réponse est fixé par l’agence : au moins {{minimumLength}}. (The agency"
        + " sets the time to answer, at least {{minimumLengthEn}})")).contains("the", "agency", "least");
    assertThat(englishWords("Déposez le règlement signé sur la page « Extrait Kbis » ; on vous répond sous 60"
        + " jours, à l’ANS, pour la CNEDiMTS, de la CNAM (SIREN, IUD-ID, INS, RGPD, PDF, Sésame, Convergence).")).isEmpty();
    // the fourth walk: the archive's name to write, its parts in English in the French deposit form
    assertThat(englishWords("Nommez chaque archive `<Operator>_<DeviceName>_<Version>_<DDMMYY>_<sendNumber>.zip`"))
        .containsExactly("Operator", "DeviceName", "DDMMYY", "sendNumber");
    assertThat(englishWords("Nommez chaque archive `<Exploitant>_<NomDuDispositif>_<Version>_<JJMMAA>_<NuméroEnvoi>.zip`"))
        .isEmpty();
  }

  private static List<String> englishWords(String shown) {
    List<String> found = new ArrayList<>();
    Matcher word = WORD.matcher(TEMPLATE.matcher(shown).replaceAll(" "));
    while (word.find()) {
      if (ENGLISH_WORDS.contains(word.group().toLowerCase(Locale.ROOT))) {
        found.add(word.group());
      }
    }
    return found;
  }

  /** Every text of a form that a person reads: texts, labels, descriptions, the choices' labels. */
  private static List<String> shownTexts(JsonNode form) {
    List<String> texts = new ArrayList<>();
    for (String key : List.of("text", "label", "description", "dateLabel", "placeholder")) {
      form.findValues(key).stream().filter(JsonNode::isTextual).forEach(value -> texts.add(value.asText()));
    }
    return texts;
  }

  /**
   * The forms of the vendors' tasks ({@code ${vendorGroup}}), in the diagrams deployed now and the earlier versions
   * still running.
   */
  private static Set<String> vendorForms() throws IOException {
    Set<String> forms = new HashSet<>();
    for (Path folder : List.of(Path.of("bpmn"), Path.of("src", "test", "resources", "legacy"))) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path diagram : paths.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
          for (UserTask task : Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(UserTask.class)) {
            if ("${vendorGroup}".equals(task.getCamundaCandidateGroups()) && task.getCamundaFormRef() != null) {
              forms.add(task.getCamundaFormRef());
            }
          }
        }
      }
    }
    return forms;
  }
}
