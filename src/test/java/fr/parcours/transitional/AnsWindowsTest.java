package fr.parcours.transitional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.FormFiles;
import fr.parcours.transitional.AnsWindows.Mode;
import fr.parcours.transitional.AnsWindows.Window;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ANS windows as the process owner writes them: the shipped file, the modes by date, and each mistake named. */
class AnsWindowsTest {

  static AnsWindows shipped() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("catalogue", "ans-windows.json"))) {
      return AnsWindowsReader.read(in, "catalogue/ans-windows.json");
    }
  }

  static AnsWindows read(String json) {
    return AnsWindowsReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void shouldShipTheTelemonitoringWindowInItsTransitionalPhaseSinceTheFirstOfAugust2022() throws IOException {
    Window telemonitoring = shipped().find("TELEMONITORING");

    assertThat(telemonitoring.transitionalOpensOn()).isEqualTo(LocalDate.of(2022, 8, 1));
    assertThat(telemonitoring.modeOn(LocalDate.of(2022, 7, 31))).isEqualTo(Mode.NOT_OPEN);
    assertThat(telemonitoring.modeOn(LocalDate.of(2022, 8, 1))).isEqualTo(Mode.TRANSITIONAL);
    // its nominal phase's date is not known to Parcours: the ANS records it on /ans-windows when it is published
    assertThat(telemonitoring.nominalOpensOn()).isNull();
    // and it is the window of the nominal ANS track: its nominal candidatures wait for that phase
    assertThat(shipped().nominalTrack()).contains(telemonitoring);
    assertThat(telemonitoring.pathwayOn(LocalDate.of(2026, 12, 2))).contains("ans-transitional");
    assertThat(telemonitoring.pathwayOn(LocalDate.of(2022, 7, 31))).isEmpty();
  }

  @Test
  void shouldPutAWindowInItsNominalPhaseFromItsDayOn() {
    Window window = new Window("TELEMONITORING", "DMN de télésurveillance", "Telemonitoring", "Référentiel",
        LocalDate.of(2022, 8, 1), LocalDate.of(2027, 3, 1));

    assertThat(window.modeOn(LocalDate.of(2027, 2, 28))).isEqualTo(Mode.TRANSITIONAL);
    assertThat(window.modeOn(LocalDate.of(2027, 3, 1))).isEqualTo(Mode.NOMINAL);
    assertThat(window.pathwayOn(LocalDate.of(2027, 3, 1))).contains("ans-certification");
  }

  @Test
  void shouldOfferInTheStartFormExactlyTheWindowsOfTheCatalogue() throws IOException {
    JsonNode form = new ObjectMapper().readTree(FormFiles.of("ans-transitional-application").toFile());
    List<String> offered = new ArrayList<>();
    for (JsonNode component : form.get("components")) {
      if ("ansWindow".equals(component.path("key").asText())) {
        component.get("values").forEach(v -> offered.add(v.get("value").asText() + "=" + v.get("label").asText()));
      }
    }
    assertThat(offered).as("the start form's windows, as catalogue/ans-windows.json names them")
        .containsExactlyElementsOf(shipped().windows().stream().map(w -> w.id() + "=" + w.label()).toList());
  }

  @Test
  void shouldRefuseAWindowThatIsNotInTheCatalogueNamingThoseThatAre() throws IOException {
    assertThatThrownBy(() -> shipped().find("THERAPEUTIC")).isInstanceOf(BadInputException.class)
        .hasMessage("Guichet de l’ANS : choisissez l’un des guichets ouverts par l’ANS (« DMN de télésurveillance »)"
            + " ; « THERAPEUTIC » n’en est pas un.");
    assertThatThrownBy(() -> shipped().find(null)).hasMessageEndingWith("(« DMN de télésurveillance »).");
  }

  @Test
  void shouldRefuseTheWholeFileNamingEveryBadWindow() {
    assertThatThrownBy(() -> read("""
        {"windows": [
          {"id": "telemonitoring", "label": "A", "labelEn": "A", "referential": "R", "transitionalOpensOn": "2022-08-01"},
          {"id": "SECOND", "labelEn": "B", "referential": "R", "transitionalOpensOn": "01/08/2022"},
          {"id": "THIRD", "label": "C", "labelEn": "C", "referential": "R",
           "transitionalOpensOn": "2027-01-01", "nominalOpensOn": "2026-01-01"},
          {"id": "THIRD", "label": "D", "labelEn": "D"}
        ]}"""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("ANS windows test.json have 7 problem(s); fix them and restart:")
        .hasMessageContaining("window #1 'telemonitoring': 'id' must be capital letters and underscores")
        .hasMessageContaining("window #2 'SECOND': 'label' (its French name) is missing")
        .hasMessageContaining("window #2 'SECOND': 'transitionalOpensOn' is '01/08/2022', not a date written 2022-08-01")
        .hasMessageContaining("window #3 'THIRD': 'nominalOpensOn' (2026-01-01) must come after 'transitionalOpensOn'"
            + " (2027-01-01)")
        .hasMessageContaining("window #4 'THIRD': the id is used by another window")
        .hasMessageContaining("window #4 'THIRD': 'referential' (the referential it certifies against) is missing")
        .hasMessageContaining("window #4 'THIRD': give 'transitionalOpensOn', 'nominalOpensOn' or both");
    assertThatThrownBy(() -> read("{\"windows\": []}")).hasMessageContaining("'windows' must be a non-empty list");
    assertThatThrownBy(() -> read("""
        {"nominalTrackWindow": "THERAPEUTIC", "windows": [
          {"id": "TELEMONITORING", "label": "A", "labelEn": "A", "referential": "R", "transitionalOpensOn": "2022-08-01"}
        ]}""")).hasMessageContaining("'nominalTrackWindow' is 'THERAPEUTIC', which names no window");
    assertThatThrownBy(() -> read("{\"windows\": [")).hasMessageStartingWith("ANS windows test.json are not readable JSON");
  }
}
