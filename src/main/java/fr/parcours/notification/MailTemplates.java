package fr.parcours.notification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the mail templates of the top-level folder {@code mails/} (on the classpath as {@code mails/}),
 * which process owners edit: {@code mails/fr/<event>.html} and {@code mails/fr/<event>.txt}, the same under
 * {@code mails/en/}. The subject is the HTML template's {@code <title>}.
 *
 * <p>HTML templates are rendered in Thymeleaf's HTML mode, where {@code th:text} escapes what the vendor
 * typed; text templates in TEXT mode. A separate engine from Spring MVC's, so web views and mails never
 * share a resolver.
 */
@Component
class MailTemplates {

  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private final TemplateEngine engine = new SpringTemplateEngine(); // SpEL, as Spring MVC views; not a bean

  MailTemplates() {
    engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("mails/");
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }

  RenderedMail render(NotificationEvent event, Language language, Map<String, Object> model) {
    return render(event.template(), language, model);
  }

  /** The mail of the template {@code mails/<language>/<template>.html} and {@code .txt}. */
  RenderedMail render(String template, Language language, Map<String, Object> model) {
    Context context = new Context(language.locale(), model);
    String name = language.folder() + "/" + template;
    String html = fill(name + ".html", context);
    String text = fill(name + ".txt", context);
    Matcher title = TITLE.matcher(html);
    if (!title.find()) {
      throw new IllegalStateException("Le modèle de courriel mails/" + name + ".html n’a plus de <title> une fois"
          + " rempli : ce titre est l’objet du courriel. Rendez-lui un <title> dans son <head> qui reste quel que"
          + " soit le dossier" + TemplateFaults.RETRY);
    }
    // one line: a subject never carries a line break into the headers
    String subject = HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").trim();
    return new RenderedMail(subject, text.strip() + "\n", html);
  }

  private String fill(String file, Context context) {
    try {
      return engine.process(file, context);
    } catch (TemplateEngineException e) {
      throw new IllegalStateException("Le modèle de courriel mails/" + file + " n’a pas pu être rempli : "
          + TemplateFaults.where(e) + " Corrigez ce fichier" + TemplateFaults.RETRY, e);
    }
  }
}
