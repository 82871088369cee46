package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Walk 14: the dossier page wrote a window's source as « source : 000 §16 », which means nothing to a vendor. The
 * pages name the document and its step or section, in the page's language.
 */
class SourceDocumentsTest {

  @Test
  void shouldNameTheDocumentAndItsStepOfEveryRowOnTheFrenchAndEnglishPages() throws Exception {
    var rules = DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn", "deadlines.dmn")), "test").rules();
    for (DeadlineRule rule : rules) {
      for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
        assertThat(rule.source(locale)).as(rule.id() + " " + rule.pathway() + " " + locale)
            .doesNotContain("§").doesNotContainPattern("\\b00[0-4]\\b");
      }
    }
    assertThat(rules).anySatisfy(rule -> assertThat(rule.sourceFr()).isEqualTo("000 §16"));
  }

  @Test
  void shouldWriteEachReferenceWithItsTitleAndKeepTheRestOfTheCell() {
    assertThat(SourceDocuments.readable("000 §16", Locale.FRENCH))
        .isEqualTo("fiche « Inscription sous nom de marque », étape 16");
    assertThat(SourceDocuments.readable("000 §3; 002 §4.a", Locale.FRENCH))
        .isEqualTo("fiche « Inscription sous nom de marque », étape 3 ; fiche « Mes étapes pour obtenir la prise en"
            + " charge anticipée », étape 4.a");
    assertThat(SourceDocuments.readable("003 §6.2 (le guide ne fixe pas de durée)", Locale.FRENCH))
        .isEqualTo("guide « DMN à visée thérapeutique ou diagnostique » (avril 2025), point 6.2 (le guide ne fixe"
            + " pas de durée)");
    assertThat(SourceDocuments.readable("004 §6.4", Locale.ENGLISH))
        .isEqualTo("ANS transitional-phase certification rules, section 6.4");
    assertThat(SourceDocuments.readable("", Locale.FRENCH)).isEmpty();
  }
}
