package fr.parcours.orientation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * bpmn/orientation.dmn over a table of device situations (seed 003, step A and step 1) and of ANS window phases (seed
 * 004), evaluated by Camunda's DMN engine without Spring: every rule of the three decisions is hit by a row here.
 * Then the answers' checks.
 */
class OrientationDecisionTest {

  static DmnDecision pathway;
  static DmnDecision prerequisites;
  static DmnDecision entry;
  static DmnEngine dmn;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Paths.get("bpmn", "orientation.dmn"))) {
      List<DmnDecision> decisions = dmn.parseDecisions(in);
      pathway = decisions.stream().filter(d -> d.getKey().equals(Orientation.PATHWAY_DECISION)).findFirst()
          .orElseThrow();
      prerequisites = decisions.stream().filter(d -> d.getKey().equals(Orientation.PREREQUISITES_DECISION))
          .findFirst().orElseThrow();
      entry = decisions.stream().filter(d -> d.getKey().equals(Orientation.ENTRY_DECISION)).findFirst()
          .orElseThrow();
    }
  }

  static Map<String, Object> situation(boolean telemonitoringOrTherapeutic, boolean earlyCoverageEligible,
      boolean matchesGenericLine, boolean particularIndication) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("telemonitoringOrTherapeutic", telemonitoringOrTherapeutic);
    variables.put("earlyCoverageEligible", earlyCoverageEligible);
    variables.put("matchesGenericLine", matchesGenericLine);
    variables.put("particularIndication", particularIndication);
    return variables;
  }

  @ParameterizedTest(name = "telemonitoring/therapeutic {0}, early coverage {1}, generic line {2}, particular {3} → {4}")
  @CsvSource({
      // early coverage first, whatever the rest
      "true,  true,  false, false, pecan",
      "true,  true,  true,  true,  pecan",
      // eligible to early coverage but neither telemonitoring nor therapeutic: the common-law pathways
      "false, true,  true,  false, generic-line",
      "false, true,  false, true,  brand-name",
      // a generic line that matches wins over a particular indication
      "false, false, true,  true,  generic-line",
      "true,  false, true,  false, generic-line",
      "true,  false, false, true,  brand-name",
      "false, false, false, true,  brand-name",
      // nothing fits
      "false, false, false, false, NONE",
      "true,  false, false, false, NONE",
      "false, true,  false, false, NONE"})
  void shouldOrientEachDeviceSituationToItsPathway(boolean kind, boolean eligible, boolean generic,
      boolean particular, String expected) {
    var result = dmn.evaluateDecisionTable(pathway, situation(kind, eligible, generic, particular));
    assertThat(result.getFirstResult().<String>getEntry("pathway")).isEqualTo(expected);
    assertThat(result.getFirstResult().<String>getEntry("reason")).isNotBlank();
  }

  @ParameterizedTest(name = "window {0}, pathway that fits {1} → start {2}")
  @CsvSource({
      // nominal phase: the pathway that fits, nothing said of the window
      "NOMINAL,      pecan,        pecan",
      "NOMINAL,      generic-line, generic-line",
      "NOMINAL,      brand-name,   brand-name",
      "NOMINAL,      NONE,         NONE",
      // transitional phase: every nominal pathway would be refused at its start; the transitional candidature
      "TRANSITIONAL, pecan,        ans-transitional",
      "TRANSITIONAL, generic-line, ans-transitional",
      "TRANSITIONAL, brand-name,   ans-transitional",
      // no pathway fits: nothing to start, whatever the phase
      "TRANSITIONAL, NONE,         NONE",
      "NOT_OPEN,     NONE,         NONE",
      // the window not open yet: no candidature at all
      "NOT_OPEN,     pecan,        NONE",
      "NOT_OPEN,     brand-name,   NONE"})
  void shouldSendTheVendorToTheTransitionalCandidatureWhileTheWindowIsTransitional(String phase, String fits,
      String expected) {
    var result = dmn.evaluateDecisionTable(entry, Map.of(Orientation.WINDOW_PHASE, phase, "pathway", fits));
    assertThat(result.getFirstResult().<String>getEntry("start")).isEqualTo(expected);
    String note = (String) result.getFirstResult().get("phaseNote");
    if ("NONE".equals(fits) || "NOMINAL".equals(phase)) {
      assertThat(note).as("nothing to say of the window").isNull();
    } else if ("TRANSITIONAL".equals(phase)) {
      // seed 004: informative feedback only, no admissibility or certificate, the signed regulation, no deadline;
      // the nominal pathways open once the nominal phase is recorded
      assertThat(note).contains("phase transitoire").contains("retour informatif")
          .contains("sans décision de recevabilité ni certificat de conformité").contains("n’engage personne")
          .contains("règlement de la phase transitoire signé").contains("aucun délai")
          .contains("ouvrira quand l’ANS aura enregistré l’ouverture de la phase nominale")
          .contains("sans la ressaisir");
    } else {
      assertThat(note).contains("n’est pas encore ouvert").contains("ni nominale ni transitoire");
    }
  }

  @Test
  void shouldDecideEveryDeviceSituationAndPhaseOnTheChainOfDecisions() {
    // a telemonitoring device eligible to early coverage: PECAN, or the transitional candidature meanwhile
    var fits = dmn.evaluateDecisionTable(pathway, situation(true, true, false, false)).getFirstResult();
    for (String phase : List.of("NOMINAL", "TRANSITIONAL", "NOT_OPEN")) {
      Map<String, Object> variables = new HashMap<>(Map.of(Orientation.WINDOW_PHASE, phase));
      variables.put("pathway", fits.getEntry("pathway"));
      assertThat(dmn.evaluateDecisionTable(entry, variables).getFirstResult().<String>getEntry("start"))
          .as(phase).isEqualTo(Map.of("NOMINAL", "pecan", "TRANSITIONAL", "ans-transitional", "NOT_OPEN", "NONE")
              .get(phase));
    }
  }

  @ParameterizedTest(name = "CE {0}, hosts health data {1}, HDS {2}, identity {3}, CNDA {4} → {5}")
  @CsvSource({
      "true,  false, false, false, false, ''",
      "false, false, false, false, false, CE_MARKING",
      "true,  true,  false, false, false, HDS",
      "true,  true,  true,  false, false, ''",
      // HDS certified but hosting nothing: nothing to do
      "true,  false, true,  false, false, ''",
      "true,  false, false, true,  false, CNDA",
      "true,  false, false, true,  true,  ''",
      "false, true,  false, true,  false, CE_MARKING HDS CNDA"})
  void shouldNameEveryPrerequisiteStillMissing(boolean ce, boolean hosts, boolean hds, boolean identity,
      boolean cnda, String expected) {
    Map<String, Object> variables = new HashMap<>(Map.of("ceMarked", ce, "hostsHealthData", hosts, "hdsCertified", hds,
        "identityReferential", identity, "cndaHomologated", cnda));
    var result = dmn.evaluateDecisionTable(prerequisites, variables);
    List<String> codes = result.getResultList().stream().map(row -> (String) row.get("prerequisite")).toList();
    assertThat(String.join(" ", codes)).isEqualTo(expected);
    result.getResultList().forEach(row -> {
      assertThat(row.get("blocking")).as("only the CE marking blocks").isEqualTo("CE_MARKING".equals(row.get("prerequisite")));
      assertThat((String) row.get("advice")).isNotBlank();
    });
    if (codes.contains("CE_MARKING")) {
      assertThat((String) result.getResultList().get(0).get("advice")).contains("18 mois");
    }
  }

  @Test
  void shouldRefuseAnswersMissingOrOtherThanYesOrNoNamingEveryQuestion() {
    Map<String, String> answers = new HashMap<>();
    Orientation.QUESTIONS.keySet().forEach(q -> answers.put(q, "no"));
    assertThat(Orientation.read(answers)).hasSize(9).containsEntry("ceMarked", false);
    answers.put("ceMarked", "oui");
    assertThat(Orientation.read(answers)).containsEntry("ceMarked", true);

    answers.remove("hostsHealthData");
    answers.put("earlyCoverageEligible", "peut-être");
    answers.put("matchesGenericLine", "   ");
    assertThatThrownBy(() -> Orientation.read(answers)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("2 questions sont sans réponse : répondez oui ou non à chacune, « Le dispositif"
            + " héberge-t-il des données de santé ? », « Le dispositif correspond-il à une ligne générique existante ? ».")
        .hasMessageContaining("La réponse « peut-être » à « Est-il éligible à la prise en charge anticipée (PECAN) ? »"
            + " n’est pas permise");
    answers.put("hostsHealthData", "no");
    answers.put("matchesGenericLine", "no");
    answers.put("earlyCoverageEligible", "no");
    answers.remove("ceMarked");
    assertThatThrownBy(() -> Orientation.read(answers)).isInstanceOf(BadInputException.class)
        .hasMessage("« Le dispositif a-t-il son marquage CE ? » est sans réponse : répondez oui ou non.");
    assertThatThrownBy(() -> Orientation.read(Map.of())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("marquage CE");
  }

  @Test
  void shouldQuoteEachQuestionInTheRefusalAsThePageAsksIt() throws java.io.IOException {
    java.util.Properties page = new java.util.Properties();
    try (java.io.Reader words = new java.io.InputStreamReader(getClass().getResourceAsStream("/i18n/dossiers.properties"),
        java.nio.charset.StandardCharsets.UTF_8)) {
      page.load(words);
    }
    Orientation.QUESTIONS.forEach((name, question) ->
        assertThat(question).as(name).isEqualTo(page.getProperty("orientation.q." + name)));
    Map<String, String> answers = new HashMap<>();
    Orientation.QUESTIONS.keySet().forEach(q -> answers.put(q, "no"));
    answers.remove("particularIndication");
    assertThatThrownBy(() -> Orientation.read(answers)).isInstanceOf(BadInputException.class)
        .hasMessage("« Revendique-t-il une indication et un intérêt particuliers qui justifient un code propre ? »"
            + " est sans réponse : répondez oui ou non.");
  }
}
