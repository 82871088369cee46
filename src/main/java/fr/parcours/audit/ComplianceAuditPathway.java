package fr.parcours.audit;

import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The compliance audit registers itself: the ANS auditors (a reviewer group of their own, created with its
 * Tasklist filters from the {@link Roles.Reviewer} declared here) instruct it and alone start it; vendors do not
 * start it, and read the audits of their own company only (each audit is opened to the audited company when it
 * starts).
 */
@Configuration(proxyBeanMethods = false)
class ComplianceAuditPathway {

  @Bean
  Pathway complianceAudit() {
    return new Pathway(ComplianceAuditProcess.KEY, false, List.of(ComplianceAuditProcess.AUDITORS), List.of());
  }

  @Bean
  Outcomes complianceAuditOutcomes() {
    return ComplianceAuditProcess.OUTCOMES;
  }

  @Bean
  Roles.Reviewer ansAuditors() {
    return new Roles.Reviewer(ComplianceAuditProcess.AUDITORS, "Auditeurs de l’ANS (conformité)", "Audit ANS");
  }

  /** The auditors start audits from Tasklist: the one process they may start. */
  @Bean
  ApplicationRunner auditorsStartAudits(AuthorizationSetup grants) {
    return arguments -> {
      grants.grant(ComplianceAuditProcess.AUDITORS, Resources.PROCESS_DEFINITION, ComplianceAuditProcess.KEY,
          Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grants.grant(ComplianceAuditProcess.AUDITORS, Resources.PROCESS_INSTANCE, Authorization.ANY,
          Permissions.CREATE);
    };
  }
}
