package fr.parcours.brandname;

import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The brand-name registration registers itself: vendors start it, and the HAS desk, the CNEDiMTS and the
 * ministers instruct it (the ANS instructs the ANS track it calls, which registers itself).
 */
@Configuration(proxyBeanMethods = false)
class BrandNamePathway {

  @Bean
  Pathway brandName() {
    return new Pathway(BrandNameProcess.KEY, true, List.of(Roles.HAS_REVIEWER, Roles.CNEDIMTS, Roles.MINISTRY),
        List.of());
  }

  @Bean
  Outcomes brandNameOutcomes() {
    return BrandNameProcess.OUTCOMES;
  }
}
