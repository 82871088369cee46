package fr.parcours.genericline;

import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generic-line registration registers itself: vendors start it; the ANS (the line's minimum requirements,
 * the provisional certificate), the ministers (the Démarches Simplifiées filing, the code) and the CNAM (billing
 * code, reimbursement bases) instruct it. The ANS track it calls registers itself.
 */
@Configuration(proxyBeanMethods = false)
class GenericLinePathway {

  @Bean
  Pathway genericLine() {
    return new Pathway(GenericLineProcess.KEY, true, List.of(Roles.ANS_REVIEWER, Roles.MINISTRY, Roles.CNAM),
        List.of());
  }

  @Bean
  Outcomes genericLineOutcomes() {
    return GenericLineProcess.OUTCOMES;
  }
}
