package fr.parcours.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The profiles' labels have one source, {@link SoftwareProfiles}: the candidature form offers the same codes in the
 * same order under the same labels (a hint may follow: "— exige NIE et NIL"), and what the pages and sentences write
 * from a stored value is labels, never codes.
 */
class SoftwareProfileLabelsTest {

  @Test
  void shouldOfferTheSameProfilesUnderTheSameLabelsInTheCandidatureForm() throws Exception {
    JsonNode form = new ObjectMapper().readTree(Files.readString(Path.of("forms/candidature-dossier/dossier.json")));
    JsonNode field = form.findParents("key").stream().filter(n -> "softwareProfiles".equals(n.path("key").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no field softwareProfiles in dossier.json"));
    List<String> codes = new ArrayList<>();
    for (JsonNode value : field.get("values")) {
      String code = value.get("value").asText();
      codes.add(code);
      assertThat(value.get("label").asText()).as("the form's label of %s", code)
          .startsWith(SoftwareProfiles.label(code));
    }
    assertThat(codes).isEqualTo(SoftwareProfiles.CODES);
  }

  /**
   * Walk 7 (15-…, 16-…): forms showed « profils logiciels SOCLE » and « (SOCLE) », and two wrote the labels out
   * themselves. A form's text shows the profiles by the labels this class gives (variable softwareProfileLabels),
   * the codes only as the fallback of a dossier started before that variable existed, and never a label of its own.
   */
  @Test
  void shouldShowProfilesInFormTextsOnlyByTheLabelsOfThisClass() throws Exception {
    List<String> found = new ArrayList<>();
    try (var forms = Files.walk(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        for (JsonNode text : new ObjectMapper().readTree(Files.readString(form)).findValues("text")) {
          String shown = text.asText().replace("{{#if softwareProfileLabels = null}}{{finalSoftwareProfiles}}{{/if}}",
              "");
          if (shown.contains("{{finalSoftwareProfiles}}") || shown.contains("list contains(softwareProfiles")) {
            found.add(form + ": shows the profiles' codes");
          }
          for (String code : SoftwareProfiles.CODES) {
            String label = SoftwareProfiles.label(code);
            if (shown.contains(label.replaceAll(" \\(.*", ""))) {
              found.add(form + ": writes « " + label + " » itself");
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void shouldWriteStoredProfilesAsLabelsInTheFormsOrder() {
    String both = "Exigences de base (tout dispositif), Référentiel identité (RI)";
    // as the track keeps them, as the device records do, as the start form's JSON, as a list
    assertThat(SoftwareProfiles.labels("RI,SOCLE")).isEqualTo(both);
    assertThat(SoftwareProfiles.labels("RI, SOCLE")).isEqualTo(both);
    assertThat(SoftwareProfiles.labels("[\"SOCLE\",\"RI\"]")).isEqualTo(both);
    assertThat(SoftwareProfiles.labels(List.of("RI", "SOCLE", "RI"))).isEqualTo(both);
    assertThat(SoftwareProfiles.labels("DMP,MSS", Locale.ENGLISH))
        .isEqualTo("Secure health messaging (MSSanté), Shared medical record (DMP)");
    // none, and a code the referential does not know (kept as it is, last)
    assertThat(SoftwareProfiles.labels(null)).isEmpty();
    assertThat(SoftwareProfiles.labels("")).isEmpty();
    assertThat(SoftwareProfiles.labels("TLM,SOCLE")).isEqualTo("Exigences de base (tout dispositif), TLM");
  }
}
