package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The certificate of conformity, rendered from {@code documents/<language>/} and read back as a PDF reader reads
 * it (PDFBox's text extraction), in French and English; what the dossier holds is text, never markup.
 */
class CertificateDocumentTest {

  static final Map<String, Object> DOSSIER = Map.of("certificateNumber", "CC-DMN-2026-ABCDE",
      "certificateIssuedAt", "2 novembre 2026", "companyName", "Société Générale d’Équipements <b>&</b> Cie",
      "siren", "552100554", "softwareName", "CardioWatch", "softwareVersion", "2.1", "dossierId", "DMN-2026-ABCDE");

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
    String text = text(new CertificateDocument().pdf(Language.FR, DOSSIER));
    assertThat(text).contains("Certificat de conformité", "n° CC-DMN-2026-ABCDE, délivré le 2 novembre 2026",
        "Société Générale d’Équipements <b>&</b> Cie", "(SIREN 552100554)", "CardioWatch, version 2.1",
        "DMN-2026-ABCDE", "référentiel d’interopérabilité et de sécurité de l’ANS");
  }

  @Test
  void shouldWriteTheEnglishCertificate() throws IOException {
    String text = text(new CertificateDocument().pdf(Language.EN, DOSSIER));
    assertThat(text).contains("Certificate of conformity", "No. CC-DMN-2026-ABCDE, issued on 2 novembre 2026",
        "Holder", "Device", "CardioWatch, version 2.1").doesNotContain("Certificat de conformité");
  }
}
