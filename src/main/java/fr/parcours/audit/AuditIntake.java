package fr.parcours.audit;

import fr.parcours.ans.DossierNumbers;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.Roles;
import fr.parcours.shared.BadInputException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The start of a compliance audit: an ANS auditor names a certificate in force; the audit takes the certified
 * device and its company, a dossier number, the vendor's contacts from the dossier that produced the certificate,
 * and is opened to that company only. Refused in French, nothing started: a start by anyone but an auditor (a
 * vendor never opens an audit), an empty scope, a number that names no certificate, a certificate already withdrawn or
 * replaced by a re-certification's (the sentence names the one to audit), a certificate
 * that an audit already examines, even one opened at the same instant ({@link AuditRecords}).
 */
@Component("auditIntake")
class AuditIntake implements ExecutionListener {

  /** What the audit's mails and forms need of the certified dossier (its contacts and language). */
  static final List<String> CONTACT_VARIABLES = List.of("contactEmail", "contactName", "legalRepEmail", "legalRepName",
      "correspondenceLanguage", "softwareName", "softwareVersion", "companyName");

  private final ProcessEngine engine;
  private final DeviceRecords records;
  private final DossierAccess access;
  private final DossierNumbers numbers;
  private final AuditRecords audits;

  AuditIntake(ProcessEngine engine, DeviceRecords records, DossierAccess access, DossierNumbers numbers,
      AuditRecords audits) {
    this.audits = audits;
    this.engine = engine;
    this.records = records;
    this.access = access;
    this.numbers = numbers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String auditor = (String) execution.getVariable(ComplianceAuditProcess.AUDITOR);
    if (auditor == null) {
      throw new BadInputException("Un audit de conformité est ouvert par un auditeur de l’ANS connecté : connectez-vous"
          + " à Tasklist avec votre compte d’auditeur et recommencez.");
    }
    List<String> groups = unchecked(() -> engine.getIdentityService().createGroupQuery().groupMember(auditor)
        .unlimitedList().stream().map(Group::getId).toList());
    if (!groups.contains(ComplianceAuditProcess.AUDITORS) && !Roles.isRepairer(groups)) {
      throw new BadInputException("Seuls les auditeurs de l’ANS ouvrent un audit de conformité : un industriel ou un"
          + " autre service ne peut pas en ouvrir. Si un audit vous semble nécessaire, écrivez à l’ANS.");
    }
    Object typed = execution.getVariable(ComplianceAuditProcess.CERTIFICATE_NUMBER);
    String number = typed == null ? "" : typed.toString().strip();
    if (number.isEmpty()) {
      throw new BadInputException("Numéro du certificat de conformité : le champ est vide. Recopiez le numéro d’un"
          + " certificat en vigueur depuis la page « Ouvrir un audit de conformité »"
          + " (/audits/certificates).");
    }
    Object scope = execution.getVariable(ComplianceAuditProcess.AUDIT_SCOPE);
    if (scope == null || scope.toString().isBlank()) {
      throw new BadInputException("Objet de l’audit : le champ est vide. Écrivez ce que l’audit examine (déploiement,"
          + " version, exigences) ; il est communiqué à l’industriel.");
    }
    CertifiedDevice certificate = records.certificateAsTyped(number).orElseThrow(() -> new BadInputException(
        "Numéro du certificat de conformité : aucun certificat ne porte le numéro « " + number + " ». Recopiez le"
            + " numéro d’un certificat en vigueur depuis la page « Ouvrir un audit de conformité »"
          + " (/audits/certificates)."));
    if (certificate.replacedBy() != null && !certificate.withdrawn()) {
      throw new BadInputException(certificate.replacedSentence(". Un audit porte sur le certificat en vigueur :"
          + " auditez le certificat « " + certificate.replacedBy() + " » (page « Ouvrir un audit de conformité »,"
          + " /audits/certificates)."));
    }
    if (!certificate.inForce()) {
      throw new BadInputException("Le certificat « " + number + " » a déjà été retiré : un audit porte sur un"
          + " certificat en vigueur. L’industriel doit présenter une nouvelle candidature.");
    }
    ProcessInstance running = unchecked(() -> engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ComplianceAuditProcess.KEY)
        .variableValueEquals(ComplianceAuditProcess.CERTIFICATE_NUMBER, certificate.certificateNumber())
        .listPage(0, 2).stream().filter(p -> !p.getId().equals(execution.getProcessInstanceId())).findFirst()
        .orElse(null));
    if (running != null) { // an audit opened before the table of audits (V8) holds no row there
      throw AuditRecords.alreadyAudited(number, running.getBusinessKey());
    }
    // an audit of a certificate this one replaced runs on and, uncorrected, withdraws this one: a second audit would
    // withdraw it first, and the first could then withdraw nothing (its step failing for ever)
    for (String earlier : records.earlierOf(certificate.certificateNumber())) {
      Optional<String> auditing = audits.running(earlier);
      if (auditing.isPresent()) {
        throw new BadInputException("Un audit est déjà en cours sur le certificat « " + earlier + " » (dossier "
            + auditing.get() + "), que le certificat « " + certificate.certificateNumber() + " » a remplacé depuis :"
            + " cet audit porte sur le dispositif, et sans correction il retirera le certificat « "
            + certificate.certificateNumber() + " ». Poursuivez-le ; un nouvel audit pourra être ouvert quand il sera"
            + " clos. Rien n’a été ouvert.");
      }
    }

