package fr.parcours.config;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * The error page's time, as the pages write theirs: in the procedures' zone (Paris), not the server's (UTC), so that
 * the time a person reports to the administrator is the one on her clock (walk 7). Spring Boot's error attributes
 * plus {@code time}, "03/12/2026 20:15:04"; {@code templates/error.html} shows it.
 */
@Component
class ErrorTime extends DefaultErrorAttributes {

  static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

  private final ZoneId zone;

  ErrorTime(@Value("${parcours.zone:Europe/Paris}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    if (attributes.get("timestamp") instanceof Date at) {
      attributes.put("time", SHOWN.format(at.toInstant().atZone(zone)));
    }
    return attributes;
  }
}
