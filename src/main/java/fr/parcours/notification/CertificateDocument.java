package fr.parcours.notification;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The certificate of conformity attached to the "certificate issued" mail: the template
 * {@code documents/<language>/certificate-of-conformity.html} (a top-level folder process owners edit, as
 * {@code mails/}) filled with the dossier and rendered to PDF by openhtmltopdf on PDFBox, so that its layout is
 * HTML and CSS ({@code @page} for the paper) and its accents are the fonts' own, not a hand-written PDF's.
 * The signed certificate itself stays on Convergence.
 */
@Component
class CertificateDocument {

  static final String TEMPLATE = "certificate-of-conformity";

  private final TemplateEngine engine = new SpringTemplateEngine(); // SpEL, as the mails; not a bean

  CertificateDocument() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("documents/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    engine.addTemplateResolver(resolver);
  }

  /** The certificate of the dossier whose variables the model holds, in its language, as PDF. */
  byte[] pdf(Language language, Map<String, Object> model) {
    String html = engine.process(language.folder() + "/" + TEMPLATE, new Context(language.locale(), model));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("The template documents/" + language.folder() + "/" + TEMPLATE
          + ".html could not be rendered to PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
