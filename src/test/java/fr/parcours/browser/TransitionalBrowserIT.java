package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import fr.parcours.support.PageForms;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A dossier of the ANS transitional phase walked in a real browser, on the windows as shipped
 * (catalogue/ans-windows.json: telemonitoring transitional since 1 August 2022, its nominal opening unknown): alice
 * is refused a nominal ANS candidature in Tasklist and through the REST API; orientation, for her PECAN device, sends
 * her to the transitional candidature and says what that phase is; she applies from the transitional start form it
 * links to, sends the signed regulation from the page her task links to and her evidence from the evidence page; ana gives
 * her informative feedback on the candidature and, from the transitional queue, on the evidence; alice reads both in
 * her last task and is refused: the ANS has not announced the nominal phase. ana records on /ans-windows that it opens
 * on 10 March 2027 (first without the published texts: refused), a mistake she corrects to 1 March 2027 with its
 * reason; alice gets the opening mail and the correction's, is refused again before that day,
 * and after it follows the mail's link and continues into a nominal ANS candidature; the mail that says so links to
 * the new dossier, whose page says where it comes from, and the transitional dossier's page where it goes on; ana sees
 * both links, bruno neither dossier. The engine's clock is set (2 November 2026, then 2 March 2027), so that the walk
 * does not depend on the day it runs. Screenshots of each step go to {@code target/screenshots/transitional-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-transitional", "camunda.bpm.job-execution.enabled=true",
        "parcours.ans-windows=classpath:catalogue/ans-windows.json"})
class TransitionalBrowserIT extends BrowserTestBase {

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.evidence.CompanyDocuments companyDocuments;

  static final String PROCESS_NAME = "Certification ANS — phase transitoire";
  static final String ANS = "ANS — toutes les tâches";
  static final String TRANSITIONAL_QUEUE = "ANS — phase transitoire : preuves (ordre d’arrivée)";
  static final String NOMINAL_REFUSED = "Le guichet de certification de l’ANS « DMN de télésurveillance » est en phase"
      + " transitoire et l’ANS n’a pas encore annoncé l’ouverture de sa phase nominale";
  static final String TEXTS = "Décret n° 2027-1 relatif à la prise en charge de la télésurveillance (JO du 1er mars"
      + " 2027) ; arrêté rendant opposables les spécifications techniques de la HAS (même JO)";

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.boot.test.web.client.TestRestTemplate rest;
  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** The body of the last mail whose subject holds that text, once it has come. */
  String mailText(String subjectPart) {
    return waiting.until(d -> java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().contains(subjectPart);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).reduce((first, last) -> last).map(m -> {
      try {
        return fr.parcours.support.ProcessTestBase.text(m);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).orElse(null));
  }

  /** The first address of the mail's text that ends so. */
  static String linkEndingWith(String text, String end) {
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+" + java.util.regex.Pattern.quote(end) + "(?=\\s|$)")
        .matcher(text);
    assertThat(link.find()).as("a link ending with %s in:%n%s", end, text).isTrue();
    return link.group();
  }

  /** Back to Tasklist from one of Parcours' pages, and signed out there. */
  void signOutFromPage() {
    browser.get(tasklist());
    signOut();
  }

  String pageText() {
    return browser.findElement(By.tagName("main")).getText();
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  /** The message Tasklist shows when the server refuses the completion of a task. */
  WebElement refusal(String part) {
    return waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'alert-danger') or contains(@class,'alert-error')][contains(normalize-space(.),'"
            + part + "')]")));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void shouldTakeATransitionalDossierFromTheSignedRegulationToFeedbackAndIntoANominalCandidature() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T09:00:00Z")));

