package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walk 22: « Déposer les preuves » listed « Sections complètes » with INS among them for a device whose profiles make
 * INS « sans objet », showed that checklist all unticked before any archive, and its help sent the vendor to « le
 * rapport ci-dessus » when no report was shown yet.
 */
class DepositFormsTest {

  static JsonNode component(String formId, String id) throws IOException {
    for (JsonNode component : new ObjectMapper().readTree(FormFiles.of(formId).toFile()).get("components")) {
      if (id.equals(component.path("id").asText())) {
        return component;
      }
    }
    throw new AssertionError(formId + " has no " + id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deposit-evidence", "provide-complements"})
  void shouldOfferTheSectionsOfTheDossiersProfilesOnly(String formId) throws IOException {
    JsonNode sections = component(formId, "Field_DepositedSections");
    assertThat(sections.path("valuesKey").asText()).isEqualTo(EvidenceVariables.SECTIONS);
    assertThat(sections.has("values")).as("no fixed list of every section").isFalse();
  }

  @Test
  void shouldShowTheChecklistAndTheReportOnlyOnceAnArchiveArrivedAndSayWhatToDoBefore() throws IOException {
    String noSend = "=" + EvidenceVariables.SENDS + " = null or " + EvidenceVariables.SENDS + " = 0";
    assertThat(component("deposit-evidence", "Field_DepositedSections").path("conditional").path("hide").asText())
        .isEqualTo(noSend);
    assertThat(component("deposit-evidence", "Text_EvidenceReport").path("conditional").path("hide").asText())
        .isEqualTo(noSend);
    JsonNode before = component("deposit-evidence", "Text_NoEvidenceYet");
    assertThat(before.path("conditional").path("hide").asText()).isEqualTo("=not(" + noSend.substring(1) + ")");
    assertThat(before.path("text").asText()).contains("Aucune archive reçue pour l’instant");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deposit-evidence", "deposit-transitional-evidence"})
  void shouldSendToTheSendsReportWhichExistsBeforeTheFirstSend(String formId) throws IOException {
    assertThat(component(formId, "Field_AllEvidenceDeposited").path("description").asText())
        .startsWith("Cochez-la quand le rapport de l’envoi dit « Complet » sur la page des preuves")
        .doesNotContain("ci-dessus");
    assertThat(EvidenceDeposits.notSentNotice(java.time.LocalDate.of(2026, 12, 4))).doesNotContain("ci-dessous")
        .contains("le rapport de l’envoi dit « Complet » sur la page des preuves");
  }
}
