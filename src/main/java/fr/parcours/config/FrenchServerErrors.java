package fr.parcours.config;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers itself, before any page of Parcours can (an address longer than the server reads, 8 KB: a search
 * pasted into the dossiers' filter, a link cut and glued twice), is a French page in the site's error style, where it
 * was Tomcat's English "HTTP Status 400 – Bad Request". Only errors that nothing else answered are written here:
 * Parcours' own pages, Spring's error page and the REST APIs' answers are left as they are.
 */
@Component
class FrenchServerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(Report.class.getName());
      }
    });
  }

  /** Tomcat's error report, in French. Public with a constructor without arguments: Tomcat makes it by name. */
  public static class Report extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      // as Tomcat's own: nothing for a success or a redirect, once something is written, or an error already answered
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean writable = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
      if (!writable.get()) {
        return;
      }
      try {
        response.setContentType("text/html");
        response.setCharacterEncoding("utf-8");
        response.setHeader("Content-Language", "fr");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(page(status));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the connection is gone: nobody reads the page
      }
    }

    static String page(int status) {
      String why = status == 400
          ? "Parcours n’a pas pu lire la demande (erreur 400) : son adresse est sans doute trop longue (plus de 8\u00A0000"
              + " caractères, comme une recherche très longue ou un lien recopié deux fois) ou mal formée. Raccourcissez"
              + " la recherche ou recopiez le lien tel que le message le donne, puis réessayez."
          : "Parcours n’a pas pu répondre à la demande (erreur " + status + "). Revenez à la page précédente et"
              + " réessayez ; si l’erreur revient, signalez-la à l’administrateur de Parcours avec l’heure.";
      return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"UTF-8\"><meta name=\"viewport\""
          + " content=\"width=device-width, initial-scale=1\"><title>Parcours — demande illisible</title><style>"
          + "body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#1e1e1e;background:#f5f5f5}"
          + "main{max-width:720px;margin:48px auto;padding:24px 32px;background:#fff;border:1px solid #ccc;"
          + "border-radius:4px}h1{font-size:24px}a{color:#0b5ad8;font-weight:bold}</style></head><body><main>"
          + "<h1>La demande n’a pas pu être lue</h1><p>" + why + "</p>"
          + "<p><a href=\"/dossiers\">Mes dossiers</a> · <a href=\"/camunda/app/tasklist/default/\">Ouvrir Tasklist</a>"
          + "</p></main></body></html>";
    }
  }
}
