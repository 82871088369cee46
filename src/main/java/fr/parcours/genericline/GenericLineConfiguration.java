package fr.parcours.genericline;

import fr.parcours.evidence.EvidenceCatalogue;
import fr.parcours.evidence.LineRequirements;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Reads and checks the generic lines at start-up: lines with a mistake stop the start, naming the entry. */
@Configuration(proxyBeanMethods = false)
class GenericLineConfiguration {

  @Bean
  GenericLines genericLines(@Value("${parcours.generic-lines:classpath:catalogue/generic-lines.json}") String location,
      ResourceLoader resources, EvidenceCatalogue referential) throws IOException {
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new IllegalStateException("Les lignes génériques sont introuvables à l’emplacement " + location
          + " (réglage parcours.generic-lines) : remettez le fichier à cet emplacement, ou corrigez le réglage");
    }
    try (InputStream in = resource.getInputStream()) {
      return GenericLinesReader.read(in, location, referential);
    }
  }

  /** The lines as the evidence report and the ANS track's certification of the lines see them. */
  @Bean
  LineRequirements lineRequirements(GenericLines lines) {
    List<LineRequirements.Line> all = lines.lines().stream().map(l -> new LineRequirements.Line(l.id(), l.label(),
        l.labelEn(), l.profiles(), l.requirements())).toList();
    return () -> all;
  }
}
