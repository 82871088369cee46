package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.unit.DataSize;

/**
 * A send larger than Parcours reads at all is answered in French where the person sent it, with what the page takes:
 * an evidence archive one megabyte over the multipart limit, a Kbis extract as large, and a message whose text passes
 * the server's form limit (3 MB, a hand-made post: the page's field stops at 4,000 characters). Before, each got 413
 * with an empty body, which Chromium shows as its own error page. Sent streamed, as a browser does, to the end: the
 * archive is written whole on a socket before its answer is read, which fails if the server cuts the connection.
 * The server reads a send past its answer on those pages only, for a signed-in person only: anywhere else, or from
 * anyone, it cuts the connection 2 MB past its answer (as it did for every address with the 1 GB swallow setting).
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.uploads.read-past-answer-for=" + TooLargeSendsIT.READ_FOR_SECONDS + "s")
@ActiveProfiles({"test", "demo"})
class TooLargeSendsIT {

  /** How long the server reads a send past its answer, here (2 minutes unless set). */
  static final int READ_FOR_SECONDS = 5;

  static final String BOUNDARY = "parcours-too-large";

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.boot.test.web.client.TestRestTemplate rest;

  @Value("${spring.servlet.multipart.max-file-size}") DataSize largestRead;

  /**
   * Written to the end on a socket of its own, as a browser writes its send before it reads the answer: a server that
   * stopped reading (Tomcat's default, 2 MB read past the answer) cuts the connection, and the rest of the send fails
   * to write. Java's HTTP client does not show that: it stops sending when the answer comes, and read the 413 with the
   * swallow at 2 MB as well as at 1 GB.
   */
  @Test
  void shouldTellInFrenchThatAnArchiveOverTheLimitIsTooLargeAndNothingWasKept() throws Exception {
    String answer = sendWhole("/evidence/DMN-2026-AAAAA", signedIn(), filePart("archive", "preuves.zip",
        overTheLimit()), overTheLimit());

    assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Content-Type: text/html");
    assertThat(answer).contains("L’envoi est trop gros", "L’archive envoyée dépasse 200 Mo, la plus grande"
        + " archive acceptée : répartissez les preuves sur plusieurs archives", "Rien n’a été enregistré.",
        "href=\"/evidence/DMN-2026-AAAAA\"");
  }

  /**
   * The same archive sent by someone not signed in, and by alice to an address that takes no file: the server does
   * not read 211 MB for them; it answers, then cuts the connection, and the rest of the send fails to write.
   */
  @Test
  void shouldNotReadATooLargeSendPastItsAnswerElsewhereOrForSomeoneNotSignedIn() {
    String alice = signedIn();
    assertThatThrownBy(() -> sendWhole("/evidence/DMN-2026-AAAAA", "", filePart("archive", "preuves.zip",
        overTheLimit()), overTheLimit())).as("not signed in").isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> sendWhole("/dossiers/DMN-2026-AAAAA", alice, filePart("archive", "preuves.zip",
        overTheLimit()), overTheLimit())).as("a page taking no file").isInstanceOf(java.io.IOException.class);
  }

  /**
   * alice sends an archive over the limit, then keeps sending slowly (16 KB every 100 ms, a send announced as 3 GB):
   * the server reads past its answer for {@link #READ_FOR_SECONDS} seconds, then lets the connection go. Before, it
   * read to 1 GB, which at this pace took almost two hours of a server thread, and longer still at a slower one.
   */
  @Test
  void shouldStopReadingASlowSenderPastItsAnswerAfterItsTime() throws Exception {
    String alice = signedIn();
    List<InputStream> parts = filePart("archive", "preuves.zip", overTheLimit());
    byte[] head = parts.get(0).readAllBytes();
    long announced = head.length + DataSize.ofGigabytes(3).toBytes();
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      java.io.OutputStream out = socket.getOutputStream();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try {
          socket.getInputStream().transferTo(answer);
        } catch (java.io.IOException cut) {
          // the connection reset: what was read is kept
        }
      });
      reader.start();
      out.write(("POST /evidence/DMN-2026-AAAAA HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
          + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + announced
          + "\r\nCookie: " + alice + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      parts.get(1).transferTo(out);
      long overAt = System.nanoTime();
      long longest = java.util.concurrent.TimeUnit.SECONDS.toNanos(READ_FOR_SECONDS + 40);
      boolean cut = false;
      byte[] slowly = new byte[16 * 1024];
      while (!cut && System.nanoTime() - overAt < longest) {
        try {
          out.write(slowly);
          out.flush();
          Thread.sleep(100);
        } catch (java.io.IOException stopped) {
          cut = true;
        }
        cut |= !reader.isAlive();
      }
      double seconds = (System.nanoTime() - overAt) / 1e9;
      System.out.printf("slow send let go %.1f s after the limit%n", seconds);

      assertThat(cut).as("the server let the slow send go (%.1f s after the limit)", seconds).isTrue();
      assertThat(seconds).as("seconds from the limit to the cut").isLessThan(READ_FOR_SECONDS + 30);
      reader.join(10_000);
      assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413")
          .contains("L’archive envoyée dépasse 200 Mo", "Rien n’a été enregistré.");
    }
  }

  private long overTheLimit() {
    return largestRead.toBytes() + DataSize.ofMegabytes(1).toBytes();
  }

  /** The cookies of alice's browser, signed in. */
  private String signedIn() {
    return fr.parcours.support.BrowserSession.signedIn(rest, "alice").cookieHeader();
  }

  /** The whole send written on a plain socket, then the whole answer read: status line, headers and page. */
  private String sendWhole(String path, String cookies, List<InputStream> parts, long fileSize) throws Exception {
    byte[] closing = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] head = parts.get(0).readAllBytes();
    long length = head.length + fileSize + closing.length;
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
          + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length
          + (cookies.isEmpty() ? "" : "\r\nCookie: " + cookies) + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      parts.get(1).transferTo(out);
      out.write(closing);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldTellTheLargestFileOfAKbisAndOfAMessageInTheirWords() throws Exception {
    HttpResponse<String> kbis = send("/evidence/DMN-2026-AAAAA/kbis", "text/html", filePart("file", "kbis.pdf",
        largestRead.toBytes() + 1));
    assertThat(kbis.statusCode()).isEqualTo(413);
    assertThat(kbis.body()).contains("Le fichier envoyé dépasse 10 Mo, le plus grand fichier accepté",
        "href=\"/evidence/DMN-2026-AAAAA/kbis\"");

    HttpResponse<String> message = send("/dossiers/DMN-2026-AAAAA/messages", "application/json",
        textPart("body", 3_000_000));
    assertThat(message.statusCode()).isEqualTo(413);
    assertThat(message.body()).startsWith("{\"message\":\"Le message dépasse ce que Parcours accepte : un texte de 4")
        .contains("000 caractères au plus, des fichiers de 10 Mo au plus chacun", "Rien n’a été envoyé.");
  }

  private HttpResponse<String> send(String path, String accept, List<InputStream> parts) throws Exception {
    List<InputStream> body = new java.util.ArrayList<>(parts);
    body.add(bytes("\r\n--" + BOUNDARY + "--\r\n"));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(body))))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static List<InputStream> filePart(String name, String fileName, long size) {
    return List.of(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx\r\n--"
        + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"), zeros(size));
  }

  private static List<InputStream> textPart(String name, long size) {
    return List.of(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"),
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }
        });
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A stream of zeros, never held whole. */
  private static InputStream zeros(long size) {
    return new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(length, left);
        java.util.Arrays.fill(into, offset, offset + n, (byte) 0);
        left -= n;
        return n;
      }
    };
  }
}
