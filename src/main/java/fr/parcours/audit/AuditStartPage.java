package fr.parcours.audit;

import fr.parcours.device.DeviceRecords;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.FirstTask;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.security.Roles;
import fr.parcours.shared.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /audits/certificates}: the certificates in force an ANS auditor may audit, each with its device and company
 * and "Ouvrir un audit" with the audit's scope, which starts it here (Camunda Forms start forms receive no data from
 * the engine, so the list lives here; the Tasklist start form, with the number typed, works as well). A certificate that an audit already examines links to that audit's dossier instead. Auditors, process
 * owners and administrators only; anybody else signed in reads who may (403); nobody signed in is asked to sign in.
 */
@Lazy
@Controller
class AuditStartPage {

  static final String PATH = "/audits/certificates";
  /** Tasklist's start form of the audit, the certificate's number after it. */
  static final String START_LINK = "/camunda/app/tasklist/default/#/?processStart=" + ComplianceAuditProcess.KEY
      + "&certificate=";
  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;
  static final String CSRF = "auditCsrf";

  /** One certificate in force, as the page lists it. */
  record Row(String company, String device, String version, String number, String referential, String startLink,
      String runningAudit) {
  }

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final DeviceRecords records;
  private final AuditRecords audits;
  private final Duration firstTaskWait;

  AuditStartPage(ProcessEngine engine, DossierBoard board, DeviceRecords records, AuditRecords audits,
      @Value("${parcours.start.first-task-wait:PT3S}") Duration firstTaskWait) {
    this.audits = audits;
    this.firstTaskWait = firstTaskWait;
    this.engine = engine;
    this.board = board;
    this.records = records;
  }

  @GetMapping(PATH)
  String certificates(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, PATH);
    String refusal = refusal(viewer, response);
    if (refusal != null) {
      return refusal;
    }
    model.addAttribute("form", Map.of());
    return page(request, model);
  }

  /** The view for someone who may not open audits (nobody signed in, not an auditor); null for an auditor. */
  private static String refusal(Viewer viewer, HttpServletResponse response) {
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    if (!viewer.groupIds().contains(ComplianceAuditProcess.AUDITORS) && !Roles.isRepairer(viewer.groupIds())) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return "audit/refused";
    }
    return null;
  }

  /**
   * "Ouvrir un audit" on a row: starts the audit through the engine as the signed-in auditor (the start event's
   * initiator, the engine's rights; {@link AuditIntake} checks it as it checks the Tasklist start form) and lands
   * them on its first task in Tasklist. Refused on the page, nothing started: anyone but an auditor (403), a post
   * without the page's token (403), an empty scope, a certificate that names none, withdrawn, or already audited,
   * even by an audit opened at the same instant (400).
   */
  @PostMapping(PATH)
  String open(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, PATH);
    String refusal = refusal(viewer, response);
    if (refusal != null) {
      return refusal;
    }
    model.addAttribute("form", form);
    if (!PageToken.matches(request, CSRF, form.get("csrf"))) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("problem", "La page a expiré : rechargez-la, puis ouvrez l’audit à nouveau. Aucun audit n’a"
          + " été ouvert.");
      return page(request, model);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ComplianceAuditProcess.CERTIFICATE_NUMBER, form.get("certificate"));
    variables.put(ComplianceAuditProcess.AUDIT_SCOPE, form.get("scope"));
    ProcessInstance audit;
    engine.getIdentityService().setAuthentication(viewer.userId(), viewer.groupIds());
    try {
      audit = engine.getRuntimeService().createProcessInstanceByKey(ComplianceAuditProcess.KEY)
          .setVariables(variables).execute();
    } catch (BadInputException refused) {
      Optional<String> first = sameAuditOpened(viewer, form);
      if (first.isPresent()) {
        // the same audit asked twice (a double click, two tabs): the second lands where the first did
        return "redirect:" + FirstTask.landing(engine, first.get(), viewer.groupIds(),
            firstTaskWait);
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", refused.getMessage());
      return page(request, model);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    return "redirect:" + FirstTask.landing(engine, audit.getBusinessKey(), viewer.groupIds(),
        firstTaskWait);
  }

  /**
   * The running audit that this auditor opened on this certificate with this very scope: what a second click on
   * "Ouvrir un audit" asks for. Another scope, or an audit another auditor opened, is not it (refused, naming it).
   */
  private Optional<String> sameAuditOpened(Viewer viewer, Map<String, String> form) {
    String number = form.get("certificate");
    String scope = form.get("scope");
    if (number == null || scope == null) {
      return Optional.empty();
    }
    return audits.runningOpenedBy(number.strip(), viewer.userId()).filter(dossier -> engine.getRuntimeService()
        .createProcessInstanceQuery().processDefinitionKey(ComplianceAuditProcess.KEY)
        .processInstanceBusinessKey(dossier).variableValueEquals(ComplianceAuditProcess.AUDIT_SCOPE, scope)
        .count() > 0);
  }

  private String page(HttpServletRequest request, Model model) {
    Map<String, String> audited = new HashMap<>();
    for (ProcessInstance audit : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ComplianceAuditProcess.KEY).listPage(0, 2000)) {
      VariableInstance number = engine.getRuntimeService().createVariableInstanceQuery()
          .processInstanceIdIn(audit.getId()).variableName(ComplianceAuditProcess.CERTIFICATE_NUMBER).listPage(0, 1)
          .stream().findFirst().orElse(null);
      if (number != null && number.getValue() instanceof String text) {
        audited.put(text, audit.getBusinessKey());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (DeviceRecords.Device device : records.all()) {
      for (DeviceRecords.Certificate certificate : device.certificates()) {
        if (certificate.inForce()) { // neither withdrawn nor replaced by a re-certification's
          rows.add(new Row(device.companyName() == null ? device.vendorGroup() : device.companyName(), device.name(),
              device.version(), certificate.number(), certificate.referential() + ", version "
                  + certificate.referentialVersion(),
              START_LINK + URLEncoder.encode(certificate.number(), StandardCharsets.UTF_8),
              audited.get(certificate.number())));
        }
      }
    }
    model.addAttribute("rows", rows);
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    return "audit/certificates";
  }
}
