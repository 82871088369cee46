package fr.parcours.transitional;

import fr.parcours.ans.AnsProcess;
import fr.parcours.security.Roles;
import fr.parcours.shared.Outcomes;
import fr.parcours.shared.Pathway;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The ANS transitional phase registers itself: vendors start it, the ANS reviewers instruct it and take its evidence
 * from a queue in the order complete evidence was received (seed 004 §6.4, transitional phase). The ANS windows are
 * read and checked at start-up: windows with a mistake stop the start, naming the entry.
 */
@Configuration(proxyBeanMethods = false)
class TransitionalPathway {

  static final String EVIDENCE_QUEUE = "ANS — phase transitoire : preuves (ordre d’arrivée)";

  @Bean
  Pathway ansTransitional() {
    return new Pathway(TransitionalProcess.KEY, true, java.util.List.of(Roles.ANS_REVIEWER), java.util.List.of(
        new Pathway.Queue(EVIDENCE_QUEUE, -4, "Phase transitoire : les preuves à examiner pour un retour informatif,"
            + " dans l’ordre où les dossiers de preuves complets sont arrivés ; aucun délai", Roles.ANS_REVIEWER,
            "Task_ReviewEvidence", AnsProcess.EVIDENCE_QUEUED_AT)));
  }

  @Bean
  Outcomes transitionalOutcomes() {
    return TransitionalProcess.OUTCOMES;
  }

  @Bean
  AnsWindows ansWindows(@Value("${parcours.ans-windows:classpath:catalogue/ans-windows.json}") String location,
      ResourceLoader resources) throws IOException {
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new IllegalStateException("Les guichets de l’ANS sont introuvables à l’emplacement " + location
          + " (réglage parcours.ans-windows) : remettez le fichier à cet emplacement, ou corrigez le réglage");
    }
    try (InputStream in = resource.getInputStream()) {
      return AnsWindowsReader.read(in, location);
    }
  }
}
