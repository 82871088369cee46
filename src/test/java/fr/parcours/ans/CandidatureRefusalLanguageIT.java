package fr.parcours.ans;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.Candidatures;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A PECAN candidature refused at its start, posted as Tasklist posts it (the REST API's submit-form, with the
 * browser's Accept-Language): French for a French vendor, exactly as before; the French then the English in brackets
 * for a vendor who chose English in the form or whose browser is English (walk16, 05: French only). Nothing is stored.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class CandidatureRefusalLanguageIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SIREN_FR = "La candidature ne peut pas être acceptée : SIREN : Le SIREN « 552100555 » a une clé"
      + " de contrôle fausse : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise.";
  static final String SIREN_EN = " (The candidature cannot be accepted: SIREN: The SIREN “552100555” has a wrong check"
      + " digit: copy the 9 digits from the company's Kbis extract.)";

  @Autowired TestRestTemplate rest;
  @Autowired HistoryService history;

  @Test
  void shouldRefuseAWrongSirenKeyInFrenchOnlyToAFrenchVendor() throws Exception {
    assertThat(refusal(pecan("FR", "siren", "552100555"), "fr-FR,fr;q=0.9,en;q=0.8")).isEqualTo(SIREN_FR);
    assertThat(refusal(pecan("FR", "siren", "552100555"), null)).isEqualTo(SIREN_FR);
  }

  @Test
  void shouldAddTheEnglishWhenTheFormChoseEnglishOrTheBrowserIsEnglish() throws Exception {
    assertThat(refusal(pecan("EN", "siren", "552100555"), "fr-FR")).isEqualTo(SIREN_FR + SIREN_EN);
    assertThat(refusal(pecan("EN", "siren", "552100555"), null)).isEqualTo(SIREN_FR + SIREN_EN);
    assertThat(refusal(pecan("FR", "siren", "552100555"), "en-US,en;q=0.9")).isEqualTo(SIREN_FR + SIREN_EN);
  }

  @Test
  void shouldSayInEnglishTooThatTheCompanyIsTheAccountsTheDeviceIsNotCeMarkedTheDateHasPassed() throws Exception {
    assertThat(refusal(pecan("EN", "companyName", "TéléCardio SARL"), "en-US")).isEqualTo("Raison sociale : la"
        + " demande est faite au nom de l’entreprise de votre compte, « MediSoft SAS », pas de « TéléCardio SARL »."
        + " Laissez le champ vide, ou écrivez « MediSoft SAS » ; si le nom de votre entreprise a changé, demandez à un"
        + " administrateur de le corriger. (Raison sociale (company name): the application is made in the name of"
        + " your account's company, “MediSoft SAS”, not of “TéléCardio SARL”. Leave the field empty, or write"
        + " “MediSoft SAS”; if your company's name has changed, ask an administrator to correct it.)");
    assertThat(refusal(pecan("EN", "ceMarked", false), "en-US")).isEqualTo("La candidature ne peut pas être"
        + " acceptée : Le dispositif est marqué CE : Le dispositif doit être marqué CE avant que sa certification"
        + " puisse commencer (règlements (UE) 2017/745 et 2017/746). Obtenez d’abord le marquage CE, puis recommencez"
        + " la demande. (The candidature cannot be accepted: Le dispositif est marqué CE: The device must be CE"
        + " marked before its certification can begin (regulations (EU) 2017/745 and 2017/746). Obtain the CE"
        + " marking first, then start the application again.)");
    assertThat(refusal(pecan("EN", "plannedEvidenceDate", "2020-01-02"), "en-US"))
        .startsWith("La candidature ne peut pas être acceptée : Date prévue du dépôt complet des preuves : La date"
            + " prévue du dépôt complet des preuves (2 janvier 2020) est passée")
        .contains(" (The candidature cannot be accepted: Date prévue du dépôt complet des preuves: The planned date"
            + " of the complete evidence deposit (2 January 2020) has passed: enter the date by which you now expect"
            + " to have deposited all the evidence, today (")
        .endsWith(") or later.)");
    // and for a French vendor, as before
    assertThat(refusal(pecan("FR", "ceMarked", false), "fr-FR")).endsWith("puis recommencez la demande.");
  }

  private Map<String, Object> pecan(String language, String key, Object value) {
    Map<String, Object> form = Candidatures.with(key, value);
    form.put("correspondenceLanguage", language);
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", false);
    return form;
  }

  /** The start refused with 400, its message, and no dossier left behind. */
  private String refusal(Map<String, Object> form, String acceptLanguage) throws Exception {
    long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("pecan").count();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("alice", "alice");
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    ResponseEntity<String> refused = rest.exchange("/engine-rest/process-definition/key/pecan/submit-form",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", Candidatures.asTasklistSendsThem(form)), headers),
        String.class);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("pecan").count()).isEqualTo(before);
    return JSON.readTree(refused.getBody()).get("message").asText();
  }
}
