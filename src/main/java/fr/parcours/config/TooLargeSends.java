package fr.parcours.config;

import fr.parcours.dossierpage.DossierMessages;
import fr.parcours.evidence.EvidenceProperties;
import fr.parcours.evidence.UploadedFiles;
import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.util.unit.DataSize;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A send larger than Parcours reads at all ({@code spring.servlet.multipart}: an evidence archive over 210 MB, a
 * message whose text part passes the server's form limit) is answered in French, on the page the person sent from:
 * what the page takes at most, what to do, and that nothing was kept. Spring answered 413 with an empty body (its
 * error page parsed the same send again and failed again), which the browser showed as its own error page.
 *
 * <p>Once it has answered a signed-in person on one of these pages, it reads what is left of the send, up to
 * {@link #READ_PAST_ANSWER} and for {@code parcours.uploads.read-past-answer-for} at most (2 minutes unless set),
 * rather than close the connection: the browser, still sending, then shows the answer rather than a cut connection.
 * The time bound keeps a slow sender, signed in, from holding a server thread for ever (at 1 KB a second, 1 GB
 * took about twelve days); a sender that stops sending is left when Tomcat's read times out (its connection
 * timeout). Anywhere else, and for anyone not signed in, Tomcat reads 2 MB past its answer (its
 * {@code max-swallow-size}) and cuts: raising that setting instead made the server read up to its value of any request
 * to any address, from anyone.
 */
@RestControllerAdvice
class TooLargeSends {

  private static final Pattern ARCHIVE = Pattern.compile("/evidence/([A-Za-z0-9-]{1,64})/?");
  private static final Pattern COMPANY_DOCUMENT = Pattern.compile("/evidence/([A-Za-z0-9-]{1,64})/(kbis|regulation)/?");
  private static final Pattern MESSAGE = Pattern.compile("/dossiers/([A-Za-z0-9-]{1,64})/messages/?");

  private final EvidenceProperties evidence;
  private final ITemplateEngine templates;
  private final ProcessEngine engine;
  private final Duration readFor;

  TooLargeSends(EvidenceProperties evidence, ITemplateEngine templates, ProcessEngine engine,
      @Value("${parcours.uploads.read-past-answer-for:2m}") Duration readFor) {
    this.evidence = evidence;
    this.templates = templates;
    this.engine = engine;
    this.readFor = readFor;
  }

  /** The most of a send Parcours reads past its answer, on an upload page: five times its largest archive. */
  static final DataSize READ_PAST_ANSWER = DataSize.ofGigabytes(1);

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ResponseEntity<String> answer = answer(request);
    response.setStatus(answer.getStatusCode().value());
    answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    byte[] body = answer.getBody().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (Stream.of(ARCHIVE, COMPANY_DOCUMENT, MESSAGE).anyMatch(page -> page.matcher(path).matches())
        && WebappSession.user(request, engine.getName()) != null) {
      readRest(request, readFor);
    }
  }

  /**
   * Reads the send to its end, or to {@link #READ_PAST_ANSWER}, or for {@code readFor}, after which Tomcat cuts the
   * connection.
   */
  private static void readRest(HttpServletRequest request, Duration readFor) {
    byte[] buffer = new byte[64 * 1024];
    long left = READ_PAST_ANSWER.toBytes();
    long until = System.nanoTime() + readFor.toNanos();
    try {
      InputStream rest = request.getInputStream();
      int read;
      while (left > 0 && System.nanoTime() - until < 0
          && (read = rest.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= read;
      }
    } catch (IOException | IllegalStateException gone) {
      // the browser stopped sending, or the send was read another way: the answer is out already
    }
  }

  private ResponseEntity<String> answer(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String message;
    String back;
    Matcher m;
    if ((m = ARCHIVE.matcher(path)).matches()) {
      message = "L’archive envoyée dépasse " + megabytes(evidence.maxArchiveSize().toMegabytes()) + ", la plus grande"
          + " archive acceptée : répartissez les preuves sur plusieurs archives et envoyez-les l’une après l’autre."
          + " Rien n’a été enregistré.";
      back = "/evidence/" + m.group(1);
    } else if ((m = COMPANY_DOCUMENT.matcher(path)).matches()) {
      message = "Le fichier envoyé dépasse " + megabytes(UploadedFiles.MAX_MEGABYTES) + ", le plus grand fichier"
          + " accepté : envoyez-en une version plus légère (un PDF moins lourd, une image moins grande). Rien n’a été"
          + " enregistré.";
      back = "/evidence/" + m.group(1) + "/" + m.group(2);
    } else if ((m = MESSAGE.matcher(path)).matches()) {
      message = "Le message dépasse ce que Parcours accepte : un texte de " + new java.text.MessageFormat("{0}",
          Locale.FRENCH).format(new Object[] {DossierMessages.MAX_LENGTH}) + " caractères au plus, des fichiers de "
          + megabytes(UploadedFiles.MAX_MEGABYTES) + " au plus chacun. Raccourcissez le texte ou joignez des fichiers"
          + " plus légers, puis envoyez-le de nouveau. Rien n’a été envoyé.";
      back = "/dossiers/" + m.group(1) + "#messages";
    } else {
      message = "Ce que vous avez envoyé dépasse ce que Parcours accepte : envoyez des fichiers plus légers, en"
          + " plusieurs fois. Rien n’a été enregistré.";
      back = "/dossiers";
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept != null && accept.trim().startsWith(MediaType.APPLICATION_JSON_VALUE)) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
          .header("X-Content-Type-Options", "nosniff").body(json(message));
    }
    Context page = new Context(Locale.FRENCH);
    page.setVariable("message", message);
    page.setVariable("back", back);
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(templates.process("error/413", page));
  }

  private static String megabytes(long megabytes) {
    return megabytes + " Mo";
  }

  private static String json(String message) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("message", message));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
