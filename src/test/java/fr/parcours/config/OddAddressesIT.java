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

  /** The raw answer, headers and body, to a request whose path is sent as written. */
  String get(String path) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
