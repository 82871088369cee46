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
 * The brand name's and the generic line's own start checks (after the candidature's: {@code brandname.BrandNameIntake},
 * {@code genericline.GenericLineIntake}, {@code has.SesameChoices}), posted as Tasklist posts them: in an English
 * browser, the French then the English in brackets, as the candidature's refusals ({@link CandidatureRefusalLanguageIT};
 * walk17: these were French only); in a French browser with French chosen, the French as before. Nothing is stored.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PathwayStartRefusalLanguageIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String EN_BROWSER = "en-US,en;q=0.9";
  static final String COVERAGE_FR = "La prise en charge anticipée ne concerne qu’une activité de télésurveillance"
      + " médicale : cochez aussi « Le dispositif sert à la télésurveillance médicale », ou décochez la prise en"
      + " charge anticipée.";

  static final String PROFILE_FR = "La ligne générique « Télésurveillance du diabète » est réservée aux dispositifs"
      + " de profil Exigences de base (tout dispositif) ; le profil choisi (Messagerie sécurisée de santé (MSSanté))"
      + " ne permet pas de la demander. Choisissez une autre ligne ou déposez une demande d’inscription en nom de"
      + " marque.";

  @Autowired TestRestTemplate rest;
  @Autowired HistoryService history;

  @Test
  void shouldRefuseABrandNameStartInEnglishTooInAnEnglishBrowser() throws Exception {
    assertThat(refusal("brand-name", brandName("anticipatedCoverage", true), EN_BROWSER)).isEqualTo(COVERAGE_FR
        + " (Early coverage concerns a medical telemonitoring activity only: tick « Le dispositif sert à la"
        + " télésurveillance médicale » too, or untick the early coverage.)");
    assertThat(refusal("brand-name", brandName("validCertificate", true), EN_BROWSER)).isEqualTo("Vous déclarez un"
        + " certificat de conformité de l’ANS valable : donnez son numéro dans « Numéro du certificat de conformité »,"
        + " ou décochez la case pour passer d’abord par la certification de l’ANS. (You declare a valid ANS"
        + " certificate of conformity: give its number in « Numéro du certificat de conformité », or untick the box"
        + " to go through the ANS certification first.)");
    Map<String, Object> unknown = brandName("validCertificate", true);
    unknown.put("certificateNumber", "CC-1999-404");
    assertThat(refusal("brand-name", unknown, EN_BROWSER)).isEqualTo("Aucun certificat de conformité de votre"
        + " entreprise ne porte le numéro « CC-1999-404 » : recopiez-le depuis « Mes dispositifs et certificats »"
        + " (/devices) ; ou décochez « Nous avons un certificat de conformité de l’ANS valable » pour passer d’abord"
        + " par la certification de l’ANS. (No certificate of conformity of your company bears the number"
        + " “CC-1999-404”: copy it from “My devices and certificates” (/devices); or untick « Nous avons un"
        + " certificat de conformité de l’ANS valable » to go through the ANS certification first.)");
  }

  @Test
  void shouldRefuseAGenericLineStartInEnglishTooInAnEnglishBrowser() throws Exception {
    assertThat(refusal("generic-line", genericLine("[]"), EN_BROWSER)).isEqualTo("Lignes génériques"
        + " demandées : cochez au moins une ligne parmi « Télésurveillance du diabète », « Télésurveillance de"
        + " l’insuffisance cardiaque », « Télésurveillance de l’insuffisance rénale », « Télésurveillance de"
        + " l’insuffisance respiratoire ». (Lignes génériques demandées (generic lines claimed): tick at least one line"
        + " among “Telemonitoring of diabetes”, “Telemonitoring of heart failure”, “Telemonitoring of renal failure”,"
        + " “Telemonitoring of respiratory failure”.)");
    assertThat(refusal("generic-line", mssDevice(), EN_BROWSER)).isEqualTo(PROFILE_FR + " (The generic line"
        + " “Télésurveillance du diabète” is reserved for devices of profile Exigences de base (tout dispositif); the"
        + " profile chosen (Messagerie sécurisée de santé (MSSanté)) does not allow it. Choose another line or file a"
        + " brand-name registration application.)");
    Map<String, Object> english = mssDevice();
    english.put("correspondenceLanguage", "EN");
    assertThat(refusal("generic-line", english, "fr-FR,fr;q=0.9")).as("English chosen in the form, French browser")
        .startsWith(PROFILE_FR + " (The generic line “Télésurveillance du diabète” is reserved");
  }

  @Test
  void shouldRefuseInFrenchOnlyAsBeforeToAFrenchVendor() throws Exception {
    assertThat(refusal("brand-name", brandName("anticipatedCoverage", true), "fr-FR,fr;q=0.9,en;q=0.8"))
        .isEqualTo(COVERAGE_FR);
    assertThat(refusal("generic-line", mssDevice(), null)).isEqualTo(PROFILE_FR);
  }

  /** A brand-name application in French that passes the candidature's checks, with one value changed. */
  private static Map<String, Object> brandName(String key, Object value) {
    Map<String, Object> form = Candidatures.valid();
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", false);
    form.put(key, value);
    return form;
  }

  private static Map<String, Object> genericLine(String lines) {
    Map<String, Object> form = Candidatures.valid();
    form.put("genericLines", lines);
    form.put("fromEtapes", false);
    return form;
  }

  /** A secure-messaging device that claims the diabetes line, open to the base profile only. */
  private static Map<String, Object> mssDevice() {
    Map<String, Object> form = genericLine("[\"DIABETES\"]");
    form.put("softwareProfiles", Candidatures.json("[\"MSS\"]"));
    return form;
  }

  /** The start refused with 400, its message, and no dossier left behind. */
  private String refusal(String process, Map<String, Object> form, String acceptLanguage) throws Exception {
    long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(process).count();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("alice", "alice");
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    ResponseEntity<String> refused = rest.exchange("/engine-rest/process-definition/key/" + process + "/submit-form",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", Candidatures.asTasklistSendsThem(form)), headers),
        String.class);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(process).count()).isEqualTo(before);
    return JSON.readTree(refused.getBody()).get("message").asText();
  }
}
