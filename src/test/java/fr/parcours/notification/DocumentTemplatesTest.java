package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.notification.DossierDocuments.Drawn;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The documents the mails carry, rendered from {@code documents/<language>/} and read back as a PDF reader reads
 * them (PDFBox's text extraction), in French and English; what the dossier holds is text, never markup; every
 * event that carries a document has its template in both languages.
 */
class DocumentTemplatesTest {

  static final Map<String, Object> DOSSIER = Map.of("certificateNumber", "CC-DMN-2026-ABCDE",
      "certificateIssuedAt", "2 novembre 2026", "companyName", "Société Générale d’Équipements <b>&</b> Cie",
      "siren", "552100554", "softwareName", "CardioWatch", "softwareVersion", "2.1", "dossierId", "DMN-2026-ABCDE", "referentialVersion", "2027");

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      PDFTextStripper reader = new PDFTextStripper();
      reader.setSortByPosition(true);
      return reader.getText(document).replaceAll("\\s+", " ");
    }
  }

  @Test
  void shouldWriteTheFrenchCertificateWithItsAccentsAndTheDossiersFactsAsText() throws IOException {
    Drawn certificate = new DocumentTemplates().draw("certificate-of-conformity", Language.FR, DOSSIER);
    assertThat(certificate.fileName()).isEqualTo("certificat-CC-DMN-2026-ABCDE.pdf");
    assertThat(text(certificate.pdf())).contains("Certificat de conformité",
        "n° CC-DMN-2026-ABCDE, délivré le 2 novembre 2026", "Société Générale d’Équipements <b>&</b> Cie",
        "(SIREN 552100554)", "CardioWatch, version 2.1", "DMN-2026-ABCDE",
        "référentiel d’interopérabilité et de sécurité de l’ANS", "Référentiel version 2027");
  }

  @Test
  void shouldWriteTheEnglishCertificate() throws IOException {
    Drawn certificate = new DocumentTemplates().draw("certificate-of-conformity", Language.EN, DOSSIER);
    assertThat(certificate.fileName()).isEqualTo("certificate-CC-DMN-2026-ABCDE.pdf");
    assertThat(text(certificate.pdf())).contains("Certificate of conformity",
        "No. CC-DMN-2026-ABCDE, issued on 2 novembre 2026", "Holder", "Device", "CardioWatch, version 2.1",
        "Referential version 2027")
        .doesNotContain("Certificat de conformité");
  }

  @Test
  void shouldWriteTheProvisionalCertificateSubjectToProofInBothLanguages() throws IOException {
    Map<String, Object> dossier = new HashMap<>(DOSSIER);
    dossier.put("provisionalCertificateNumber", "CP-2026-0042");
    dossier.put("genericLineNames", "Diabète");
    dossier.put("provisionalCertificateDueOn", "2 mars 2027");
    // the billing code's window as the mail step reads it from the deadlines table (VendorMail): not a number here
    dossier.put("lengths", Map.of("GENERIC_BILLING_CODE", "21 jours"));
    Drawn french = new DocumentTemplates().draw("provisional-certificate", Language.FR, dossier);
    assertThat(french.fileName()).isEqualTo("certificat-provisoire-CP-2026-0042.pdf");
    assertThat(text(french.pdf())).contains("Certificat provisoire", "n° CP-2026-0042", "sous réserve de la preuve",
        "devient définitif", "Ligne(s) générique(s) Diabète", "CardioWatch, version 2.1", "sous 21 jours",
        "Preuve de la conformité", "2 mars 2027");
    Drawn english = new DocumentTemplates().draw("provisional-certificate", Language.EN, dossier);
    assertThat(english.fileName()).isEqualTo("provisional-certificate-CP-2026-0042.pdf");
    assertThat(text(english.pdf())).contains("Provisional certificate", "subject to proof of its conformity",
        "within 21 jours").doesNotContain("Certificat provisoire");
  }

  @Test
  void shouldWriteTheAcknowledgementOfReceiptWithTheDecisionsDueDate() throws IOException {
    Map<String, Object> dossier = new HashMap<>(DOSSIER);
    dossier.put("decisionDueDate", "1er mars 2027");
    Drawn receipt = new DocumentTemplates().draw("acknowledgement-of-receipt", Language.FR, dossier);
    assertThat(receipt.fileName()).isEqualTo("accuse-de-reception-DMN-2026-ABCDE.pdf");
    assertThat(text(receipt.pdf())).contains("Accusé de réception", "Dossier DMN-2026-ABCDE",
        "délais d’instruction réglementaires", "Décision attendue jusqu’au 1er mars 2027 inclus");
    assertThat(text(new DocumentTemplates().draw("acknowledgement-of-receipt", Language.FR, DOSSIER).pdf()))
        .as("without a due date, no line for it").doesNotContain("Décision attendue");
  }

  @Test
  void shouldWriteTheRefusalWithItsReasonsAndAppealRoutes() throws IOException {
    Map<String, Object> dossier = new HashMap<>(DOSSIER);
    dossier.put("decisionReasons", "Le service attendu est insuffisant.\nLes études <i>manquent</i>.");
    Drawn refusal = new DocumentTemplates().draw("decision-refusal", Language.FR, dossier);
    assertThat(refusal.fileName()).isEqualTo("decision-de-refus-DMN-2026-ABCDE.pdf");
    assertThat(text(refusal.pdf())).contains("Décision de refus", "Motifs", "Le service attendu est insuffisant.",
        "Les études <i>manquent</i>.", "Voies et délais de recours", "tribunal administratif compétent",
        "deux mois");
    assertThat(text(new DocumentTemplates().draw("decision-refusal", Language.EN, dossier).pdf()))
        .contains("Refusal decision", "Appeal routes and time limits", "within two months");
    // what is refused is what the pathway applied for
    assertThat(text(refusal.pdf())).as("no pathway: PECAN's words").contains("la prise en charge anticipée demandée");
    dossier.put("pathway", "BRAND_NAME");
    assertThat(text(new DocumentTemplates().draw("decision-refusal", Language.FR, dossier).pdf()))
        .contains("l’inscription sous son nom de marque sur la liste des produits et prestations remboursables (LPPR)"
            + " demandée").doesNotContain("prise en charge").doesNotContain("ligne générique");
    dossier.put("pathway", "GENERIC_LINE");
    assertThat(text(new DocumentTemplates().draw("decision-refusal", Language.FR, dossier).pdf()))
        .contains("l’inscription sur la liste des produits et prestations remboursables (LPPR) au titre de la ligne"
            + " générique demandée").doesNotContain("prise en charge").doesNotContain("nom de marque");
    assertThat(text(new DocumentTemplates().draw("decision-refusal", Language.EN, dossier).pdf()))
        .contains("under the generic line applied for").doesNotContain("coverage");
  }

  @Test
  void shouldWriteTheRequestForComplementsWithItsPointsAndLastDay() throws IOException {
    Map<String, Object> dossier = new HashMap<>(DOSSIER);
    dossier.put("evidenceComment", "SECURITY 3.2 : les journaux d’audit manquent.");
    dossier.put("dueDate", "2 décembre 2026");
    Drawn request = new DocumentTemplates().draw("complements-request", Language.FR, dossier);
    assertThat(request.fileName()).isEqualTo("demande-de-complements-DMN-2026-ABCDE.pdf");
    assertThat(text(request.pdf())).contains("Demande de compléments", "SECURITY 3.2 : les journaux d’audit manquent.",
        "jusqu’au 2 décembre 2026 inclus", "« Fournir des compléments »");
  }

  @Test
  void shouldWriteTheOpinionNoticeWithItsSenseSummaryAndReference() throws IOException {
    Map<String, Object> dossier = new HashMap<>(DOSSIER);
    dossier.put("cnedimtsDecision", "FAVOURABLE");
    dossier.put("cnedimtsComment", "Service attendu suffisant ; amélioration mineure (ASA IV).");
    dossier.put("opinionReference", "AV-2026-0042");
    Drawn notice = new DocumentTemplates().draw("opinion-notice", Language.FR, dossier);
    assertThat(notice.fileName()).isEqualTo("avis-cnedimts-DMN-2026-ABCDE.pdf");
    assertThat(text(notice.pdf())).contains("Notification de l’avis de la CNEDiMTS", "Dossier DMN-2026-ABCDE",
        "Société Générale d’Équipements <b>&</b> Cie", "CardioWatch, version 2.1", "Sens de l’avis Favorable",
        "Service attendu suffisant ; amélioration mineure (ASA IV).", "Référence de l’avis AV-2026-0042",
        "transmis aux ministres").doesNotContain("Défavorable");
    dossier.put("cnedimtsDecision", "UNFAVOURABLE");
    assertThat(text(new DocumentTemplates().draw("opinion-notice", Language.FR, dossier).pdf()))
        .contains("Sens de l’avis Défavorable");
    Drawn english = new DocumentTemplates().draw("opinion-notice", Language.EN, dossier);
    assertThat(english.fileName()).isEqualTo("cnedimts-opinion-DMN-2026-ABCDE.pdf");
    assertThat(text(english.pdf())).contains("Notice of the CNEDiMTS opinion", "Opinion Unfavourable",
        "Opinion reference AV-2026-0042").doesNotContain("Sens de l’avis");
    // an opinion without summary or reference yet: no empty heading, no empty row
    assertThat(text(new DocumentTemplates().draw("opinion-notice", Language.FR, DOSSIER).pdf()))
        .doesNotContain("Résumé de l’avis").doesNotContain("Référence de l’avis").doesNotContain("Sens de l’avis");
  }

  @Test
  void shouldWriteTheFavourableDecisionWithItsNextDatesAndAppealRoutes() throws IOException {
    Map<String, Object> pecan = new HashMap<>(DOSSIER);
    pecan.put("pathway", "PECAN");
    pecan.put("lpprDueDate", "1er mars 2027");
    pecan.put("latmDueDate", "15 mars 2027");
    Drawn decision = new DocumentTemplates().draw("decision-favourable", Language.FR, pecan);
    assertThat(decision.fileName()).isEqualTo("decision-de-prise-en-charge-DMN-2026-ABCDE.pdf");
    assertThat(text(decision.pdf())).contains("Décision de prise en charge anticipée",
        "accordent la prise en charge anticipée demandée par",
        "Société Générale d’Équipements <b>&</b> Cie", "CardioWatch", "LPPR) jusqu’au 1er mars 2027 inclus",
        "LATM) jusqu’au 15 mars 2027 inclus", "Voies et délais de recours", "deux mois")
        .doesNotContain("refus").doesNotContain("Journal officiel");
    // a brand name is inscribed on the LPPR under its name (seed 003, step 5), it is not "prise en charge"
    Map<String, Object> brandName = new HashMap<>(DOSSIER);
    brandName.put("pathway", "BRAND_NAME");
    brandName.put("publicationReference", "JORF n° 0123 du 2 décembre 2026");
    brandName.put("registrationEndsAt", "2 décembre 2031");
    Drawn inscription = new DocumentTemplates().draw("decision-favourable", Language.FR, brandName);
    assertThat(inscription.fileName()).isEqualTo("decision-d-inscription-DMN-2026-ABCDE.pdf");
    assertThat(text(inscription.pdf())).contains("Décision d’inscription sous nom de marque",
        "accordent l’inscription demandée par", "sous son nom de marque sur la liste des produits et prestations"
            + " remboursables (LPPR)", "Publication au Journal officiel JORF n° 0123 du 2 décembre 2026",
            "jusqu’au 2 décembre 2031 inclus").doesNotContain("prise en charge").doesNotContain("LATM");
    assertThat(text(new DocumentTemplates().draw("decision-favourable", Language.EN, brandName).pdf()))
        .contains("Brand-name registration decision", "under its brand name on the list of reimbursable products")
        .doesNotContain("coverage");
    Drawn english = new DocumentTemplates().draw("decision-favourable", Language.EN, pecan);
    assertThat(english.fileName()).isEqualTo("coverage-decision-DMN-2026-ABCDE.pdf");
    assertThat(text(english.pdf())).contains("Early coverage decision", "grant the early coverage", "by 1er mars 2027 included",
        "Appeal routes and time limits", "within two months").doesNotContain("Décision");
  }

  @ParameterizedTest
  @EnumSource(NotificationEvent.class)
  void shouldFindTheDocumentOfEveryEventThatCarriesOneInBothLanguages(NotificationEvent event) {
    if (event.document() == null) {
      return;
    }
    for (Language language : Language.values()) {
      assertThat(getClass().getResource("/documents/" + language.folder() + "/" + event.document() + ".html"))
          .as("documents/%s/%s.html", language.folder(), event.document()).isNotNull();
    }
  }

  @Test
  void shouldNameTheFileTheLineAndTheFixWhenADocumentTemplateCannotBeFilledOrNamesNoFileOrIsNoPdf() {
    assertThatThrownBy(() -> new DocumentTemplates().draw("broken-for-document-templates-test", Language.FR, DOSSIER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le modèle de document documents/fr/broken-for-document-templates-test.html n’a pas pu être rempli :"
            + " à la ligne 9, colonne 10, le moteur de modèles dit : « EL1008E: Property or field 'numero' cannot be"
            + " found on object of type 'java.lang.String' - maybe not public or not valid? ». Corrigez ce fichier,"
            + " puis, dans Cockpit, « Réessayer » sur l’incident.")
        .hasCauseInstanceOf(org.thymeleaf.exceptions.TemplateEngineException.class);
    assertThat(new DocumentTemplates().draw("vanishing-name-for-document-templates-test", Language.FR, DOSSIER)
        .fileName()).isEqualTo("decision-CC-DMN-2026-ABCDE.pdf");
    assertThatThrownBy(() -> new DocumentTemplates().draw("vanishing-name-for-document-templates-test", Language.FR,
        Map.of("dossierId", "DMN-2026-ABCDE")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le modèle de document documents/fr/vanishing-name-for-document-templates-test.html ne nomme plus"
            + " son fichier une fois rempli : gardez dans son <head> <meta name=\"file-name\" th:content=\"|…pdf|\">,"
            + " quel que soit le dossier, puis, dans Cockpit, « Réessayer » sur l’incident.");
    assertThatThrownBy(() -> new DocumentTemplates().draw("unclosed-for-document-templates-test", Language.FR,
        DOSSIER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le modèle de document documents/fr/unclosed-for-document-templates-test.html n’a pas pu être changé"
            + " en PDF : « Can't load the XML resource (using TRaX transformer). org.xml.sax.SAXParseException;"
            + " lineNumber: 9; columnNumber: 24; The entity \"nbsp\" was referenced, but not declared. ». Le PDF se"
            + " fait à partir de XHTML : fermez chaque balise (<br/>, <meta …/>, </p>), écrivez les caractères"
            + " eux-mêmes plutôt que les entités comme &nbsp;, vérifiez les images et polices qu’il nomme, puis,"
            + " dans Cockpit, « Réessayer » sur l’incident.")
        .hasCauseInstanceOf(com.openhtmltopdf.util.XRRuntimeException.class);
  }
}
