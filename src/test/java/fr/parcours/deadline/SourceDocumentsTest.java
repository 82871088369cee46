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

  /**
   * Walk 22: a generic-line dossier's page cited the ANS windows from the early-coverage (PECAN) fiche, « Mes étapes
   * pour obtenir la prise en charge anticipée ». Where its own fiche or a text common to every pathway states the
   * rule, it cites that; where only the PECAN fiche does, it cites it and says why.
   */
  @Test
  void shouldCiteOnADossierItsOwnPathwaysFicheOrTheTextsCommonToAllRatherThanAnotherPathways() throws Exception {
    DeadlineTable table = DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn", "deadlines.dmn")), "test");

    assertThat(table.require("CONVERGENCE_ACCOUNT", "GENERIC_LINE").source(Locale.FRENCH, "GENERIC_LINE"))
        .isEqualTo("fiche « Inscription sur une ligne générique », étape 3 ; guide « DMN à visée thérapeutique ou"
            + " diagnostique » (avril 2025), point 2");
    assertThat(table.require("CONVERGENCE_ACCOUNT", "PECAN").source(Locale.FRENCH, "PECAN"))
        .contains("prise en charge anticipée », étape 4.a").doesNotContain("ligne générique");
    assertThat(table.require("CONVERGENCE_ACCOUNT").source(Locale.ENGLISH, null))
        .as("the ANS certification alone: the guide common to every pathway")
        .isEqualTo("guide “DMN à visée thérapeutique ou diagnostique” (April 2025), section 2");
    for (DeadlineRule rule : table.rules()) {
      if (rule.pathway().isEmpty()) {
        assertThat(rule.source(Locale.FRENCH, "GENERIC_LINE")).as(rule.id())
            .satisfiesAnyOf(source -> assertThat(source).doesNotContain("prise en charge anticipée"),
                source -> assertThat(source).contains("seule cette fiche en donne la durée"));
      }
    }
    assertThat(table.require("ANS_ANALYSIS", "GENERIC_LINE").source(Locale.FRENCH, "GENERIC_LINE"))
        .as("only the PECAN fiche gives the 60 days: cited, and why")
        .isEqualTo("fiche « Mes étapes pour obtenir la prise en charge anticipée », étape 11.a (seule cette fiche en"
            + " donne la durée, que Parcours applique à la certification ANS de chaque voie)");
  }

  @Test
  void shouldKeepARemarkWithItsReferenceAndEveryReferenceWhereNoneIsThePathwaysOwn() {
    assertThat(SourceDocuments.readable("000 §3 (a; b); 001 §3", Locale.ENGLISH, "BRAND_NAME"))
        .isEqualTo("guide “Brand name registration”, step 3 (a; b)");
    assertThat(SourceDocuments.readable("000 §3; 002 §4.a", Locale.FRENCH, "GENERIC_LINE"))
        .isEqualTo(SourceDocuments.readable("000 §3; 002 §4.a", Locale.FRENCH));
  }
}
