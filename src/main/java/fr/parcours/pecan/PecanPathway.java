package fr.parcours.pecan;

import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PECAN registers itself: vendors start it, and the HAS desk, the CNEDiMTS and the ministers instruct it
 * (the ANS instructs the ANS track it calls, which registers itself).
 */
@Configuration(proxyBeanMethods = false)
class PecanPathway {

  @Bean
  Pathway pecan() {
    return new Pathway(PecanProcess.KEY, true, List.of(Roles.HAS_REVIEWER, Roles.CNEDIMTS, Roles.MINISTRY),
        List.of());
  }

  @Bean
  Outcomes pecanOutcomes() {
    return PecanProcess.OUTCOMES;
  }
}
