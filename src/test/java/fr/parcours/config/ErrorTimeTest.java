package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Walk 7: the error page wrote its time in the server's zone (UTC), an hour off the person's clock in Paris. The page
 * shows the time in the procedures' zone, whatever the server's.
 */
class ErrorTimeTest {

  @Test
  void shouldShowTheErrorTimeInParisWhateverTheServersZone() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dossiers");
    request.setAttribute("jakarta.servlet.error.status_code", 500);

    Map<String, Object> attributes = new ErrorTime("Europe/Paris")
        .getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());

    Date at = (Date) attributes.get("timestamp");
    String paris = ErrorTime.SHOWN.format(at.toInstant().atZone(ZoneId.of("Europe/Paris")));
    String utc = ErrorTime.SHOWN.format(at.toInstant().atZone(ZoneId.of("UTC")));
    assertThat(paris).as("Paris is never UTC's time of day").isNotEqualTo(utc);
    assertThat(attributes).containsEntry("time", paris);

    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    String page = engine.process("error", new Context(java.util.Locale.FRENCH, attributes));
    assertThat(page).contains("avec l’heure (heure de Paris) : <span>" + paris + "</span>").doesNotContain(utc);
  }
}