    execution.setVariable(ComplianceAuditProcess.CERTIFICATE_NUMBER, certificate.certificateNumber());
    execution.setVariable(ComplianceAuditProcess.CERTIFIED_DOSSIER, certificate.dossierId());
    execution.setVariable("referential", certificate.referential());
    execution.setVariable("referentialVersion", certificate.referentialVersion());
    execution.setVariable("pathway", ComplianceAuditProcess.PATHWAY);
    execution.setVariable("vendorGroup", certificate.vendorGroup());
    contactsOf(certificate).forEach(execution::setVariable);
    if (execution.getVariable("softwareName") == null) {
      execution.setVariable("softwareName", certificate.deviceName());
      execution.setVariable("softwareVersion", certificate.deviceVersion());
    }
    if (execution.getVariable("companyName") == null) {
      execution.setVariable("companyName", certificate.companyName() == null ? certificate.vendorGroup()
          : certificate.companyName());
    }
    if (execution.getVariable("correspondenceLanguage") == null) {
      execution.setVariable("correspondenceLanguage", "FR");
    }
    String dossierId = numbers.next();
    execution.setVariable("dossierId", dossierId);
    execution.getProcessInstance().setProcessBusinessKey(dossierId);
    audits.opened(certificate.certificateNumber(), dossierId, execution.getProcessInstanceId(), auditor,
        ClockUtil.getCurrentTime().toInstant());
    access.openTo(certificate.vendorGroup(), execution.getProcessInstanceId());
  }

  /**
   * The vendor's contacts as the certified dossier holds them; when it is gone (or was made outside Parcours), the
   * company's users' addresses.
   */
  private java.util.Map<String, Object> contactsOf(CertifiedDevice certificate) {
    java.util.Map<String, Object> found = new java.util.LinkedHashMap<>();
    if (certificate.dossierId() != null) {
      unchecked(() -> {
        HistoricProcessInstance root = engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(certificate.dossierId()).rootProcessInstances().listPage(0, 1).stream()
            .findFirst().orElse(null);
        if (root != null) {
          for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
              .processInstanceId(root.getId()).variableNameIn(CONTACT_VARIABLES.toArray(String[]::new))
              .listPage(0, 50)) {
            if (variable.getValue() instanceof String text && !text.isBlank()) {
              found.put(variable.getName(), text);
            }
          }
        }
        return null;
      });
    }
    if (!found.containsKey("contactEmail") && !found.containsKey("legalRepEmail")) {
      List<User> users = unchecked(() -> engine.getIdentityService().createUserQuery()
          .memberOfGroup(certificate.vendorGroup()).listPage(0, 20));
      users.stream().filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).findFirst().ifPresent(u -> {
        found.put("contactEmail", u.getEmail());
        found.put("contactName", (u.getFirstName() + " " + u.getLastName()).strip());
      });
    }
    return found;
  }

  /** What the audit must read whoever opens it: the certified dossier, the company's users, the running audits. */
  private static <T> T unchecked(Supplier<T> query) {
    CommandContext context = Context.getCommandContext();
    if (context == null || !context.isAuthorizationCheckEnabled()) {
      return query.get();
    }
    context.disableAuthorizationCheck();
    try {
      return query.get();
    } finally {
      context.enableAuthorizationCheck();
    }
  }
}
