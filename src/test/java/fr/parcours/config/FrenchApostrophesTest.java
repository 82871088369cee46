package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * French text a person reads takes the typographic apostrophe (’), as the forms, the Tasklist translations and most
 * pages already did: "jusqu'au" in the time limits beside "d’analyse" on one form was the walk's finding. Checked in
 * the Java strings and the page templates and words of {@code src/main}, and in the French mails ({@code mails/fr},
 * whose dates and windows come from the same Java text); the diagrams and forms ({@code bpmn/}, {@code forms/}) are
 * not read here.
 */
class FrenchApostrophesTest {

  /** A French elision written with the straight apostrophe: l'un, d'au, qu'il, jusqu'au, aujourd'hui... */
  static final Pattern STRAIGHT = Pattern.compile(
      "(?iu)(?<![\\p{L}])(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quelqu|presqu|aujourd)'(?=\\p{L})");
  static final Pattern JAVA_STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  @Test
  void shouldWriteTheTypographicApostropheInFrenchText() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main")), Files.walk(Path.of("mails", "fr")))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        boolean java = name.endsWith(".java");
        boolean page = file.startsWith(Path.of("src/main/resources/templates")) && name.endsWith(".html");
        boolean words = name.equals("dossiers.properties");
        boolean mail = file.startsWith(Path.of("mails", "fr"));
        if (!java && !page && !words && !mail) {
          continue;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          for (String text : java ? strings(line) : List.of(line)) {
            if (STRAIGHT.matcher(text).find()) {
              found.add(file + ":" + (i + 1) + ": " + line.strip());
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertThat(found).as("French text with the straight apostrophe: write ’ (never in a camunda: expression, SQL or"
        + " a property key)").isEmpty();
  }

  @Test
  void shouldTellAnElisionFromEnglishAndFromQuotedCode() {
    assertThat(STRAIGHT.matcher("jusqu'au 2 avril").find()).isTrue();
    assertThat(STRAIGHT.matcher("Dernier jour aujourd'hui.").find()).isTrue();
    assertThat(STRAIGHT.matcher("L'adresse").find()).isTrue();
    assertThat(STRAIGHT.matcher("the company's group").find()).isFalse();
    assertThat(STRAIGHT.matcher("doesn't exist").find()).isFalse();
    assertThat(STRAIGHT.matcher("status = 'd' and x in ('l')").find()).isFalse();
    assertThat(STRAIGHT.matcher("jusqu’au 2 avril").find()).isFalse();
  }

  private static List<String> strings(String line) {
    List<String> strings = new ArrayList<>();
    Matcher literal = JAVA_STRING.matcher(line);
    while (literal.find()) {
      strings.add(literal.group(1));
    }
    return strings;
  }
}
