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
