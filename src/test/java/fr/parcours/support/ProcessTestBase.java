package fr.parcours.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.Zips;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Process tests on the real application context: the diagrams, forms and deadlines table of the
 * repository, the real beans, authorization checks on, the demo users, an in-memory database; timers are
 * fired by the tests with the engine clock moved.
 */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
@Import(ProcessEngineCoverageConfiguration.class)
public abstract class ProcessTestBase {

  /** Monday 2 November 2026, 10:00 in Paris: no daylight-saving change in the next 60 days. */
  public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** T0 plus whole days (exact: no daylight-saving change before March 2027). */
  public static Date day(int days) {
    return Date.from(T0.plus(Duration.ofDays(days)));
  }

  /**
   * When a window whose last day is T0's date plus {@code days} has passed: 00:00 Paris the next day, the
   * instant its timer fires (the day of the opening event is not counted, the last day is whole).
   */
  public static Date endOfDay(int days) {
    return Date.from(T0.atZone(PARIS).toLocalDate().plusDays(days + 1L).atStartOfDay(PARIS).toInstant());
  }

  /** The due date Tasklist shows for a window whose last day is T0's date plus {@code days}: 23:59:59 Paris. */
  public static Date lastMomentOfDay(int days) {
    return Date.from(endOfDay(days).toInstant().minusSeconds(1));
  }

  /** The same for a last day given as a date. */
  public static Date lastMomentOf(LocalDate lastDay) {
    return Date.from(lastDay.plusDays(1).atStartOfDay(PARIS).toInstant().minusSeconds(1));
  }

  /** When a window whose last day is the given date has passed: 00:00 Paris the next day. */
  public static Date endOf(LocalDate lastDay) {
    return Date.from(lastDay.plusDays(1).atStartOfDay(PARIS).toInstant());
  }

  /** An instant plus months, counted on the Paris calendar as the regulation does. */
  public static Instant plusMonths(Instant from, int months) {
    return from.atZone(PARIS).plusMonths(months).toInstant();
  }

  /** A real SMTP server on the port of application-test.yml, fresh for every test. */
  @RegisterExtension
  protected static final TestMailServer MAIL = new TestMailServer(TestSmtp.SMTP)
      .withPerMethodLifecycle(true);

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected FormService formService;
  @Autowired protected IdentityService identityService;
  @Autowired protected ManagementService managementService;
  @Autowired protected HistoryService historyService;
  @Autowired protected RepositoryService repositoryService;
  @Autowired protected EvidenceDeposits evidenceDeposits;
  @Autowired protected fr.parcours.evidence.CompanyDocuments companyDocuments;

