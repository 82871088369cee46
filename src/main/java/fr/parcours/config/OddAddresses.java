package fr.parcours.config;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Addresses with characters that a strict reading of the URI rules refuses ("<", ">", a quote, braces...) or with an
 * encoded slash ("%2F") reach Parcours, which answers in French (the page asked for, or "Cette page n’existe pas"),
 * instead of Tomcat's English "HTTP Status 400" page, written before any page of Parcours could answer. An encoded
 * slash stays encoded: it never splits a path into two segments, so "/evidence/A%2FB" asks for the dossier "A/B"
 * (none), never another page. Pages and messages escape what they quote of an address.
 */
@Component
class OddAddresses implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /** What browsers send unencoded in a path, or a person types, that Tomcat refuses by default. */
  static final String RELAXED_PATH_CHARS = "<>\"[]{}|\\^`";

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector -> {
      connector.setProperty("relaxedPathChars", RELAXED_PATH_CHARS);
      connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    });
  }
}
