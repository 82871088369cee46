package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.security.Roles;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Dossiers;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

/**
 * The fourth new-user walk: alice opened the task link of an earlier mail, {@code /dossiers/<number>/tache}, while
 * her PECAN dossier waited for the ministers' acknowledgement; the page said "Dossier introuvable : aucun dossier
 * en cours … que vous puissiez voir" of her own running dossier, because the step open then was another group's.
 * Her own dossier says that no task waits for her and links to its page; another company's user still reads
 * "Dossier introuvable", as for a number that does not exist.
 */
@ExtendWith(ThisContextsEngine.class)
// a context of its own: in a fresh clone's test order the context it shared, started first and reused after
// contexts on PostgreSQL had come and gone, answered 500 to Tasklist's page (never so alone or in the orders tried
// by hand); the webapps find their engine in the runtime container's registry, which ThisContextsEngine leaves
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=dossier-task-link")
@ActiveProfiles({"test", "demo"})
class DossierTaskLinkIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;

  @Test
  void shouldTellTheVendorThatNoTaskWaitsOnHerOwnDossierWhenItsStepIsAnotherGroups() {
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    String number = dossier.getBusinessKey();
    String link = "/dossiers/" + number + "/tache";
    // the dossier's only open step is now the ANS's, as when it waits for a reviewer or another agency
    Task open = tasks.createTaskQuery().processInstanceId(dossier.getId()).singleResult();
    tasks.deleteCandidateGroup(open.getId(), "vendor-medisoft");
    tasks.addCandidateGroup(open.getId(), Roles.ANS_REVIEWER);
    // as for a task created for the ANS: the company's grant on it goes too (removing a candidate group keeps it)
    authorizations.createAuthorizationQuery().groupIdIn("vendor-medisoft").resourceType(Resources.TASK)
        .resourceId(open.getId()).list().forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    engine.getIdentityService().setAuthentication("alice", java.util.List.of("vendor-medisoft"));
    try {
      assertThat(tasks.createTaskQuery().processInstanceId(dossier.getId()).count())
          .as("alice sees no task of her dossier, as when its step is another group's").isZero();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().processInstanceId(dossier.getId()).taskCandidateGroup("vendor-medisoft")
        .count()).as("no task of MediSoft's left on the dossier").isZero();

    ResponseEntity<String> own = BrowserSession.signedIn(rest, "alice").page(link);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // the heading is a sentence of its own: no colon before a capital letter
    assertThat(HtmlUtils.htmlUnescape(own.getBody())).contains("Aucune tâche ne vous attend sur ce dossier. </strong>"
            + "Le dossier " + number + " n’a pas de tâche ouverte pour vous en ce moment")
        .contains("/dossiers/" + number + "\">Ouvrir la page du dossier</a>")
        .doesNotContain("Dossier introuvable").doesNotContain(open.getId());
    // the last walk: in the site's frame (her name, "Mes dossiers"), titled after the link she followed
    assertThat(HtmlUtils.htmlUnescape(own.getBody())).contains("<title>Tâche du dossier " + number + " — Parcours</title>")
        .contains("<span class=\"user\">alice</span>").contains("<a href=\"/dossiers\">Mes dossiers</a>");
    // as the site's other pages without script: no script runs, no other site frames it, no type is guessed
    assertThat(own.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'")
        .contains("frame-ancestors 'self'");
    assertThat(own.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");

    BrowserSession bruno = BrowserSession.signedIn(rest, "bruno");
    ResponseEntity<String> other = bruno.page(link);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(other.getBody())).contains("Dossier introuvable")
        .doesNotContain("Aucune tâche ne vous attend")
        .doesNotContain("/dossiers/" + number + "\"");
    assertThat(other.getBody()).contains("<span class=\"user\">bruno</span>");
    assertThat(other.getBody()).isEqualTo(bruno.page("/dossiers/DMN-2026-ZZZZZ/tache").getBody()
        .replace("DMN-2026-ZZZZZ", number));

    // the reviewer whose step it is still lands on it
    TestRestTemplate noRedirect = rest.withRedirects(
        org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    ResponseEntity<String> ana = BrowserSession.signedIn(noRedirect, "ana").page(link);
    assertThat(ana.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(ana.getHeaders().getLocation().toString()).endsWith("#/?task=" + open.getId());
  }

  /**
   * The fifth walk: alice's brand-name dossier was deemed abandoned when the CNEDiMTS's complements window passed;
   * the task link of the mail that asked for them then said "Dossier introuvable" of her own closed dossier. She
   * reads that it is closed, with its page's link; bruno still reads "Dossier introuvable".
   */
  @Test
  void shouldTellTheVendorThatHerDossierIsClosedWhenSheAnswersAMailTooLate() {
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    String number = dossier.getBusinessKey();
    String link = "/dossiers/" + number + "/tache";
    engine.getRuntimeService().deleteProcessInstance(dossier.getId(), "deemed abandoned (test)");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).count())
        .isZero();

    ResponseEntity<String> own = BrowserSession.signedIn(rest, "alice").page(link);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(own.getBody())).contains("Ce dossier est clos")
        .contains("Le dossier " + number + " est clos")
        .contains("/dossiers/" + number + "\">Ouvrir la page du dossier</a>")
        .doesNotContain("Dossier introuvable");

    // walk 16: in English for a browser in English, as the dossier's page
    ResponseEntity<String> english = BrowserSession.signedIn(rest, "alice").page(link, "en-GB,fr;q=0.5");
    assertThat(english.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(english.getBody())).contains("This dossier is closed. </strong>Dossier " + number
            + " is closed: no task is open in it any more")
        .contains("/dossiers/" + number + "\">Open the dossier's page</a>").doesNotContain("est clos", "Ouvrir");
    ResponseEntity<String> englishOther = BrowserSession.signedIn(rest, "bruno").page(link, "en-US");
    assertThat(HtmlUtils.htmlUnescape(englishOther.getBody())).contains("Dossier not found. </strong>No running dossier "
        + number + " that you may see.").doesNotContain("introuvable", "/dossiers/" + number + "\"");

    BrowserSession bruno = BrowserSession.signedIn(rest, "bruno");
    ResponseEntity<String> other = bruno.page(link);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(other.getBody())).contains("Dossier introuvable").doesNotContain("est clos")
        .doesNotContain("/dossiers/" + number + "\"");
    assertThat(other.getBody()).isEqualTo(bruno.page("/dossiers/DMN-2026-ZZZZZ/tache").getBody()
        .replace("DMN-2026-ZZZZZ", number));
  }

  /**
   * The sixth walk: a PECAN dossier holds two of alice's tasks at once, « Demander un compte Convergence » (ANS
   * track) and « Demander un compte Sésame » (Sésame filing); the link of the Sésame mail opened her newest task,
   * whichever side it was on. Each mail's link now names its part: the Sésame mail opens the Sésame task, the ANS
   * mail the ANS task; an older link without the part lists both for her to choose; a part with no task of hers
   * answers as the older link, saying that the step its mail announced is done; bruno reads "Dossier introuvable" at every one, as for a number that names none.
   * Bad inputs tried: an unknown part, a part written with capitals and a slash-encoded path.
   */
  @Test
  void shouldOpenTheTaskOfThePartTheMailWasSentFromWhenAPecanDossierHoldsTwoOfHers() throws Exception {
    java.util.Map<String, Object> form = fr.parcours.support.Candidatures.valid();
    form.put("hasConvergenceAccount", false);
    form.put("hasSesameAccount", false);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("pecan")
        .latestVersion().singleResult().getId();
    ProcessInstance dossier;
    engine.getIdentityService().setAuthentication("alice", java.util.List.of("vendor-medisoft"));
    try {
      dossier = engine.getFormService().submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    String number = dossier.getBusinessKey();
    new fr.parcours.support.EngineSteps(engine).runJobs();
    Task convergence = tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Task_RequestConvergenceAccount").singleResult();
    Task sesame = tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Task_RequestSesameAccount").singleResult();
    assertThat(convergence).as("her ANS task").isNotNull();
    assertThat(sesame).as("her Sésame task").isNotNull();

    // the mails name the part they come from in their task link
    String base = "/dossiers/" + number + "/tache";
    assertThat(mailText("compte Sésame à demander", number)).contains(base + "/sesame-filing");
    assertThat(mailText("ouverture de votre compte Convergence", number)).contains(base + "/ans-certification");

    TestRestTemplate noRedirect = rest.withRedirects(
        org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    BrowserSession alice = BrowserSession.signedIn(noRedirect, "alice");
    ResponseEntity<String> toSesame = alice.page(base + "/sesame-filing");
    assertThat(toSesame.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(toSesame.getHeaders().getLocation().toString()).endsWith("#/?task=" + sesame.getId());
    ResponseEntity<String> toAns = alice.page(base + "/ans-certification");
    assertThat(toAns.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(toAns.getHeaders().getLocation().toString()).endsWith("#/?task=" + convergence.getId());

    // Parcours reminds her of the Sésame task (a follow-up date, as the copy to the CNPs gets one): the chooser says
    // so in Tasklist's words; the Convergence task has none (half past midnight in Paris, still the 10th in UTC: the
    // day is Paris' day)
    Task reminded = tasks.createTaskQuery().taskId(sesame.getId()).singleResult();
    reminded.setFollowUpDate(java.util.Date.from(java.time.ZonedDateTime.of(2026, 12, 11, 0, 30, 0, 0,
        java.time.ZoneId.of("Europe/Paris")).toInstant()));
    tasks.saveTask(reminded);

    // an older link, an unknown part, a part in capitals, the pathway's own part (no task of hers in it): she chooses
    for (String link : java.util.List.of(base, base + "/inconnue", base + "/SESAME-FILING", base + "/pecan")) {
      ResponseEntity<String> chooser = alice.page(link);
      assertThat(chooser.getStatusCode()).as(link).isEqualTo(HttpStatus.OK);
      assertThat(HtmlUtils.htmlUnescape(chooser.getBody())).as(link)
          .contains("Plusieurs tâches vous attendent sur ce dossier")
          .contains("« Demander un compte Sésame » (Dépôt sur Sésame), aucun délai réglementaire ne s’applique à"
              + " cette étape ; rappel de Parcours le 11 décembre 2026<")
          .contains("« Demander un compte Convergence » (Certification de conformité ANS), aucun délai réglementaire"
              + " ne s’applique à cette étape<")
          .contains("#/?task=" + sesame.getId()).contains("#/?task=" + convergence.getId())
          .contains("/dossiers/" + number + "\">Ouvrir la page du dossier</a>")
          .contains("<span class=\"user\">alice</span>");
      // the dossier's own part, where no task of hers is open: the step its mail announced is done (it read « Ouvrez
      // celle que le message annonce », none of those, walk 11); a link that names no part of it says nothing of it
      if (link.endsWith("/pecan")) {
        assertThat(HtmlUtils.htmlUnescape(chooser.getBody())).contains("L’étape que le message annonçait est faite. Le"
            + " dossier " + number + " a 2 tâches ouvertes pour vous en ce moment, dans des parties différentes du"
            + " dossier. Ouvrez celle que vous voulez traiter :").doesNotContain("que le message annonce :");
      } else {
        assertThat(HtmlUtils.htmlUnescape(chooser.getBody())).as(link).contains("Ouvrez celle que le message annonce :")
            .doesNotContain("est faite");
      }
    }

    // walk 16: a vendor whose browser is in English (her mails are in English) read this page in French, menu
    // included; it is in the dossier pages' language, the task and part names French as in Tasklist
    ResponseEntity<String> english = alice.page(base + "/pecan", "en-US,en;q=0.9");
    assertThat(english.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(HtmlUtils.htmlUnescape(english.getBody()))
        .contains("<title>Task of dossier " + number + " — Parcours</title>")
        .contains("Several tasks wait for you on this dossier. </strong>The step the message announced is done. Dossier "
            + number + " has 2 open tasks for you at the moment, in different parts of the dossier. Open the one you"
            + " want to work on:")
        .contains("“Demander un compte Sésame” (Dépôt sur Sésame), no regulatory time limit applies to this step")
        .contains("/dossiers/" + number + "\">Open the dossier's page</a>").contains(">My dossiers</a>")
        .doesNotContain("Plusieurs tâches", "Ouvrez", "Mes dossiers", "aucun délai", "Tâche du dossier");

    // once the Sésame task is done, its mail's link answers as the older one: her one task left
    engine.getIdentityService().setAuthentication("alice", java.util.List.of("vendor-medisoft"));
    try {
      engine.getFormService().submitTaskForm(sesame.getId(), java.util.Map.of("sesameAccountRequested", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    ResponseEntity<String> done = alice.page(base + "/sesame-filing");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(done.getHeaders().getLocation().toString()).endsWith("#/?task=" + convergence.getId());

    // another company's user: the same answer as for a number that names no dossier, whatever the part
    BrowserSession bruno = BrowserSession.signedIn(rest, "bruno");
    for (String part : java.util.List.of("/sesame-filing", "/ans-certification", "")) {
      ResponseEntity<String> other = bruno.page(base + part);
      assertThat(other.getStatusCode()).as(part).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(other.getBody()).as(part).isEqualTo(bruno.page("/dossiers/DMN-2026-ZZZZZ/tache" + part).getBody()
          .replace("DMN-2026-ZZZZZ", number)).doesNotContain(convergence.getId());
    }

    // closed: the part's link says so, as the older one
    engine.getRuntimeService().deleteProcessInstance(dossier.getId(), "deemed abandoned (test)");
    ResponseEntity<String> closed = BrowserSession.signedIn(rest, "alice").page(base + "/ans-certification");
    assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(closed.getBody())).contains("Ce dossier est clos");
  }

  /** The plain text of the dossier's first mail whose subject has these words. */
  static String mailText(String subjectPart, String number) throws Exception {
    for (jakarta.mail.internet.MimeMessage mail : MAIL.getReceivedMessages()) {
      if (mail.getSubject().contains(subjectPart) && mail.getSubject().contains(number)) {
        return fr.parcours.support.ProcessTestBase.text(mail);
      }
    }
    throw new AssertionError("no mail « " + subjectPart + " » for " + number);
  }
}
