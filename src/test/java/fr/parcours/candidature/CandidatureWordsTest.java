package fr.parcours.candidature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The candidature's refusals have their English: every French sentence of {@code i18n/candidature.properties} has one
 * of its own in {@code candidature_en.properties}, with the same values put in, and every sentence the code asks for
 * exists in both. A French check added without its English fails here.
 */
class CandidatureWordsTest {

  private static final Pattern PLACE = Pattern.compile("\\{[0-9]+}");
  private static final Pattern ASKED = Pattern.compile("CandidatureWords\\.of\\(\\s*\"([^\"]+)\"");

  @Test
  void shouldGiveEveryFrenchSentenceItsOwnEnglishWithTheSameValues() throws IOException {
    Properties french = load("i18n/candidature.properties");
    Properties english = load("i18n/candidature_en.properties");
    List<String> wrong = new ArrayList<>();
    for (String key : new TreeSet<>(french.stringPropertyNames())) {
      String fr = french.getProperty(key);
      String en = english.getProperty(key);
      if (en == null || en.isBlank()) {
        wrong.add(key + " has no English");
      } else if (en.equals(fr) && !key.startsWith("rejected.")) {
        wrong.add(key + " copies the French");
      } else if (!places(fr).equals(places(en))) {
        wrong.add(key + " puts in " + places(en) + " in English, " + places(fr) + " in French");
      }
    }
    for (String key : english.stringPropertyNames()) {
      if (!french.containsKey(key)) {
        wrong.add(key + " is English without French");
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldFindEverySentenceTheCodeAsksFor() throws IOException {
    Properties french = load("i18n/candidature.properties");
    Set<String> asked = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = ASKED.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).endsWith(".")) { // "missing." + key: the next test says each
            asked.add(m.group(1));
          }
        }
      }
    }
    assertThat(asked).contains("siren.key", "ceNotMarked", "companyName.notTheAccounts", "plannedDate.past");
    assertThat(french.stringPropertyNames()).containsAll(asked);
  }

  @Test
  void shouldSayEveryMissingFieldAndUnknownChoiceInBothLanguages() {
    Map<String, Object> empty = new HashMap<>();
    empty.put("ceMarked", true);
    empty.put("applicantKind", "GROUP_LEAD");
    empty.put("groupMembers", List.of(Map.of("memberNie", "x")));
    empty.put("additionalComponents", List.of(Map.of()));
    Map<String, Object> unknown = CandidatureFixtures.validVariables();
    for (String key : List.of("deviceClass", "correspondenceLanguage", "representativeCivility", "applicantKind")) {
      unknown.put(key, "??");
    }
    List<FieldProblem> problems = new ArrayList<>(new CandidatureValidator().problemsAtSubmission(
        Candidature.from(empty)));
    problems.addAll(new CandidatureValidator().problemsAtStart(Candidature.from(unknown)));
    assertThat(problems).hasSizeGreaterThan(25).allSatisfy(p -> {
      assertThat(p.words().english()).as(p.field()).isNotBlank().isNotEqualTo(p.message()).doesNotContain("{");
      assertThat(p.message()).as(p.field()).doesNotContain("{");
    });
  }

  @Test
  void shouldAddTheEnglishInBracketsAfterTheFrenchForAVendorWhoAskedForIt() {
    Map<String, Object> form = CandidatureFixtures.validVariables();
    form.put("siren", "552100555");
    List<FieldProblem> problems = new CandidatureValidator().problemsAtStart(Candidature.from(form));
    String french = "La candidature ne peut pas être acceptée : SIREN : Le SIREN « 552100555 » a une clé de contrôle"
        + " fausse : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise.";

    assertThat(new CandidatureRejectedException(problems).getMessage()).isEqualTo(french);
    assertThat(new CandidatureRejectedException(problems, true).getMessage()).isEqualTo(french
        + " (The candidature cannot be accepted: SIREN: The SIREN “552100555” has a wrong check digit: copy the 9"
        + " digits from the company's Kbis extract.)");
  }

  @Test
  void shouldNeverPutInAValueTheVendorTypedTwice() {
    assertThat(CandidatureWords.of("email.invalid", "{0}{1}").french()).startsWith("« {0}{1} »");
  }

  private static Set<String> places(String sentence) {
    Set<String> found = new TreeSet<>();
    PLACE.matcher(sentence).results().forEach(r -> found.add(r.group()));
    return found;
  }

  private static Properties load(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = CandidatureWordsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
