package fr.parcours.has;

import fr.parcours.security.Roles;
import fr.parcours.shared.Pathway;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HAS-side tracks that pathways call ({@code bpmn/tracks/}): each registers the groups that work it (they
 * read its instances) and lets vendors read its definition (their tasks in it show its name).
 */
@Configuration(proxyBeanMethods = false)
class HasTracks {

  static final String SESAME_FILING = "sesame-filing";
  static final String CNEDIMTS_OPINION = "cnedimts-opinion";
  static final String MINISTERS_DECISION = "ministers-decision";

  @Bean
  Pathway sesameFiling() {
    return Pathway.track(SESAME_FILING, List.of(Roles.HAS_REVIEWER, Roles.MINISTRY));
  }

  @Bean
  Pathway cnedimtsOpinion() {
    return Pathway.track(CNEDIMTS_OPINION, List.of(Roles.CNEDIMTS, Roles.HAS_REVIEWER, Roles.MINISTRY));
  }

  @Bean
  Pathway ministersDecision() {
    return Pathway.track(MINISTERS_DECISION, List.of(Roles.MINISTRY));
  }
}