    // a nominal candidature is refused while the window is transitional: through the REST API Tasklist calls, then
    // in Tasklist, where alice reads why and what to do instead; nothing is started
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    headers.setBasicAuth("alice", "alice");
    org.springframework.http.ResponseEntity<String> refused = rest.postForEntity(
        "/engine-rest/process-definition/key/ans-certification/submit-form", new org.springframework.http.HttpEntity<>(
            java.util.Map.of("variables", fr.parcours.support.Candidatures.asTasklistSendsThem(
                fr.parcours.support.Candidatures.valid())), headers), String.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.getBody()).get("message").asText())
        .startsWith(NOMINAL_REFUSED).contains("« Certification ANS — phase transitoire »");
    signIn("alice");
    openStartForm("Certification de conformité ANS");
    fillValidCandidature();
    startProcess();
    assertThat(refusal("phase transitoire").getText()).contains(NOMINAL_REFUSED);
    screenshot("transitional-00-alice-nominal-candidature-refused", false);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification").count())
        .as("nothing started").isZero();
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));

    // orientation says so: her device fits PECAN, but the window is transitional; it sends her to the transitional
    // candidature, whose start form its link opens
    WebElement oriented = orient("ceMarked", "telemonitoringOrTherapeutic", "earlyCoverageEligible");
    assertThat(browser.findElement(By.id("pathway")).getText()).isEqualTo("Prise en charge anticipée (PECAN)");
    assertThat(browser.findElement(By.id("phase-window")).getText())
        .isEqualTo("Guichet « DMN de télésurveillance » : Phase transitoire.");
    assertThat(browser.findElement(By.id("phase-note")).getText()).contains("retour informatif")
        .contains("sans décision de recevabilité ni certificat de conformité")
        .contains("règlement de la phase transitoire signé").contains("sans la ressaisir");
    assertThat(browser.findElement(By.id("nominal-unknown")).getText())
        .contains("L’ANS n’a pas encore enregistré l’ouverture de la phase nominale").contains("Guichets de l’ANS");
    WebElement start = browser.findElement(By.id("start"));
    assertThat(start.getText()).isEqualTo("Démarrer « " + PROCESS_NAME + " » dans Tasklist");
    assertThat(oriented.getText()).doesNotContain("Démarrer « Prise en charge anticipée");
    screenshot("transitional-00a-alice-orientation-transitional", true);

    // alice applies in the transitional phase of the telemonitoring window, from orientation's link
    scrollTo(start);
    start.click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(field("Field_Siren")));
    assertThat(browser.getCurrentUrl()).contains("processStart=ans-transitional");
    assertThat(formText()).contains("retour informatif").contains("Guichet de l’ANS");
    fillValidCandidature();
    screenshot("transitional-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ans-transitional").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
    String number = dossier.getBusinessKey();

    // the signed regulation, from the page her task links to
    task(dossier, "Task_AttachSignedRegulation");
    openFilter(VENDOR_FILTER);
    openTask("Joindre le règlement signé", number);
    waiting.until(d -> formText().contains("aucun délai n’est défini pour aucune des parties"));
    WebElement link = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form')]//a[normalize-space(.)='page « Règlement signé » du dossier']")));
    assertThat(link.getAttribute("href")).endsWith("/evidence/" + number + "/regulation");
    browser.get(link.getAttribute("href"));
    Path folder = Files.createTempDirectory("parcours-regulation-");
    // F5: a photo of the signed page named .pdf is refused, saying what it really is; nothing kept
    send(Files.write(folder.resolve("image.pdf"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
        0, 0}));
    WebElement disguised = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    assertThat(disguised.getText()).isEqualTo("Refusé : Le fichier « image.pdf » est une image PNG, alors que son nom"
        + " se termine par .pdf : l’ANS le téléchargerait sous un nom qui ne dit pas ce qu’il contient. Renommez-le"
        + " « image.png », ou enregistrez-le au format que dit son nom, puis envoyez-le de nouveau. Rien de ce fichier"
        + " n’a été gardé.");
    assertThat(companyDocuments.regulation(dossier.getId())).as("nothing kept").isEmpty();
    screenshot("transitional-01b-alice-regulation-image-named-pdf-refused");
    send(Files.write(folder.resolve("reglement-phase-transitoire-signe.pdf"), fr.parcours.support.ProcessTestBase.PDF));
    WebElement received = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    assertThat(received.getText()).startsWith("Règlement signé reçu.");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("reglement-phase-transitoire-signe.pdf")
        .contains("SHA-256");
    screenshot("transitional-02-alice-regulation-page");
    browser.get(tasklist());
    work(VENDOR_FILTER, dossier, "Task_AttachSignedRegulation", "Joindre le règlement signé",
        "transitional-03-alice-attaches-regulation",
        () -> setCheckbox("Field_RegulationSignedByRepresentative", true));

    // her evidence, from the evidence page
    sendCompleteEvidenceAndSubmit(dossier, number, "transitional-04-alice-evidence-page-complete",
        "transitional-05-alice-submits-evidence");
    signOut();

    // ana gives her informative feedback: on the candidature, then on the evidence from the transitional queue
    signIn("ana");
    work(ANS, dossier, "Task_GiveCandidatureFeedback", "Donner un retour informatif sur la candidature",
        "transitional-06-ana-candidature-feedback", () -> {
          waiting.until(d -> formText().contains("reglement-phase-transitoire-signe.pdf"));
          type("Field_CandidatureFeedback", "Candidature complète ; joignez le pouvoir du représentant.");
        });
    assertThat(filterNames()).contains(TRANSITIONAL_QUEUE);
    work(TRANSITIONAL_QUEUE, dossier, "Task_ReviewEvidence", "Donner un retour informatif sur les preuves",
        "transitional-07-ana-evidence-feedback", () -> {
          waiting.until(d -> formText().contains("purement informatif"));
          type("Field_EvidenceFeedback", "La preuve PSC 1.1.2 ne montre pas la déconnexion.");
        });
    signOut();

    // alice reads the feedback in her task; before the nominal phase opens, she may not continue
    signIn("alice");
    task(dossier, "Task_ContinueIntoNominal");
    openFilter(VENDOR_FILTER);
    openTask("Poursuivre en phase nominale", number);
    claimInTasklist();
    waiting.until(d -> formText().contains("La preuve PSC 1.1.2 ne montre pas la déconnexion."));
    assertThat(formText()).contains("Candidature complète ; joignez le pouvoir du représentant.")
        .contains("purement informatif");
    radio("Field_Continuation", "Poursuivre en candidature nominale");
    screenshot("transitional-08-alice-reads-feedback");
    WebElement complete = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(complete);
    dismissBanners();
    complete.click();
    assertThat(refusal("phase nominale").getText()).contains("n’est pas encore ouverte : l’ANS ne l’a pas encore"
        + " annoncée");
    screenshot("transitional-09-alice-refused-before-nominal-phase", false);
    assertThat(task(dossier, "Task_ContinueIntoNominal")).isNotNull();
    signOut();

    // ana records on the windows' page that the nominal phase opens on 1 March 2027, with the texts that open it
    signIn("ana");
    browser.get("http://localhost:" + port + "/ans-windows");
    waiting.until(d -> pageText().contains("pas encore annoncée par l’ANS"));
    assertThat(browser.findElement(By.cssSelector("[data-window=TELEMONITORING] .mode")).getText())
        .isEqualTo("Phase transitoire");
    // by mistake, 10 March: it will be corrected
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2027-03-10'",
        browser.findElement(By.id("opensOn")));
    browser.findElement(By.id("submit")).click();
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem"))).getText())
        .startsWith("Textes publiés : nommez les textes qui ouvrent la phase nominale");
    screenshot("transitional-09a-ana-opening-refused-without-texts");
    browser.findElement(By.id("legalReference")).sendKeys(TEXTS);
    browser.findElement(By.id("submit")).click();
    WebElement opened = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("opened")));
    assertThat(opened.getText()).contains("Phase nominale enregistrée : elle ouvre le 10/03/2027").contains(number);
    assertThat(browser.findElement(By.cssSelector("[data-window=TELEMONITORING] .nominal")).getText())
        .contains("10/03/2027").contains(TEXTS).contains("ana");
    assertThat(browser.findElements(By.id("open-nominal"))).as("recorded once: no form any more").isEmpty();
    screenshot("transitional-09b-ana-records-nominal-opening");
    assertThat(mailText(number + " : la phase nominale du guichet de l’ANS ouvre le 10 mars 2027")).contains(TEXTS);

    // the day was wrong: ana corrects it, with the reason; alice, already told, is told of the correction
    String why = "Jour mal saisi : le décret fixe le 1er mars 2027.";
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2027-03-01'",
        browser.findElement(By.id("correct-opensOn")));
    browser.findElement(By.id("correct-reason")).sendKeys(why);
    WebElement correct = browser.findElement(By.id("correct-submit"));
    // one button for both choices: its words name both (a walk read "Enregistrer la correction" under "La retirer")
    assertThat(correct.getText()).isEqualTo("Enregistrer la correction ou le retrait");
    scrollTo(correct);
    correct.click();
    WebElement changed = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("changed")));
    assertThat(changed.getText()).contains("Ouverture corrigée : la phase nominale ouvre le 01/03/2027")
        .contains(number);
    assertThat(browser.findElement(By.cssSelector("#changes tr[data-change=CORRECTED]")).getText())
        .contains("le 10/03/2027 devient le 01/03/2027").contains(why).contains("par ana");
    assertThat(browser.findElement(By.cssSelector("[data-window=TELEMONITORING] .nominal")).getText())
        .contains("01/03/2027");
    screenshot("transitional-09b2-ana-corrects-nominal-opening");
    signOutFromPage();

    // alice is told by mail; before the day, she is still refused, naming it
    String openingMail = mailText(number + " : correction, la phase nominale du guichet de l’ANS ouvre le 1er mars"
        + " 2027");
    assertThat(openingMail).contains(TEXTS).contains("et non le 10 mars 2027").contains(why);
    signIn("alice");
    browser.get("http://localhost:" + port + "/ans-windows");
    waiting.until(d -> pageText().contains("01/03/2027"));
    assertThat(browser.findElements(By.id("open-nominal"))).as("a vendor records nothing").isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-window=TELEMONITORING] .nominal")).getText())
        .as("the ANS, not its reviewer's login").contains("enregistrée par l’ANS").doesNotContain("par ana");
    assertThat(browser.findElement(By.id("changes")).getText()).contains(why).contains("par l’ANS")
        .doesNotContain("par ana");
    assertThat(browser.findElements(By.id("correct-TELEMONITORING"))).as("a vendor corrects nothing").isEmpty();
    screenshot("transitional-09c-alice-sees-the-windows");
    browser.get(linkEndingWith(openingMail, "/dossiers/" + number + "/tache/ans-transitional"));
    waiting.until(d -> formText().contains("Que faites-vous du dossier"));
    radio("Field_Continuation", "Poursuivre en candidature nominale");
    waiting.until(d -> formText().contains("Certification de l’ANS seule"));
    WebElement valider = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(valider);
    dismissBanners();
    valider.click();
    assertThat(refusal("phase nominale").getText()).contains("n’est pas encore ouverte : elle ouvre le 1er mars 2027");
    assertThat(task(dossier, "Task_ContinueIntoNominal")).isNotNull();

    // the nominal phase has opened: from the mail's link, she continues into the ANS certification, without
    // retyping anything
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-02T09:00:00Z")));
    browser.get(linkEndingWith(openingMail, "/dossiers/" + number + "/tache/ans-transitional"));
    waiting.until(d -> formText().contains("Que faites-vous du dossier"));
    radio("Field_Continuation", "Poursuivre en candidature nominale");
    waiting.until(d -> formText().contains("Certification de l’ANS seule"));
    screenshot("transitional-10-alice-continues");
    completeInTasklist();

    HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(dossier.getId()).finished().singleResult());
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_ContinuedIntoNominal");
    ProcessInstance nominal = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ans-certification").variableValueEquals("continuedFromDossierId", number)
        .singleResult());
    assertThat(runtimeService.getVariable(nominal.getId(), "softwareName")).isEqualTo("CardioWatch");
    task(nominal, "Task_DepositAdministrativeDossier");
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    openFilter(VENDOR_FILTER);
    openTask("Déposer le dossier administratif", nominal.getBusinessKey());
    waiting.until(d -> formText().contains("CardioWatch"));
    screenshot("transitional-11-alice-nominal-candidature-carried-over");

    // the mail that says so links to the new dossier; its page says where it comes from, and links back
    String nominalNumber = nominal.getBusinessKey();
    String continuedMail = mailText(number + " : poursuivi dans le dossier " + nominalNumber);
    browser.get(linkEndingWith(continuedMail, "/dossiers/" + nominalNumber));
    WebElement from = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".dossier-link[data-link=from]")));
    assertThat(from.findElement(By.tagName("a")).getText()).isEqualTo(number);
    assertThat(pageText()).contains("Issu de la phase transitoire, dossier");
    screenshot("transitional-12-alice-nominal-dossier-page");
    from.findElement(By.tagName("a")).click();
    waiting.until(d -> d.getCurrentUrl().endsWith("/dossiers/" + number));
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".dossier-link[data-link=into] a"))).getText()).isEqualTo(nominalNumber);
    assertThat(pageText()).contains("Poursuivi en candidature nominale dans le dossier");
    screenshot("transitional-13-alice-transitional-dossier-page");

    // the nominal phase open, orientation gives the usual answer: PECAN, started from its own link
    orient("ceMarked", "telemonitoringOrTherapeutic", "earlyCoverageEligible");
    assertThat(browser.findElement(By.id("pathway")).getText()).isEqualTo("Prise en charge anticipée (PECAN)");
    assertThat(browser.findElements(By.id("phase"))).as("nothing said of the window").isEmpty();
    assertThat(browser.findElement(By.id("start")).getAttribute("href")).endsWith("processStart=pecan");
    screenshot("transitional-13a-alice-orientation-nominal", true);
    signOutFromPage();

    // the ANS reviewer sees both links; another company sees neither dossier, nor any trace of them
    signIn("ana");
    browser.get("http://localhost:" + port + "/dossiers/" + nominalNumber);
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".dossier-link[data-link=from] a"))).getText()).isEqualTo(number);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".dossier-link[data-link=into] a"))).getText()).isEqualTo(nominalNumber);
    signOutFromPage();
    signIn("bruno");
    for (String each : List.of(number, nominalNumber)) {
      browser.get("http://localhost:" + port + "/dossiers/" + each);
      waiting.until(d -> pageText().contains("Aucun dossier " + each + " que vous puissiez voir"));
      assertThat(pageText()).doesNotContain(each.equals(number) ? nominalNumber : number).doesNotContain("CardioWatch");
    }
    screenshot("transitional-14-bruno-sees-nothing");
    signOutFromPage();

    List<String> subjects = waiting.until(d -> {
      List<String> sent = mailSubjects();
      return sent.contains("Dossier " + number + " : retour informatif de l’ANS sur les preuves") ? sent : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : retour informatif de l’ANS sur la candidature");
  }

  /**
   * The windows' page over HTTP, as its forms post: an opening refused, with a sentence and nothing kept, when posted
   * by a vendor (403), without the page's token (403) or with a day that is not a date (400); then recorded by ana on
   * 10 March 2027 and its correction refused the same way, and also without a reason or without texts (400); then
   * withdrawn with its reason, the window transitional again, the withdrawal in the page's history (a vendor reads
   * "l’ANS" for who). The window is left as it was found: transitional, its opening not recorded.
   */
  @Test
  @org.junit.jupiter.api.Order(1)
  void shouldRefuseOpeningsAndCorrectionsPostedWronglyThenWithdrawAnOpeningRecordedByMistake() {
    java.util.function.Function<String, Integer> count = table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table,
        Integer.class);
    int openings = count.apply("parcours_ans_window_opening");
    java.util.function.BiFunction<String, String, java.util.Map<String, String>> opening = (day, texts) ->
        new java.util.LinkedHashMap<>(java.util.Map.of("window", "TELEMONITORING", "opensOn", day,
            "legalReference", texts));

    fr.parcours.support.BrowserSession alice = fr.parcours.support.BrowserSession.signedIn(rest, "alice");
    assertThat(alice.page("/ans-windows").getBody()).contains("Guichets de l’ANS")
        .doesNotContain("Enregistrer l’ouverture");
    var byVendor = PageForms.post(alice, "/ans-windows", "/ans-windows", opening.apply("2027-03-01", TEXTS), true);
    assertThat(byVendor.getStatusCode().value()).isEqualTo(403);
    assertThat(byVendor.getBody()).contains("Seuls les instructeurs de l’ANS enregistrent l’ouverture");

    fr.parcours.support.BrowserSession ana = fr.parcours.support.BrowserSession.signedIn(rest, "ana");
    var withoutToken = PageForms.post(ana, "/ans-windows", "/ans-windows", opening.apply("2027-03-01", TEXTS), false);
    assertThat(withoutToken.getStatusCode().value()).isEqualTo(403);
    assertThat(withoutToken.getBody()).contains("La page a expiré : rechargez-la");
    var notADate = PageForms.post(ana, "/ans-windows", "/ans-windows", opening.apply("1er mars", TEXTS), true);
    assertThat(notADate.getStatusCode().value()).isEqualTo(400);
    assertThat(notADate.getBody()).contains("Ouverture de la phase nominale : « 1er mars » n’est pas une date");
    assertThat(count.apply("parcours_ans_window_opening")).as("nothing kept by these posts").isEqualTo(openings);

    // recorded by mistake on 10 March; its correction refused when posted wrongly, nothing changed
    var recorded = PageForms.post(ana, "/ans-windows", "/ans-windows", opening.apply("2027-03-10", TEXTS), true);
    assertThat(recorded.getStatusCode().value()).isEqualTo(200);
    assertThat(recorded.getBody()).contains("Phase nominale enregistrée : elle ouvre le 10/03/2027")
        .contains("id=\"correct-TELEMONITORING\"");
    assertThat(alice.page("/ans-windows").getBody()).doesNotContain("correct-TELEMONITORING");
    int changes = count.apply("parcours_ans_window_opening_change");
    java.util.function.BiFunction<String, String, java.util.Map<String, String>> correction = (texts, reason) -> {
      java.util.Map<String, String> fields = opening.apply("2027-03-01", texts);
      fields.put("action", "correct");
      fields.put("reason", reason);
      return fields;
    };
    String why = "Jour mal saisi : le décret fixe le 1er mars 2027.";
    var corrections = java.util.List.of(
        PageForms.post(alice, "/ans-windows", "/ans-windows/correction", correction.apply(TEXTS, why), true),
        PageForms.post(ana, "/ans-windows", "/ans-windows/correction", correction.apply(TEXTS, why), false),
        PageForms.post(ana, "/ans-windows", "/ans-windows/correction", correction.apply(TEXTS, " "), true),
        PageForms.post(ana, "/ans-windows", "/ans-windows/correction", correction.apply("", why), true));
    assertThat(corrections).extracting(answer -> answer.getStatusCode().value()).containsExactly(403, 403, 400, 400);
    assertThat(corrections.get(0).getBody()).contains("Seuls les instructeurs de l’ANS corrigent ou retirent");
    assertThat(corrections.get(1).getBody()).contains("La page a expiré : rechargez-la");
    assertThat(corrections.get(2).getBody()).contains("Raison : dites pourquoi l’ouverture enregistrée est erronée");
    assertThat(corrections.get(3).getBody()).contains("Textes publiés : nommez les textes");
    assertThat(count.apply("parcours_ans_window_opening_change")).as("nothing changed").isEqualTo(changes);
    assertThat(ana.page("/ans-windows").getBody()).contains("10/03/2027");

    // withdrawn, with its reason: the window is transitional again, and the history says what it was
    java.util.Map<String, String> withdrawal = new java.util.LinkedHashMap<>(java.util.Map.of("window",
        "TELEMONITORING", "action", "withdraw", "reason", "Enregistrée par erreur : le décret n’est pas publié."));
    var withdrawn = PageForms.post(ana, "/ans-windows", "/ans-windows/correction", withdrawal, true);
    assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
    assertThat(withdrawn.getBody()).contains("Ouverture retirée : le guichet est de nouveau en phase transitoire")
        .contains("Retirée : elle ouvrait le 10/03/2027").contains("le décret n’est pas publié").contains("par ana")
        .contains("Enregistrer l’ouverture");
    assertThat(count.apply("parcours_ans_window_opening")).isEqualTo(openings);
    assertThat(alice.page("/ans-windows").getBody()).contains("Retirée : elle ouvrait le 10/03/2027")
        .contains("par l’ANS").doesNotContain("par ana");
  }
}