  @BeforeEach
  void setUpEngine() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(T0));
  }

  @AfterEach
  void resetEngine() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  /** Runs an action as a user, with that user's groups, as a web request would. */
  protected <T> T as(String userId, Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  protected void as(String userId, Runnable action) {
    as(userId, () -> {
      action.run();
      return null;
    });
  }

  /** Starts an application as the vendor, then runs its asynchronous steps (the mails) as the job executor would. */
  protected ProcessInstance startApplication(String vendorUser, String processKey, Map<String, Object> form) {
    ProcessInstance instance = as(vendorUser, () -> {
      String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey)
          .latestVersion().singleResult().getId();
      return formService.submitStartForm(definitionId, form);
    });
    executeJobs(instance);
    return instance;
  }

  /**
   * Runs the instance's pending asynchronous continuations (the notification steps), one after the other
   * and until none is left, as the job executor would; never its timers. A failing job throws.
   */
  protected void executeJobs(ProcessInstance instance) {
    for (int round = 0; round < 200; round++) {
      List<Job> jobs = new java.util.ArrayList<>();
      for (String member : family(instance.getId())) {
        jobs.addAll(managementService.createJobQuery().processInstanceId(member).messages()
            .withRetriesLeft().active().list());
      }
      if (jobs.isEmpty()) {
        return;
      }
      managementService.executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("The asynchronous steps of " + instance.getId() + " never settle");
  }

  /** The instance's whole call hierarchy: the pathway that called it and the tracks it calls, still running. */
  protected List<String> family(String instanceId) {
    String root = instanceId;
    for (ProcessInstance parent = runtimeService.createProcessInstanceQuery().subProcessInstanceId(root)
        .singleResult(); parent != null; parent = runtimeService.createProcessInstanceQuery()
        .subProcessInstanceId(root).singleResult()) {
      root = parent.getId();
    }
    List<String> members = new java.util.ArrayList<>();
    java.util.Deque<String> next = new java.util.ArrayDeque<>(List.of(root));
    while (!next.isEmpty()) {
      String member = next.pop();
      members.add(member);
      runtimeService.createProcessInstanceQuery().superProcessInstanceId(member).unlimitedList()
          .forEach(child -> next.push(child.getId()));
    }
    return members;
  }

  /** The open task of that definition key in the instance (or its sub-processes), looked up as the engine. */
  protected Task task(ProcessInstance instance, String taskKey) {
    return taskService.createTaskQuery().processInstanceIdIn(family(instance.getId()).toArray(String[]::new))
        .taskDefinitionKey(taskKey).singleResult();
  }

  /** Every instance of the dossier, running or ended: the root and the tracks it called, from history. */
  protected List<String> dossierInstances(ProcessInstance root) {
    List<String> ids = new java.util.ArrayList<>(List.of(root.getId()));
    historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(root.getId()).unlimitedList().stream()
        .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).filter(id -> !ids.contains(id))
        .forEach(ids::add);
    return ids;
  }

  /** The dossier (its pathway's instance or a track it called) has passed each of these steps. */
  protected void assertPassed(ProcessInstance root, String... activityIds) {
    List<String> passed = new java.util.ArrayList<>();
    for (String instance : dossierInstances(root)) {
      historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).finished().unlimitedList()
          .forEach(a -> passed.add(a.getActivityId()));
    }
    org.assertj.core.api.Assertions.assertThat(passed).as("steps the dossier %s passed", root.getBusinessKey())
        .contains(activityIds);
  }

  /** The dossier waits at each of these steps, in its pathway's instance or in a track it calls. */
  protected void assertWaitingAt(ProcessInstance root, String... activityIds) {
    List<String> waiting = new java.util.ArrayList<>();
    for (String instance : family(root.getId())) {
      java.util.Deque<org.camunda.bpm.engine.runtime.ActivityInstance> tree = new java.util.ArrayDeque<>();
      tree.push(runtimeService.getActivityInstance(instance));
      while (!tree.isEmpty()) {
        org.camunda.bpm.engine.runtime.ActivityInstance node = tree.pop();
        waiting.add(node.getActivityId());
        java.util.Arrays.stream(node.getChildTransitionInstances()).forEach(t -> waiting.add(t.getActivityId()));
        java.util.Arrays.stream(node.getChildActivityInstances()).forEach(tree::push);
      }
    }
    org.assertj.core.api.Assertions.assertThat(waiting).as("steps the dossier %s waits at", root.getBusinessKey())
        .contains(activityIds);
  }

  /** The value of a variable of the dossier, wherever in its call hierarchy it was set (history). */
  protected Object dossierVariable(ProcessInstance root, String name) {
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(dossierInstances(root).toArray(String[]::new)).variableName(name).unlimitedList().stream()
        .map(org.camunda.bpm.engine.history.HistoricVariableInstance::getValue).findFirst().orElse(null);
  }

  /** The running instance of the dossier's call hierarchy that runs that process (a track), or null. */
  protected ProcessInstance instanceOf(ProcessInstance dossier, String processKey) {
    List<String> members = family(dossier.getId());
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).unlimitedList().stream()
        .filter(instance -> members.contains(instance.getId())).findFirst().orElse(null);
  }

  protected void complete(String user, ProcessInstance instance, String taskKey, Map<String, Object> variables) {
    Task task = task(instance, taskKey);
    if (task == null) {
      throw new AssertionError("No open task " + taskKey + " in " + instance.getId() + "; open tasks: "
          + taskService.createTaskQuery().processInstanceIdIn(family(instance.getId()).toArray(String[]::new)).unlimitedList()
              .stream()
              .map(Task::getTaskDefinitionKey).toList());
    }
    as(user, () -> formService.submitTaskForm(task.getId(), variables));
    executeJobs(instance);
  }

  protected void advance(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
  }

  protected void advanceTo(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  protected static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** The timer job armed by that timer event in the instance, or null. */
  protected Job timer(ProcessInstance instance, String timerEventId) {
    for (Job job : managementService.createJobQuery().processInstanceIds(new java.util.HashSet<>(
        family(instance.getId()))).timers().unlimitedList()) {
      JobDefinition definition = managementService.createJobDefinitionQuery()
          .jobDefinitionId(job.getJobDefinitionId()).singleResult();
      if (definition != null && timerEventId.equals(definition.getActivityId())) {
        return job;
      }
    }
    return null;
  }

  /**
   * The vendor sends, as the next send dated today, one archive holding every proof the illustrative
   * catalogue asks of the standard test candidature (profile SOCLE, no INS), plus any extra proofs.
   */
  /** A small PDF. */
  public static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
      .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The vendor sends the company's Kbis extract, as the dossier's Kbis page does. */
  protected void sendKbis(String vendorUser, ProcessInstance instance) {
    companyDocuments.storeKbis(instance.getId(), vendorUser, "kbis-medisoft.pdf", PDF);
  }

  protected void sendCompleteEvidence(String vendorUser, ProcessInstance instance, String... extraProofs) {
    List<String> proofs = new java.util.ArrayList<>(List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf"));
    proofs.addAll(List.of(extraProofs));
    String name = evidenceDeposits.nextArchiveName(instance.getId());
    as(vendorUser, () -> evidenceDeposits.deposit(instance.getId(), vendorUser, name,
        new java.io.ByteArrayInputStream(Zips.with(proofs.toArray(String[]::new)).bytes())));
  }

  /** Moves the engine clock to the timer's due date and fires it, as the job executor would. */
  protected void fire(ProcessInstance instance, String timerEventId) {
    Job job = timer(instance, timerEventId);
    if (job == null) {
      throw new AssertionError("No armed timer " + timerEventId + " in " + instance.getId());
    }
    advanceTo(job.getDuedate().toInstant());
    managementService.executeJob(job.getId());
    executeJobs(instance);
  }

  /** The mails received whose subject contains {@code subjectPart}, in the order they arrived. */
  protected static List<MimeMessage> mails(String subjectPart) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getSubject().contains(subjectPart)) {
        found.add(message);
      }
    }
    return found;
  }

  /** The text of an attached PDF as it reads on the page, its white space made single spaces. */
  protected static String pdfText(Part part) throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
        part.getInputStream().readAllBytes())) {
      org.apache.pdfbox.text.PDFTextStripper reader = new org.apache.pdfbox.text.PDFTextStripper();
      reader.setSortByPosition(true); // the text as it reads on the page, bold words in place
      return reader.getText(pdf).replaceAll("\\s+", " ");
    }
  }

  /** The first attached file of a mail (a part with a file name), or null. */
  protected static Part attachment(Part part) throws Exception {
    if (part.getFileName() != null) {
      return part;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        Part found = attachment(body);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The plain-text part of a mail, decoded (the browser walks read the links of the mails with it too). */
  public static String text(MimeMessage mail) throws Exception {
    return part(mail, "text/plain");
  }

  /** The HTML part of a mail, decoded. */
  public static String html(MimeMessage mail) throws Exception {
    return part(mail, "text/html");
  }

  private static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type) && part.getFileName() == null) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
