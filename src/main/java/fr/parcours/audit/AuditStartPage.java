package fr.parcours.audit;

import fr.parcours.device.DeviceRecords;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /audits/certificates}: the certificates in force an ANS auditor may audit, each with its device and company
 * and a link that opens the audit's start form in Tasklist with its number written in (Camunda Forms start forms
 * receive no data from the engine, so the list lives here; {@code tasklist/scripts/parcours-controls.js} writes the
 * number in). A certificate that an audit already examines links to that audit's dossier instead. Auditors, process
 * owners and administrators only; anybody else signed in reads who may (403); nobody signed in is asked to sign in.
 */
@Controller
class AuditStartPage {

  static final String PATH = "/audits/certificates";
  /** Tasklist's start form of the audit, the certificate's number after it. */
  static final String START_LINK = "/camunda/app/tasklist/default/#/?processStart=" + ComplianceAuditProcess.KEY
      + "&certificate=";
  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;

  /** One certificate in force, as the page lists it. */
  record Row(String company, String device, String version, String number, String referential, String startLink,
      String runningAudit) {
  }

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final DeviceRecords records;

  AuditStartPage(ProcessEngine engine, DossierBoard board, DeviceRecords records) {
    this.engine = engine;
    this.board = board;
    this.records = records;
  }

  @GetMapping(PATH)
  String certificates(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, PATH);
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    if (!viewer.groupIds().contains(ComplianceAuditProcess.AUDITORS) && !Roles.isRepairer(viewer.groupIds())) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return "audit/refused";
    }
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
        if (!certificate.withdrawn()) {
          rows.add(new Row(device.companyName() == null ? device.vendorGroup() : device.companyName(), device.name(),
              device.version(), certificate.number(), certificate.referential() + ", "
                  + certificate.referentialVersion(),
              START_LINK + URLEncoder.encode(certificate.number(), StandardCharsets.UTF_8),
              audited.get(certificate.number())));
        }
      }
    }
    model.addAttribute("rows", rows);
    return "audit/certificates";
  }
}
