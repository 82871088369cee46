package fr.parcours.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error controller, which draws Parcours' error pages ({@code templates/error.html}, {@code error/404}),
 * with two changes: the address {@code /error} opened by hand, where no error happened, is a page that does not exist
 * (404, « Cette page n’existe pas »), not a 500 « La page n’a pas pu être affichée » that sends a person to the
 * administrator for nothing. A script asking for JSON reads, beside Spring's fields, the French {@code message} the
 * page would show (not found, a request the page cannot follow, a failure of Parcours with its time).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorAddress extends BasicErrorController {

  ErrorAddress(ErrorAttributes attributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers) {
    super(attributes, server.getError(), resolvers.orderedStream().toList());
  }

  @Override
  protected HttpStatus getStatus(HttpServletRequest request) {
    return openedByHand(request) ? HttpStatus.NOT_FOUND : super.getStatus(request);
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    if (openedByHand(request)) {
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("status", HttpStatus.NOT_FOUND.value());
      body.put("message", "L’adresse ne correspond à aucune page de Parcours : vérifiez-la, ou ouvrez Tasklist.");
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
    }
    ResponseEntity<Map<String, Object>> error = super.error(request);
    if (error.getBody() == null || error.getBody().containsKey("message")) {
      return error;
    }
    // a script reads the same as the page, in French: Spring's body says only "Not Found", "Bad Request"
    Map<String, Object> body = new java.util.LinkedHashMap<>(error.getBody());
    int status = error.getStatusCode().value();
    body.put("message", status == 404 ? "L’adresse ne correspond à aucune page de Parcours : vérifiez-la, ou ouvrez"
        + " Tasklist." : status < 500 ? "Parcours n’a pas pu suivre cette demande (erreur " + status + ") : l’adresse,"
        + " ou ce qu’elle envoie, ne correspond pas à ce que la page attend. Rien n’a été changé ; la réessayer telle"
        + " quelle ne changera rien." : "Parcours n’a pas pu répondre (erreur " + status + "). Rien de ce que vous avez"
        + " déjà envoyé n’est perdu. Réessayez dans un instant ; si l’erreur revient, signalez-la à l’administrateur"
        + " de Parcours avec l’heure (heure de Paris) : " + body.get("time") + ".");
    return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(body);
  }

  /** No error brought the request here: someone typed or followed the address. */
  private static boolean openedByHand(HttpServletRequest request) {
    return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
  }
}
