package fr.parcours.notification;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The documents a mail carries (the certificate of conformity, the acknowledgement of receipt, the refusal with
 * its appeal routes: {@link NotificationEvent#document()}): the template {@code documents/<language>/<document>.html}
 * (a top-level folder process owners edit, as {@code mails/}) filled with the dossier and rendered to PDF by
 * openhtmltopdf on PDFBox, so that its layout is HTML and CSS ({@code @page} for the paper) and its accents are the
 * fonts' own. The template names its file: {@code <meta name="file-name" content="...">}.
 */
@Component
class DocumentTemplates {

  private static final Pattern FILE_NAME = Pattern.compile("<meta name=\"file-name\" content=\"([^\"]+)\"");


  private final TemplateEngine engine = new SpringTemplateEngine(); // SpEL, as the mails; not a bean

  DocumentTemplates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("documents/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    engine.addTemplateResolver(resolver);
  }

  /** The document of the dossier whose variables the model holds, in its language, as PDF. */
  DossierDocuments.Drawn draw(String document, Language language, Map<String, Object> model) {
    String template = language.folder() + "/" + document;
    String html;
    try {
      html = engine.process(template, new Context(language.locale(), model));
    } catch (TemplateEngineException e) {
      throw new IllegalStateException("Le modèle de document documents/" + template + ".html n’a pas pu être"
          + " rempli : " + TemplateFaults.where(e) + " Corrigez ce fichier" + TemplateFaults.RETRY, e);
    }
    Matcher name = FILE_NAME.matcher(html);
    if (!name.find()) {
      throw new IllegalStateException("Le modèle de document documents/" + template + ".html ne nomme plus son"
          + " fichier une fois rempli : gardez dans son <head> <meta name=\"file-name\" th:content=\"|…pdf|\">,"
          + " quel que soit le dossier" + TemplateFaults.RETRY);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(notPdf(template, e), e);
    } catch (XRRuntimeException e) {
      throw new IllegalStateException(notPdf(template, e), e);
    }
    return new DossierDocuments.Drawn(HtmlUtils.htmlUnescape(name.group(1)).replaceAll("[\\\\/:*?\"<>|]", "_"), out.toByteArray());
  }

  private static String notPdf(String template, Exception e) {
    return "Le modèle de document documents/" + template + ".html n’a pas pu être changé en PDF : « "
        + e.getMessage() + " ». Le PDF se fait à partir de XHTML : fermez chaque balise (<br/>, <meta …/>, </p>),"
        + " écrivez les caractères eux-mêmes plutôt que les entités comme &nbsp;, vérifiez les images et polices"
        + " qu’il nomme" + TemplateFaults.RETRY;
  }
}
