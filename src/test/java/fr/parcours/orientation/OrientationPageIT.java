package fr.parcours.orientation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 18, point 2, through {@code /orientation} as a vendor opens it: the answers are evaluated by the engine's
 * decisions (each evaluation kept in the decision history), the page names the pathway and what is missing, and
 * links to the pathway's start form in Tasklist when it is deployed and nothing blocks. Refused: nobody signed in,
 * a post without the page's token, answers missing or other than yes and no.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=orientation-page")
@ActiveProfiles({"test", "demo"})
class OrientationPageIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);


  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired TestRestTemplate rest;
  @Autowired HistoryService history;

  static Map<String, String> answers(String... yes) {
    Map<String, String> answers = new LinkedHashMap<>();
    Orientation.QUESTIONS.keySet().forEach(q -> answers.put(q, "no"));
    for (String q : yes) {
      answers.put(q, "yes");
    }
    return answers;
  }

  ResponseEntity<String> orient(BrowserSession session, Map<String, String> answers, boolean withToken) {
    assertThat(PageForms.token(session, "/orientation")).as("the form carries its token").isNotEqualTo(PageForms.NONE);
    return PageForms.post(session, "/orientation", "/orientation", answers, withToken);
  }

  @Test
  void shouldOrientATelemonitoringDeviceEligibleToEarlyCoverageToPecanAndLinkToItsStartForm() {
    long before = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(Orientation.PATHWAY_DECISION)
        .count();
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    ResponseEntity<String> page = orient(alice, answers("ceMarked", "telemonitoringOrTherapeutic",
        "earlyCoverageEligible", "hostsHealthData"), true);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Prise en charge anticipée (PECAN)").contains("remboursé un an")
        .contains("Certification HDS").contains("href=\"/camunda/app/tasklist/default/#/?processStart=pecan\"")
        .contains("Démarrer « Prise en charge anticipée PECAN » dans Tasklist")
        .doesNotContain("Marquage CE</strong>");
    // the engine evaluated the decisions and kept them in its history, with the inputs
    assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(Orientation.PATHWAY_DECISION)
        .count()).isEqualTo(before + 1);
    var latest = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(Orientation.PATHWAY_DECISION)
        .includeInputs().includeOutputs().orderByEvaluationTime().desc().listPage(0, 1).get(0);
    assertThat(latest.getOutputs()).anySatisfy(o -> assertThat(o.getValue()).isEqualTo("pecan"));
    assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(
        Orientation.PREREQUISITES_DECISION).count()).isPositive();
  }

  @Test
  void shouldSayThatCeMarkingBlocksEveryPathwayAndOfferNoStart() {
    ResponseEntity<String> page = orient(BrowserSession.signedIn(rest, "alice"), answers("particularIndication"), true);
    assertThat(page.getBody()).contains("Inscription en nom de marque").contains("Marquage CE")
        .contains("18 mois").contains("(bloquant)").contains("Aucun parcours ne peut démarrer sans marquage CE")
        .doesNotContain("processStart=");
  }

  @Test
  void shouldNameTheGenericLineAndLinkToItOnlyWhenItIsDeployed() {
    // a pathway not open in Parcours (its definition suspended here, as one not deployed) is named, not linked
    repositoryService.suspendProcessDefinitionByKey("generic-line");
    try {
      ResponseEntity<String> page = orient(BrowserSession.signedIn(rest, "alice"), answers("ceMarked",
          "matchesGenericLine"), true);
      assertThat(page.getBody()).contains("Inscription sous ligne générique")
          .contains("n’est pas encore ouvert dans Parcours").doesNotContain("processStart=generic-line");
    } finally {
      repositoryService.activateProcessDefinitionByKey("generic-line");
    }
    // open, it is linked
    ResponseEntity<String> page = orient(BrowserSession.signedIn(rest, "alice"), answers("ceMarked",
        "matchesGenericLine"), true);
    assertThat(page.getBody()).contains("Inscription sous ligne générique").contains("processStart=generic-line")
        .doesNotContain("n’est pas encore ouvert dans Parcours")
        // the link names the pathway as Tasklist's list of processes does, where she will look for it
        .contains("Démarrer « Inscription sur une ligne générique » dans Tasklist");
  }

  @Test
  void shouldLinkTheBrandNameStartFormWithNothingMissing() {
    ResponseEntity<String> page = orient(BrowserSession.signedIn(rest, "bruno"), answers("ceMarked",
        "particularIndication"), true);
    assertThat(page.getBody()).contains("Inscription en nom de marque").contains("Aucun : vous avez tout")
        .contains("processStart=brand-name");
  }

  @Test
  void shouldRefuseAnswersMissingOrNotYesOrNoNamingTheQuestions() {
    Map<String, String> answers = answers("ceMarked");
    answers.remove("hostsHealthData");
    answers.put("earlyCoverageEligible", "peut-être");
    ResponseEntity<String> page = orient(BrowserSession.signedIn(rest, "alice"), answers, true);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(page.getBody()).contains("« Le dispositif héberge-t-il des données de santé ? » est sans réponse")
        .contains("La réponse « peut-être »").doesNotContain("id=\"result\"")
        .as("the answers given are kept in the form").containsPattern("id=\"ceMarked-yes\"\\s+checked");
  }

  @Test
  void shouldRefuseAPostWithoutThePagesTokenAndNobodySignedIn() {
    ResponseEntity<String> forged = orient(BrowserSession.signedIn(rest, "alice"), answers("ceMarked"), false);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forged.getBody()).contains("Ce formulaire a expiré").doesNotContain("id=\"result\"");

    ResponseEntity<String> anonymous = BrowserSession.anonymous(rest).page("/orientation");
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("Connectez-vous");
  }

  @Test
  void shouldWriteTheQuestionsInEnglishForAnEnglishBrowser() {
    String english = BrowserSession.signedIn(rest, "alice").page("/orientation", "en-GB,fr;q=0.5").getBody();
    assertThat(english).contains("Which pathway for my device?").contains("Does the device have its CE marking?");
  }
}
