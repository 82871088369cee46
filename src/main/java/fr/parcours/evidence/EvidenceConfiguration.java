package fr.parcours.evidence;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Reads and checks the evidence catalogue at start-up: a catalogue with a mistake stops the start. */
@Configuration
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceConfiguration {

  @Bean
  EvidenceCatalogue evidenceCatalogue(EvidenceProperties properties, ResourceLoader resources) throws IOException {
    Resource resource = resources.getResource(properties.catalogue());
    if (!resource.exists()) {
      throw new IllegalStateException("Le catalogue des preuves est introuvable à l’emplacement "
          + properties.catalogue() + " (réglage parcours.evidence.catalogue) : remettez le fichier à cet emplacement,"
          + " ou corrigez le réglage");
    }
    try (InputStream in = resource.getInputStream()) {
      return EvidenceCatalogueReader.read(in, properties.catalogue());
    }
  }
}
