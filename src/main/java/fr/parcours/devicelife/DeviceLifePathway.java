package fr.parcours.devicelife;

import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The re-certification cycle registers itself: vendors start it (a new model or range, a certificate withdrawn),
 * Parcours starts it for an opposable version of the referential, and the ANS instructs it (the ANS track it
 * calls registers itself).
 */
@Configuration(proxyBeanMethods = false)
class DeviceLifePathway {

  @Bean
  Pathway deviceLife() {
    return new Pathway(DeviceLifeProcess.KEY, true, List.of(Roles.ANS_REVIEWER), List.of());
  }

  @Bean
  Outcomes deviceLifeOutcomes() {
    return DeviceLifeProcess.OUTCOMES;
  }
}
