package fr.parcours.ans;

import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ANS certification registers itself: vendors start it on its own, the ANS reviewers instruct it, and
 * they take its evidence reviews from a queue in the order complete evidence was received (seed 004 §6.4).
 */
@Configuration(proxyBeanMethods = false)
class AnsPathway {

  static final String EVIDENCE_QUEUE = "ANS — file des preuves (ordre d’arrivée)";

  @Bean
  Pathway ansCertification() {
    return new Pathway(AnsProcess.KEY, true, List.of(Roles.ANS_REVIEWER), List.of(new Pathway.Queue(EVIDENCE_QUEUE,
        -5, "Les preuves à instruire, dans l’ordre où les dossiers complets sont arrivés", Roles.ANS_REVIEWER,
        "Task_ReviewEvidence", AnsProcess.EVIDENCE_QUEUED_AT)));
  }

  @Bean
  Outcomes ansOutcomes() {
    return AnsProcess.OUTCOMES;
  }

  @Bean
  Outcomes ansInstructionOutcomes() {
    return AnsProcess.INSTRUCTION_OUTCOMES;
  }
}
