package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An address with "<" or an encoded slash ("%2F") in its path, as a person pastes one from a mail cut in two or a
 * dossier number typed with its brackets, got Tomcat's English "HTTP Status 400 – Bad Request" page (walk of 3
 * December 2026): Tomcat refused it before Parcours could answer. Tomcat now lets them through and Parcours answers
 * in French, with the page the address asks for or its own "Cette page n’existe pas". Sent as raw requests, since an
 * HTTP client would encode them first. Tried: raw and encoded "<", "%2F" in a dossier's, an evidence page's and an
 * unknown address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OddAddressesIT {

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(strings = {"/dossiers/<DMN-2026-AAAAA>", "/dossiers/%3CDMN%3E", "/evidence/DMN-2026%2FAAAAA",
      "/evidence/<x>/kbis", "/nulle%2Fpart", "/nulle/<part>"})
  void shouldAnswerInFrenchNotWithTomcatsEnglishPage(String path) throws IOException {
    String answer = get(path);
    assertThat(answer).as(path).doesNotContain("HTTP Status", "Bad Request", "Whitelabel", "Apache Tomcat")
        .containsAnyOf("Cette page n’existe pas", "Connectez-vous", "Aucun dossier");
  }

  /**
   * An address longer than the server reads (its 8 KB for the request line and headers): a search of 9,000 characters
   * in the dossiers' filter, a path as long. Tomcat answers before Parcours can; it answered its English "HTTP Status
   * 400 – Bad Request" page, now a French one that says what to shorten.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/dossiers?q=", "/dossiers/DMN-2026-AAAAA/", "/engine-rest/task?name="})
  void shouldAnswerAnAddressTooLongInFrench(String start) throws IOException {
    String answer = get(start + "x".repeat(9000));

    assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Language: fr")
        .contains("La demande n’a pas pu être lue", "son adresse est sans doute trop longue", "Raccourcissez")
        .doesNotContain("HTTP Status", "Bad Request", "Apache Tomcat");
  }

  /**
   * The error pages' own address opened by hand, where no error happened: it answered 500 « La page n’a pas pu être
   * affichée », sending the person to the administrator for nothing. It is now a page that does not exist. Tried: the
   * address as a browser asks for it, with a query, and as a script asking for JSON.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/error", "/error?x=1"})
  void shouldAnswerTheErrorAddressOpenedByHandAsAPageThatDoesNotExist(String path) throws IOException {
    String answer = get(path);

    assertThat(answer).startsWith("HTTP/1.1 404").doesNotContain("n’a pas pu être affichée");
    assertThat(answer.replaceAll("\\s+", " ")).contains("<h1>Cette page n’existe pas</h1> <p>L’adresse ne correspond"
        + " à aucune page de Parcours : elle a pu être mal recopiée, ou le dossier ou la tâche qu’elle désignait"
        + " n’existe plus.</p>");
    assertThat(get(path, "application/json")).startsWith("HTTP/1.1 404").contains("{\"status\":404,\"message\":"
        + "\"L’adresse ne correspond à aucune page de Parcours : vérifiez-la, ou ouvrez Tasklist.\"}");
  }

  /**
   * A request the page cannot follow (a filter's value edited by hand, a method the address does not take) drew the
   * error page for the server's own failures: « Réessayez dans un instant ; si l’erreur revient, signalez-la », which
   * no retry mends. It keeps its status and now says that the address is at fault and where to start again. Tried: a
   * yes/no filter given « peut-etre », on the list and on its export; DELETE on the list; PUT on the devices' page.
   */
  @ParameterizedTest
  @ValueSource(strings = {"GET /dossiers?overdue=peut-etre 400", "GET /dossiers/export?soon=peut-etre 400",
      "DELETE /dossiers 405", "PUT /devices 405"})
  void shouldTellThatARequestThePageCannotFollowIsNotMendedByTryingAgain(String request) throws IOException {
    String[] parts = request.split(" ");
    String answer = send(parts[0], parts[1], "text/html").replaceAll("\\s+", " ");

    assertThat(answer).as(request).startsWith("HTTP/1.1 " + parts[2])
        .contains("<h1>Cette demande ne peut pas être traitée</h1>", "(erreur <span>" + parts[2] + "</span>)",
            "la réessayer telle quelle ne changera rien : ouvrez la page depuis Tasklist ou la liste des dossiers")
        .doesNotContain("Réessayez dans un instant", "Whitelabel");
    // a script asking for JSON reads it in French too, not Spring's bare "Bad Request"
    assertThat(send(parts[0], parts[1], "application/json")).as(request).startsWith("HTTP/1.1 " + parts[2])
        .contains("\"message\":\"Parcours n’a pas pu suivre cette demande (erreur " + parts[2] + ") : l’adresse");
  }

  /** A file that does not exist, asked for by a script: its 404 says so in French. Tried: a style sheet, a script. */
  @ParameterizedTest
  @ValueSource(strings = {"/nope.css", "/camunda/app/tasklist/nope.js"})
  void shouldTellAScriptInFrenchThatAFileDoesNotExist(String path) throws IOException {
    assertThat(get(path, "application/json")).startsWith("HTTP/1.1 404").contains("\"status\":404")
        .contains("\"message\":\"L’adresse ne correspond à aucune page de Parcours : vérifiez-la, ou ouvrez Tasklist.\"");
  }

  /** The raw answer, headers and body, to a request whose path is sent as written. */
  String get(String path) throws IOException {
    return get(path, "text/html");
  }

  /** The raw answer to a request whose path is sent as written, asking for {@code accept}. */
  String get(String path, String accept) throws IOException {
    return send("GET", path, accept);
  }

  /** The raw answer to a request of this method whose path is sent as written, asking for {@code accept}. */
  String send(String method, String path, String accept) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: " + accept + "\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
