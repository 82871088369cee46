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
        .hasMessage("Les guichets de l’ANS test.json ont 7 problème(s) ; corrigez-les puis redémarrez :\n"
            + "- guichet n° 1 « telemonitoring » : « id » doit être des lettres capitales et des tirets bas, comme"
            + " « TELEMONITORING »\n"
            + "- guichet n° 2 « SECOND » : « label » (son nom en français) manque\n"
            + "- guichet n° 2 « SECOND » : « transitionalOpensOn » vaut « 01/08/2022 », qui n’est pas une date écrite"
            + " comme 2022-08-01 ; corrigez-la, ou laissez le champ vide\n"
            + "- guichet n° 3 « THIRD » : « nominalOpensOn » (2026-01-01) doit venir après « transitionalOpensOn »"
            + " (2027-01-01) : la phase nominale suit la phase transitoire\n"
            + "- guichet n° 4 « THIRD » : cet id est déjà celui d’un autre guichet\n"
            + "- guichet n° 4 « THIRD » : « referential » (le référentiel selon lequel il certifie) manque\n"
            + "- guichet n° 4 « THIRD » : donnez « transitionalOpensOn », « nominalOpensOn » ou les deux : un guichet"
            + " qui n’ouvre aucun jour ne peut recevoir aucune candidature");
    // Bad inputs: an empty list, a track naming no window, broken JSON, a window without its English name
    assertThatThrownBy(() -> read("{\"windows\": []}")).hasMessage("Les guichets de l’ANS test.json ont 1"
        + " problème(s) ; corrigez-les puis redémarrez :\n- « windows » doit lister les guichets :"
        + " {\"windows\": [{\"id\": \"TELEMONITORING\", …}]}");
    assertThatThrownBy(() -> read("""
        {"nominalTrackWindow": "THERAPEUTIC", "windows": [
          {"id": "TELEMONITORING", "label": "A", "labelEn": "A", "referential": "R", "transitionalOpensOn": "2022-08-01"}
        ]}""")).hasMessageEndingWith(":\n- « nominalTrackWindow » vaut « THERAPEUTIC », qui n’est l’id d’aucun"
        + " guichet : écrivez l’id du guichet dont le parcours de certification de l’ANS délivre la certification"
        + " (comme « TELEMONITORING »), ou retirez ce champ");
    assertThatThrownBy(() -> read("{\"windows\": [")).hasMessageStartingWith("Les guichets de l’ANS test.json ne"
        + " sont pas un JSON lisible : ");
    assertThatThrownBy(() -> read("""
        {"windows": [{"id": "TELEMONITORING", "label": "A", "referential": "R", "nominalOpensOn": "2027-01-01"}]}"""))
        .hasMessageEndingWith(":\n- guichet n° 1 « TELEMONITORING » : « labelEn » (son nom en anglais) manque");
  }
}
