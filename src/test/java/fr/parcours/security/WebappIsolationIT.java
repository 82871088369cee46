package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Dossiers;
import fr.parcours.support.ThisContextsEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * What a vendor's user reaches of another company's dossier through the webapps' own REST endpoints
 * ({@code /camunda/api/...}: the engine REST as the webapps serve it, the Cockpit, Admin and Tasklist plugin
 * endpoints), logged in with a browser session as Tasklist logs in. Company B's user (bruno) may use only
 * Tasklist, yet the webapps' security filter lets any logged-in user call the plugin endpoints; the engine's
 * authorization checks must then hide company A's dossier from him. Company A's user (alice), asking the same
 * way, gets her data, so that an empty answer is never an empty database; a session that is not logged in
 * gets 401.
 *
 * <p>What the engine alone would leak, and {@link ApplicationAccessFilter} closes: the Cockpit and Admin plugin
 * endpoints answer only their webapp's users, and the figures summed over every dossier (process definition
 * statistics, metrics) only Cockpit's users; a vendor gets 403 there, the process owner or the administrator
 * gets the figures.
 */
@ExtendWith(ThisContextsEngine.class)
// its own application context (the property makes it distinct): the figures count this class's dossier only
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=webapp-isolation")
@ActiveProfiles({"test", "demo"})
class WebappIsolationIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final String ENGINE = "/camunda/api/engine/engine/default";
  static final String COCKPIT = "/camunda/api/cockpit/plugin/base/default";
  static final String ADMIN = "/camunda/api/admin/plugin/adminPlugins/default";
  static final String AGGREGATED_METRICS = ADMIN
      + "/metrics/aggregated?subscriptionStartDate=2020-01-01&groupBy=month&metrics=process-instances";

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired FilterService filters;

  static Map<String, String> ids;
  static BrowserSession alice;
  static BrowserSession bruno;
  static BrowserSession paul;
  static BrowserSession admin;

  @BeforeEach
  void aliceHasADossierWithATaskAndAnIncident() {
    if (ids != null) {
      return;
    }
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    Task task = tasks.createTaskQuery().processInstanceId(dossier.getId()).singleResult();
    assertThat(task).isNotNull();
    // an incident on A's dossier, so that incident lists and counts have something to hide
    runtime.createIncident("parcours-probe", dossier.getId(), "isolation test");
    // the metrics the reporter would write every 15 minutes
    management.reportDbMetricsNow();

    Map<String, String> found = new LinkedHashMap<>();
    found.put("{pi}", dossier.getId());
    found.put("{pd}", dossier.getProcessDefinitionId());
    found.put("{task}", task.getId());
    found.put("{dossier}", dossier.getBusinessKey());
    found.put("{var}", runtime.createVariableInstanceQuery().processInstanceIdIn(dossier.getId())
        .variableName("companyName").singleResult().getId());
    found.put("{hvar}", history.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("companyName").singleResult().getId());
    found.put("{companyFilter}", filters.createFilterQuery().filterName("Tâches de mon entreprise").singleResult().getId());
    ids = found;
    alice = BrowserSession.signedIn(rest, "alice");
    bruno = BrowserSession.signedIn(rest, "bruno");
    paul = BrowserSession.signedIn(rest, "paul");
    admin = BrowserSession.signedIn(rest, "admin");
  }

  /**
   * Issue 19: the link of a mail, {@code /dossiers/<number>/tache}, opens Tasklist on the dossier's task for
   * its vendor; for another company's user it says "no such dossier", as for a number that does not exist,
   * and never names the task; nobody signed in is asked to sign in.
   */
  @Test
  void shouldOpenTheDossiersTaskFromAMailForItsVendorOnly() {
    String link = "/dossiers/" + ids.get("{dossier}") + "/tache";

    // a browser follows the redirect; here it is read
    TestRestTemplate noRedirect = rest.withRedirects(
        org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    ResponseEntity<String> own = BrowserSession.signedIn(noRedirect, "alice").page(link);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(own.getHeaders().getLocation()).hasToString("http://localhost:" + port
        + "/camunda/app/tasklist/default/#/?task=" + ids.get("{task}"));

    ResponseEntity<String> other = bruno.page(link);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(other.getBody()).contains("Dossier introuvable").doesNotContain(ids.get("{task}"));
    assertThat(other.getBody()).isEqualTo(bruno.page("/dossiers/DMN-2026-ZZZZZ/tache").getBody()
        .replace("DMN-2026-ZZZZZ", ids.get("{dossier}")));

    ResponseEntity<String> nobody = BrowserSession.anonymous(rest).page(link);
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.getBody()).contains("Connectez-vous").doesNotContain(ids.get("{task}"));
  }

  /**
   * Issue 20: the dossiers' pages, their export and a dossier's diagram hold A's dossier for alice; bruno, signed
   * in to the same Tasklist, reads neither its number nor its company there (his list is empty, the dossier and
   * its diagram "no such dossier"); nobody signed in is asked to sign in. DossierPagesIT asks each reviewer group.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/dossiers", "/dossiers/export", "/dossiers/{dossier}", "/dossiers/{dossier}/diagrams/{pi}"})
  void shouldShowTheDossierPagesOfACompanysDossierToThatCompanyOnly(String page) {
    String path = path(page);
    ResponseEntity<String> own = alice.page(path);
    assertThat(own.getStatusCode()).as("alice: " + path).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody()).as("alice: " + path).contains(path.endsWith(ids.get("{pi}")) ? "Task_"
        : ids.get("{dossier}"));

    ResponseEntity<String> other = bruno.page(path);
    assertThat(other.getStatusCode()).as("bruno: " + path).isIn(HttpStatus.OK, HttpStatus.NOT_FOUND);
    assertThat(other.getBody()).as("bruno: " + path).doesNotContain("MediSoft").doesNotContain("Task_")
        .doesNotContain(ids.get("{pi}"));
    if (!path.contains(ids.get("{dossier}"))) {
      assertThat(other.getBody()).as("bruno: " + path).doesNotContain(ids.get("{dossier}"));
    }

    ResponseEntity<String> nobody = BrowserSession.anonymous(rest).page(path);
    assertThat(nobody.getStatusCode()).as("anonymous: " + path).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.getBody()).doesNotContain("MediSoft").doesNotContain("Task_");
  }

  /** Lists that hold A's data for alice and nothing for bruno. */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/process-instance?processInstanceIds={pi}&maxResults=50",
      ENGINE + "/execution?processInstanceId={pi}&maxResults=50",
      ENGINE + "/variable-instance?processInstanceIdIn={pi}&maxResults=50",
      ENGINE + "/variable-instance?variableName=companyName&maxResults=50",
      ENGINE + "/task?processInstanceId={pi}&maxResults=50",
      ENGINE + "/job?processInstanceId={pi}&maxResults=50",
      ENGINE + "/incident?processInstanceId={pi}&maxResults=50",
      ENGINE + "/process-definition/{pd}/statistics",
      ENGINE + "/process-definition/key/ans-certification/statistics?incidents=true",
      ENGINE + "/history/process-instance?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/activity-instance?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/task?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/variable-instance?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/detail?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/job-log?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/incident?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/identity-link-log?processInstanceId={pi}&maxResults=50",
      ENGINE + "/history/user-operation?processInstanceId={pi}&maxResults=50",
      ENGINE + "/filter/{companyFilter}/list?firstResult=0&maxResults=50",
      ENGINE + "/user?memberOfGroup=vendor-medisoft&maxResults=50"})
  void shouldListNothingOfAnotherCompanysDossier(String list) throws Exception {
    String path = path(list);
    ResponseEntity<String> owner = alice.get(path);
    assertThat(owner.getStatusCode()).as("alice: " + path).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(owner.getBody())).as("alice reads her own: " + path).isNotEmpty();
    assertRefusedOrNothing(bruno.get(path), path);
  }

  /** Counts: alice counts her dossier, bruno counts none. */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/process-instance/count",
      ENGINE + "/task/count",
      ENGINE + "/incident/count",
      ENGINE + "/history/process-instance/count",
      ENGINE + "/history/task/count",
      ENGINE + "/filter/{companyFilter}/count"})
  void shouldCountNoneOfAnotherCompanysDossiers(String count) throws Exception {
    String path = path(count);
    assertThat(JSON.readTree(alice.get(path).getBody()).path("count").asLong()).as("alice: " + path)
        .isPositive();
    ResponseEntity<String> answer = bruno.get(path);
    if (answer.getStatusCode().is2xxSuccessful()) {
      assertThat(JSON.readTree(answer.getBody()).path("count").asLong()).as("bruno: " + path).isZero();
    } else {
      assertThat(answer.getStatusCode()).as("bruno: " + path).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }
  }

  /** The searches Tasklist and Cockpit send as POST (with the session's CSRF token). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {engine}/task?maxResults=50 | {"processVariables":[{"name":"companyName","operator":"eq","value":"MediSoft SAS"}]}
      {engine}/process-instance?maxResults=50 | {"variables":[{"name":"companyName","operator":"eq","value":"MediSoft SAS"}]}
      {engine}/history/process-instance?maxResults=50 | {"processInstanceIds":["{pi}"]}
      {engine}/filter/{companyFilter}/list?firstResult=0&maxResults=50 | {"candidateGroup":"vendor-medisoft"}
      """)
  void shouldFindNothingOfAnotherCompanysDossier(String search, String query) throws Exception {
    String path = path(search);
    String body = path(query);
    JsonNode own = JSON.readTree(alice.post(path, body).getBody());
    assertThat(own.isArray() ? own.size() : own.path("count").asLong()).as("alice finds her own: " + path)
        .isPositive();
    ResponseEntity<String> answer = bruno.post(path, body);
    if (answer.getStatusCode().is2xxSuccessful()) {
      JsonNode found = JSON.readTree(answer.getBody());
      assertThat(found.isArray() ? found.size() : found.path("count").asLong()).as("bruno: " + path).isZero();
    } else {
      assertThat(answer.getStatusCode()).as("bruno: " + path).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }
  }

  /** Single resources: alice reads them, bruno is refused or told they do not exist. */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/process-instance/{pi}",
      ENGINE + "/process-instance/{pi}/variables",
      ENGINE + "/process-instance/{pi}/activity-instances",
      ENGINE + "/process-instance/{pi}/comment",
      ENGINE + "/execution/{pi}",
      ENGINE + "/execution/{pi}/localVariables",
      ENGINE + "/variable-instance/{var}",
      ENGINE + "/history/variable-instance/{hvar}",
      ENGINE + "/history/process-instance/{pi}",
      ENGINE + "/task/{task}",
      ENGINE + "/task/{task}/variables",
      ENGINE + "/task/{task}/form-variables",
      ENGINE + "/task/{task}/identity-links",
      ENGINE + "/task/{task}/comment",
      ENGINE + "/task/{task}/attachment",
      ENGINE + "/task/{task}/form",
      ENGINE + "/task/{task}/deployed-form",
      ENGINE + "/user/alice/profile",
      ENGINE + "/group/vendor-medisoft"})
  void shouldRefuseAnotherCompanysResource(String resource) {
    String path = path(resource);
    assertThat(alice.get(path).getStatusCode()).as("alice: " + path).isEqualTo(HttpStatus.OK);
    assertThat(bruno.get(path).getStatusCode()).as("bruno: " + path)
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
  }

  /**
   * Cockpit's queries: the process owner gets A's dossier and incident, both vendors 403, though they are signed
   * in and the webapps' own security filter would let them through.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      GET  | {cockpit}/process-instance?processDefinitionId={pd}&firstResult=0&maxResults=50 |
      GET  | {cockpit}/process-instance/count?processDefinitionId={pd}                       |
      GET  | {cockpit}/incident?processInstanceIdIn={pi}&firstResult=0&maxResults=50         |
      GET  | {cockpit}/incident/count                                                         |
      POST | {cockpit}/process-instance?firstResult=0&maxResults=50 | {"processDefinitionId":"{pd}"}
      POST | {cockpit}/process-instance/count                       | {"processDefinitionId":"{pd}"}
      POST | {cockpit}/incident?firstResult=0&maxResults=50          | {"processInstanceIdIn":["{pi}"]}
      """)
  void shouldKeepVendorsOutOfCockpitsQueries(String method, String query, String body) throws Exception {
    String path = path(query);
    String json = body == null ? null : path(body);
    ResponseEntity<String> owner = paul.send(HttpMethod.valueOf(method), path, json);
    assertThat(owner.getStatusCode()).as("paul: " + path).isEqualTo(HttpStatus.OK);
    JsonNode found = JSON.readTree(owner.getBody());
    assertThat(found.isArray() ? found.size() : found.path("count").asLong()).as("paul: " + path).isPositive();
    for (BrowserSession vendor : List.of(alice, bruno)) {
      ResponseEntity<String> answer = vendor.send(HttpMethod.valueOf(method), path, json);
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getBody()).contains("ne peut pas ouvrir Cockpit").contains("may not open Cockpit");
    }
  }

  /**
   * The statistics of a process definition count its running dossiers and incidents whatever their company
   * (the engine checks only that the caller may read the definition, which every vendor may, to start it):
   * Cockpit's users only. The process owner counts A's dossier and incident; vendors get 403, webapp session
   * or {@code /engine-rest} alike.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/process-definition/statistics?incidents=true",
      COCKPIT + "/process-definition/statistics?firstResult=0&maxResults=50",
      "/engine-rest/process-definition/statistics?incidents=true"})
  void shouldShowDefinitionStatisticsToCockpitsUsersOnly(String path) throws Exception {
    boolean rest = path.startsWith("/engine-rest");
    BrowserSession owner = rest ? BrowserSession.basic(this.rest, "paul") : paul;
    JsonNode counted = certificationStatistics(owner.get(path));
    assertThat(counted.path("instances").asLong()).as("paul counts A's dossier: " + path).isEqualTo(1);
    assertThat(incidents(counted)).as("paul counts A's incident: " + path).isEqualTo(1);

    for (ResponseEntity<String> answer : vendorsAsking(path)) {
      assertThat(answer.getBody()).containsAnyOf("fait la somme des dossiers de toutes les entreprises",
          "ne peut pas ouvrir Cockpit");
      assertThat(answer.getBody()).containsAnyOf("sums up every company's dossiers", "may not open Cockpit")
          .doesNotContain("\"instances\"");
    }
  }

  /**
   * The process definitions filtered on incidents: the engine joins every company's incidents (whose texts
   * name dossiers and addresses) with a definition-level check only. The process owner counts A's incident;
   * vendors get 403, webapp session or {@code /engine-rest} alike.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/process-definition/count?incidentType=parcours-probe",
      ENGINE + "/process-definition?incidentType=parcours-probe&maxResults=50",
      "/engine-rest/process-definition/count?incidentType=parcours-probe",
      "/engine-rest/engine/default/process-definition/count?IncidentType=parcours-probe"})
  void shouldKeepOtherCompaniesIncidentsOutOfTheDefinitionsFilters(String path) throws Exception {
    boolean rest = path.startsWith("/engine-rest");
    ResponseEntity<String> owner = (rest ? BrowserSession.basic(this.rest, "paul") : paul).get(path);
    assertThat(owner.getStatusCode()).as(owner.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode found = JSON.readTree(owner.getBody());
    assertThat(found.isArray() ? found.size() : found.path("count").asLong()).as("paul: " + path).isPositive();
    for (ResponseEntity<String> answer : vendorsAsking(path)) {
      assertThat(answer.getBody()).contains("reads the incidents of every company's dossiers");
    }
  }

  /** alice's and bruno's answers to a GET, through their webapp sessions or HTTP Basic; each must be 403. */
  private List<ResponseEntity<String>> vendorsAsking(String path) {
    boolean rest = path.startsWith("/engine-rest");
    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (String vendor : List.of("alice", "bruno")) {
      BrowserSession session = rest ? BrowserSession.basic(this.rest, vendor)
          : vendor.equals("alice") ? alice : bruno;
      ResponseEntity<String> answer = session.get(path);
      assertThat(answer.getStatusCode()).as(vendor + ": " + path + " " + answer.getBody())
          .isEqualTo(HttpStatus.FORBIDDEN);
      answers.add(answer);
    }
    return answers;
  }

  /** Other spellings of the statistics' address: a vendor gets no figure from any of them. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/engine-rest/engine/default/process-definition/statistics",
      "/engine-rest/process-definition/statistics/",
      "/engine-rest//process-definition/statistics",
      "/engine-rest/process-definition/./statistics",
      "/engine-rest/process-definition/statistics;jsessionid=x",
      "/engine-rest/%70rocess-definition/statistics",
      "/engine-rest/metrics/",
      "/engine-rest/engine/default/metrics/root-process-instance-start/sum"})
  void shouldRefuseTheFiguresWhateverTheSpelling(String path) {
    ResponseEntity<String> answer = BrowserSession.basic(rest, "bruno").get(path);
    assertThat(answer.getStatusCode()).as(path + " " + answer.getBody())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
    assertThat(String.valueOf(answer.getBody())).as(path).doesNotContain("\"instances\"", "\"result\"");
  }

  /**
   * The engine's metrics and Admin's aggregated metrics are the platform's totals (instances started, A's
   * dossier among them): the process owner (engine metrics) and the administrator (Admin's) read them, the
   * vendors get 403; the process owner, no user of Admin, gets 403 from Admin's.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {engine}/metrics/root-process-instance-start/sum         | paul
      {engine}/metrics?name=root-process-instance-start          | paul
      /engine-rest/metrics/root-process-instance-start/sum       | paul
      {admin}/metrics/aggregated?subscriptionStartDate=2020-01-01&groupBy=month&metrics=process-instances | admin
      """)
  void shouldShowThePlatformsFiguresToStaffOnly(String template, String reader) throws Exception {
    String path = path(template);
    boolean rest = path.startsWith("/engine-rest");
    BrowserSession staff = rest ? BrowserSession.basic(this.rest, reader)
        : reader.equals("paul") ? paul : admin;
    ResponseEntity<String> figures = staff.get(path);
    assertThat(figures.getStatusCode()).as(reader + ": " + path).isEqualTo(HttpStatus.OK);
    assertThat(total(figures)).as("A's dossier was counted: " + path).isPositive();

    List<String> refused = new ArrayList<>(List.of("alice", "bruno"));
    if (reader.equals("admin")) {
      refused.add("paul");
    }
    for (String user : refused) {
      BrowserSession session = rest ? BrowserSession.basic(this.rest, user)
          : user.equals("alice") ? alice : user.equals("bruno") ? bruno : paul;
      ResponseEntity<String> answer = session.get(path);
      assertThat(answer.getStatusCode()).as(user + ": " + path + " " + answer.getBody())
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void shouldShowAVendorNoUserOrGroupOfAnotherCompany() throws Exception {
    assertThat(idsOf(bruno.get(ENGINE + "/user?maxResults=50"))).as("users bruno lists").containsExactly("bruno");
    assertThat(idsOf(bruno.get(ENGINE + "/group?maxResults=50"))).as("groups bruno lists")
        .containsExactly("vendor-telecardio");
    assertThat(idsOf(bruno.get(ENGINE + "/group?member=alice&maxResults=50"))).as("alice's groups, to bruno").isEmpty();
    assertThat(idsOf(bruno.get(ENGINE + "/user?memberOfGroup=vendor-medisoft&maxResults=50"))).as("A's users, to bruno")
        .isEmpty();
    JsonNode info = JSON.readTree(bruno.get(ENGINE + "/identity/groups?userId=alice").getBody());
    assertThat(info.path("groups")).as("alice's groups and their users, to bruno").isEmpty();
    assertThat(info.path("groupUsers")).as("alice's groups and their users, to bruno").isEmpty();

    assertThat(idsOf(alice.get(ENGINE + "/group?member=alice&maxResults=50"))).as("alice's own groups")
        .containsExactly("vendor-medisoft");
  }

  @Test
  void shouldKeepAVendorOutOfCockpitAndAdmin() {
    for (String app : List.of("cockpit", "admin")) {
      assertThat(BrowserSession.login(rest, "bruno", app).getStatusCode()).as("bruno logs into " + app)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(bruno.get("/camunda/app/" + app + "/default/").getStatusCode())
          .as("bruno's Tasklist session opens " + app).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    }
  }

  /** A vendor who opens Cockpit, or an address that does not exist, reads a page that says why and where to go. */
  @Test
  void shouldAnswerARefusedOrUnknownPageWithAPageThatSaysWhereToGo() {
    ResponseEntity<String> cockpit = bruno.page("/camunda/app/cockpit/default/");
    assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(cockpit.getBody()).contains("Vous n’avez pas accès à cette page")
        .contains("You do not have access to this page").contains("href=\"/camunda/app/tasklist/default/\"")
        .doesNotContain("Whitelabel");

    ResponseEntity<String> nowhere = bruno.page("/dossiers-that-do-not-exist");
    assertThat(nowhere.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(nowhere.getBody()).contains("Cette page n’existe pas").contains("This page does not exist")
        .doesNotContain("Whitelabel");
  }

  @Test
  void shouldRefuseAnotherCompanysWritesFromASession() {
    // the owner's session writes through the same path, with the same CSRF token handling
    assertThat(alice.send(HttpMethod.POST, path(ENGINE + "/task/{task}/claim"), "{\"userId\":\"alice\"}")
        .getStatusCode()).as("alice claims her task").isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(alice.send(HttpMethod.POST, path(ENGINE + "/task/{task}/unclaim"), "{}").getStatusCode())
        .as("alice gives it back").isEqualTo(HttpStatus.NO_CONTENT);

    Map<String, String> writes = new LinkedHashMap<>();
    writes.put("POST " + ENGINE + "/task/{task}/claim", "{\"userId\":\"bruno\"}");
    writes.put("POST " + ENGINE + "/task/{task}/submit-form",
        "{\"variables\":{\"depositAction\":{\"value\":\"DRAFT\"}}}");
    writes.put("POST " + ENGINE + "/task/{task}/comment/create", "{\"message\":\"from B\"}");
    writes.put("POST " + ENGINE + "/process-instance/{pi}/variables",
        "{\"modifications\":{\"vendorGroup\":{\"value\":\"vendor-telecardio\"}}}");
    writes.put("PUT " + ENGINE + "/process-instance/{pi}/suspended", "{\"suspended\":true}");
    writes.put("DELETE " + ENGINE + "/process-instance/{pi}", null);
    for (Map.Entry<String, String> write : writes.entrySet()) {
      String[] methodAndPath = write.getKey().split(" ", 2);
      String path = path(methodAndPath[1]);
      String body = write.getValue() == null ? null : path(write.getValue());
      ResponseEntity<String> answer = bruno.send(HttpMethod.valueOf(methodAndPath[0]), path, body);
      // refused: 403 or 404, and 400 where the REST layer words "no such task" as a bad request (comments)
      assertThat(answer.getStatusCode().is4xxClientError())
          .as("bruno: " + write.getKey() + " answered " + answer.getStatusCode() + " " + answer.getBody()).isTrue();
    }

    Task task = tasks.createTaskQuery().taskId(ids.get("{task}")).singleResult();
    assertThat(task).as("the task is still there").isNotNull();
    assertThat(task.getAssignee()).as("nobody claimed it").isNull();
    assertThat(tasks.getTaskComments(task.getId())).as("no comment was added").isEmpty();
    ProcessInstance dossier = runtime.createProcessInstanceQuery().processInstanceId(ids.get("{pi}"))
        .singleResult();
    assertThat(dossier.isSuspended()).as("the dossier runs").isFalse();
    assertThat(runtime.getVariable(dossier.getId(), "vendorGroup")).isEqualTo("vendor-medisoft");
  }

  /** Another site's page makes alice's browser claim her task: her cookies go along, the CSRF token does not. */
  @Test
  void shouldRefuseASignedInWriteWithoutItsCsrfToken() {
    BrowserSession victim = BrowserSession.signedIn(rest, "alice");
    ResponseEntity<String> forged = victim.forged(HttpMethod.POST, path(ENGINE + "/task/{task}/claim"),
        "{\"userId\":\"alice\"}");
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(ids.get("{task}")).singleResult().getAssignee()).isNull();
  }

  /** A browser session that has not logged in: the page gave it a session and a CSRF cookie, nothing more. */
  @ParameterizedTest
  @ValueSource(strings = {
      ENGINE + "/task",
      ENGINE + "/process-instance",
      ENGINE + "/history/process-instance",
      ENGINE + "/process-definition/statistics",
      ENGINE + "/user",
      ENGINE + "/metrics",
      COCKPIT + "/process-definition/statistics",
      COCKPIT + "/process-instance?processDefinitionId={pd}",
      COCKPIT + "/incident",
      AGGREGATED_METRICS,
      "/camunda/api/tasklist/plugin/tasklistPlugins/default/anything"})
  void shouldRefuseASessionThatIsNotLoggedIn(String resource) {
    BrowserSession anonymous = BrowserSession.anonymous(rest);
    String path = path(resource);
    assertThat(anonymous.get(path).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldRefuseASearchFromASessionThatIsNotLoggedIn() {
    assertThat(BrowserSession.anonymous(rest)
        .post(COCKPIT + "/process-instance", path("{\"processDefinitionId\":\"{pd}\"}")).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** Fills in A's ids, and {engine} and {cockpit} in the POST searches. */
  private static String path(String template) {
    String path = template.replace("{engine}", ENGINE).replace("{cockpit}", COCKPIT).replace("{admin}", ADMIN);
    for (Map.Entry<String, String> id : ids.entrySet()) {
      path = path.replace(id.getKey(), id.getValue());
    }
    return path;
  }

  private static void assertRefusedOrNothing(ResponseEntity<String> answer, String path) throws Exception {
    if (answer.getStatusCode().is2xxSuccessful()) {
      assertThat(JSON.readTree(answer.getBody())).as("bruno: " + path).isEmpty();
    } else {
      assertThat(answer.getStatusCode()).as("bruno: " + path).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }
  }

  /** The ans-certification entry of a process definition statistics answer (engine or Cockpit shape). */
  private static JsonNode certificationStatistics(ResponseEntity<String> answer) throws Exception {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    for (JsonNode statistics : JSON.readTree(answer.getBody())) {
      String key = statistics.has("definition") ? statistics.path("definition").path("key").asText()
          : statistics.path("key").asText();
      if (key.equals("ans-certification")) {
        return statistics;
      }
    }
    throw new AssertionError("no statistics of ans-certification in " + answer.getBody());
  }

  /** Incidents of a statistics entry: a number (Cockpit) or a count per incident type (engine). */
  private static long incidents(JsonNode statistics) {
    JsonNode incidents = statistics.path("incidents");
    if (!incidents.isArray()) {
      return incidents.asLong();
    }
    long sum = 0;
    for (JsonNode type : incidents) {
      sum += type.path("incidentCount").asLong();
    }
    return sum;
  }

  /** A metric's total: {"result": n}, or a list of intervals ("value") or of months ("sum"). */
  private static long total(ResponseEntity<String> answer) throws Exception {
    JsonNode body = JSON.readTree(answer.getBody());
    if (body.has("result")) {
      return body.path("result").asLong();
    }
    long sum = 0;
    for (JsonNode entry : body) {
      sum += entry.has("value") ? entry.path("value").asLong() : entry.path("sum").asLong();
    }
    return sum;
  }

  private static List<String> idsOf(ResponseEntity<String> answer) throws Exception {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> found = new ArrayList<>();
    JSON.readTree(answer.getBody()).forEach(entry -> found.add(entry.path("id").asText()));
    return found;
  }
}
