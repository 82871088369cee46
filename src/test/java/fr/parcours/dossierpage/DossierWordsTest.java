package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.DeadlineTableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The words of the dossier pages stay complete in both languages (as PetClinic's I18nPropertiesSyncTest keeps
 * its copies in sync): the same keys in French and English, a name for every window of the deadlines table (a
 * new pathway's windows included), and no plain apostrophe in a text with arguments, where it would swallow them.
 */
class DossierWordsTest {

  static Properties load(String name) throws IOException {
    Properties words = new Properties();
    try (InputStream in = DossierWordsTest.class.getResourceAsStream("/i18n/" + name)) {
      assertThat(in).as(name).isNotNull();
      words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return words;
  }

  @Test
  void shouldHaveTheSameKeysInFrenchAndEnglish() throws IOException {
    Set<String> french = new TreeSet<>(load("dossiers.properties").stringPropertyNames());
    Set<String> english = new TreeSet<>(load("dossiers_en.properties").stringPropertyNames());
    assertThat(english).as("keys missing in English").containsAll(french);
    assertThat(french).as("keys missing in French").containsAll(english);
  }

  @Test
  void shouldNameEveryWindowOfTheDeadlinesTableInBothLanguages() throws IOException {
    Set<String> windows = new TreeSet<>();
    for (DeadlineRule rule : DeadlineTableReader.read(Files.readAllBytes(Paths.get("bpmn", "deadlines.dmn")), "test")
        .rules()) {
      windows.add("window." + rule.id());
    }
    assertThat(windows).isNotEmpty();
    assertThat(load("dossiers.properties").stringPropertyNames()).containsAll(windows);
    assertThat(load("dossiers_en.properties").stringPropertyNames()).containsAll(windows);
  }

  /**
   * F19: the dossier pages show a window's "starts on" and "source" in the page's language, from the deadlines table,
   * which holds both (the reader refuses an empty French cell at start-up); a French cell that copies the English
   * one is not French.
   */
  @Test
  void shouldWriteEveryRowsStartAndSourceInFrenchInTheDeadlinesTable() throws IOException {
    List<String> untranslated = new ArrayList<>();
    java.util.Collection<DeadlineRule> rules = DeadlineTableReader.read(Files.readAllBytes(Paths.get("bpmn", "deadlines.dmn")), "test")
        .rules();
    for (DeadlineRule rule : rules) {
      if (rule.startsOnFr().isBlank() || rule.startsOnFr().equals(rule.startsOn())) {
        untranslated.add("row " + rule.row() + " (" + rule.id() + "): startsOnFr '" + rule.startsOnFr() + "'");
      }
      if (rule.source().isBlank() != rule.sourceFr().isBlank() || hasEnglishWords(rule.sourceFr())) {
        untranslated.add("row " + rule.row() + " (" + rule.id() + "): sourceFr '" + rule.sourceFr() + "'");
      }
      if (hasEnglishWords(rule.startsOnFr())) {
        untranslated.add("row " + rule.row() + " (" + rule.id() + "): startsOnFr '" + rule.startsOnFr() + "'");
      }
    }
    assertThat(rules).hasSizeGreaterThan(28);
    assertThat(untranslated).isEmpty();
  }

  private static boolean hasEnglishWords(String text) {
    return Pattern.compile("\\b(the|of|by|from|received|requested|to|sets|no|length|chosen|as|be)\\b",
        Pattern.CASE_INSENSITIVE).matcher(text).find();
  }

  @Test
  void shouldWriteNoPlainApostropheInATextWithArguments() throws IOException {
    Pattern argument = Pattern.compile("\\{\\d}");
    for (String file : new String[] {"dossiers.properties", "dossiers_en.properties"}) {
      Properties words = load(file);
      for (String key : words.stringPropertyNames()) {
        String text = words.getProperty(key);
        Matcher args = argument.matcher(text);
        if (args.find()) {
          assertThat(text).as(file + " " + key + ": write ’ (a plain ' starts a quote in MessageFormat)")
              .doesNotContain("'");
        }
      }
    }
  }
}
