package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.security.DossierAccess;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Candidatures;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * "Ce que vous devez faire" on the dossier page, as alice (MediSoft) reads it, at every step of every diagram where
 * a dossier waits at a task: each user task of {@code bpmn/pathways} and {@code bpmn/tracks}, read from the files
 * (a new step is walked without editing this test), a dossier started right before it. At her own task the page
 * names it and links to it in Tasklist; at an agency's step that waits on what she does elsewhere (the Démarches
 * Simplifiées filing, the INS test day) it says what to do and where; at any other agency step it says that nothing
 * is hers to do, and names the step and the agency under "Où en est le dossier". Before, the generic line's
 * « Enregistrer le dépôt Démarches Simplifiées » read "Rien à faire de votre côté" while the ministry waited for her
 * filing.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=vendor-next-step")
@ActiveProfiles({"test", "demo"})
class VendorNextStepIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final String NOTHING = "Rien à faire de votre côté pour l’instant.";
  /** The agency steps that wait on what the vendor does outside Parcours, and what the page tells her. */
  static final Map<String, String> ELSEWHERE = Map.of(
      "Task_RecordDsFiling", "Déposer votre demande de code individuel sur Démarches Simplifiées",
      "Task_RecordInsTestDay", "Organiser avec l’ANS la journée de test INS");
  static final Map<String, String> ELSEWHERE_LINKS = Map.of(
      "Task_RecordDsFiling", "href=\"https://www.demarches-simplifiees.fr/\"",
      "Task_RecordInsTestDay", "#messages\"");

  static final Map<String, String> PATHWAYS = Map.of("pecan", "PECAN", "brand-name", "BRAND_NAME",
      "generic-line", "GENERIC_LINE", "cnedimts-opinion", "PECAN", "ministers-decision", "PECAN", "sesame-filing",
      "PECAN");
  static final Pattern USER_TASK = Pattern.compile(
      "<bpmn:userTask id=\"([^\"]+)\" name=\"([^\"]+)\"[^>]*camunda:candidateGroups=\"([^\"]+)\"");
  static final Pattern PROCESS = Pattern.compile("<bpmn:process id=\"([^\"]+)\"");

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired DossierAccess access;

  static int numbers;

  /** Every user task of every diagram: process key, step id, its name, whether the vendor's group works it. */
  static Stream<Arguments> everyWaitingStep() throws IOException {
    List<Arguments> steps = new ArrayList<>();
    for (String folder : List.of("bpmn/pathways", "bpmn/tracks")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
          String xml = Files.readString(file, StandardCharsets.UTF_8);
          Matcher process = PROCESS.matcher(xml);
          assertThat(process.find()).as("a process in %s", file).isTrue();
          Matcher task = USER_TASK.matcher(xml);
          while (task.find()) {
            steps.add(Arguments.of(process.group(1), task.group(1), task.group(2).replace("&#39;", "’"),
                task.group(3).contains("vendorGroup")));
          }
        }
      }
    }
    assertThat(steps).as("the diagrams' user tasks").hasSizeGreaterThan(40);
    return steps.stream();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("everyWaitingStep")
  void shouldTellTheVendorWhatSheHasToDoAtEveryStepWhereTheDossierWaits(String process, String step, String name,
      boolean hers) {
    String number = "DMN-2026-N" + String.format("%04d", ++numbers);
    Map<String, Object> variables = new HashMap<>(Candidatures.valid());
    variables.putAll(Map.of("vendorGroup", "vendor-medisoft", "dossierId", number, "applicant", "alice"));
    // the pathway whose windows apply: a track as PECAN calls it
    String pathway = PATHWAYS.get(process);
    if (pathway != null) {
      variables.put("pathway", pathway);
    }
    ProcessInstance dossier = engine.getRuntimeService().createProcessInstanceByKey(process).businessKey(number)
        .setVariables(variables).startBeforeActivity(step).execute();
    access.openTo("vendor-medisoft", dossier.getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId())
        .taskDefinitionKey(step).count()).as("the dossier waits at %s", step).isOne();

    String page = BrowserSession.signedIn(rest, "alice").page("/dossiers/" + number).getBody();
    assertThat(page).as("alice reads her dossier %s", number).contains(number);
    String todo = section(page, "next");

    if (hers) {
      String taskId = engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId())
          .taskDefinitionKey(step).singleResult().getId();
      assertThat(todo).as("her task, named, linked to Tasklist").contains(name)
          .contains("/camunda/app/tasklist/default/#/?task=" + taskId).doesNotContain(NOTHING);
    } else if (ELSEWHERE.containsKey(step)) {
      assertThat(todo).as("what she does elsewhere, and where").contains(ELSEWHERE.get(step))
          .contains(ELSEWHERE_LINKS.get(step)).doesNotContain(NOTHING);
    } else {
      assertThat(todo).as("nothing of hers at an agency's step").contains(NOTHING);
      assertThat(section(page, "where")).as("the step and who works it").contains("« " + name + " », chez ");
    }
  }

  /** The HTML of the page's section labelled by that heading id. */
  static String section(String page, String heading) {
    int start = page.indexOf("<section aria-labelledby=\"" + heading + "\">");
    assertThat(start).as("the section %s", heading).isNotNegative();
    return page.substring(start, page.indexOf("</section>", start));
  }
}
