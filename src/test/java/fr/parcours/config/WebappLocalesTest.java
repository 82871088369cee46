package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps Parcours' French strings of the Camunda webapps in step with Camunda's English ones (the webjar's
 * {@code locales/en.json}), as spring-petclinic's I18nPropertiesSyncTest does for its messages: a Camunda
 * upgrade that adds a key fails here, instead of showing the key's raw name to a French user. Each French
 * string keeps the English one's {@code {{placeholders}}}, and the webapp's config.js offers French first.
 */
class WebappLocalesTest {

  static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  static final String CONFIG = "META-INF/resources/webjars/camunda/app/%s/scripts/config.js";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}");
  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void shouldTranslateEveryStringOfTheWebappIntoFrench(String webapp) throws IOException {
    JsonNode english = read(webapp, "en");
    JsonNode french = read(webapp, "fr");

    assertThat(names(french.get("labels"))).as("%s: the French keys are Camunda's English keys", webapp)
        .isEqualTo(names(english.get("labels")));
    List<String> placeholdersLost = new ArrayList<>();
    english.get("labels").fields().forEachRemaining(entry -> {
      String translated = french.get("labels").get(entry.getKey()).asText();
      if (!placeholders(entry.getValue().asText()).equals(placeholders(translated))) {
        placeholdersLost.add(entry.getKey());
      }
    });
    assertThat(placeholdersLost).as("%s: strings whose {{placeholders}} differ from the English", webapp).isEmpty();
    if (english.has("dateLocales")) {
      assertThat(names(french.get("dateLocales"))).isEqualTo(names(english.get("dateLocales")));
      assertThat(french.at("/dateLocales/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
      assertThat(french.at("/dateLocales/months/2").asText()).isEqualTo("mars");
    }

    String config = text(String.format(CONFIG, webapp));
    assertThat(config).as("%s: French first, English for an English browser", webapp)
        .containsPattern("availableLocales:\\s*\\['fr', 'en'\\]")
        .containsPattern("fallbackLocale:\\s*'fr'");
  }

  static JsonNode read(String webapp, String language) throws IOException {
    return JSON.readTree(text(String.format(LOCALES, webapp, language)).replace("\uFEFF", ""));
  }

  static String text(String resource) throws IOException {
    try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static TreeSet<String> names(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static TreeSet<String> placeholders(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
