package fr.parcours.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One browser: the cookies the application set (JSESSIONID, XSRF-TOKEN) sent back with every request, and
 * the CSRF token echoed in the X-XSRF-TOKEN header, as the webapps' scripts do. Or, for the engine REST
 * outside the webapps, HTTP Basic credentials.
 */
public final class BrowserSession {

  private final TestRestTemplate rest;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String basicUser;

  private BrowserSession(TestRestTemplate rest) {
    this.rest = rest;
  }

  /** Opens Tasklist's page, which hands out the session and CSRF cookies. */
  public static BrowserSession anonymous(TestRestTemplate rest) {
    BrowserSession session = new BrowserSession(rest);
    assertThat(session.get("/camunda/app/tasklist/default/").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(session.cookies).containsKey("XSRF-TOKEN");
    return session;
  }

  public static BrowserSession basic(TestRestTemplate rest, String user) {
    BrowserSession session = new BrowserSession(rest);
    session.basicUser = user;
    return session;
  }

  /**
   * Signs in through the webapps' login, as their login page does. Signing in starts a new session without
   * a CSRF token; the page loaded next hands out the new one (a write sent with the old token is refused,
   * and the webapps then end the session).
   */
  public static BrowserSession signedIn(TestRestTemplate rest, String user) {
    BrowserSession session = anonymous(rest);
    ResponseEntity<String> login = session.send(HttpMethod.POST,
        "/camunda/api/admin/auth/user/default/login/tasklist", "username=" + user + "&password=" + user,
        MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(login.getStatusCode()).as(user + " signs in").isEqualTo(HttpStatus.OK);
    assertThat(session.get("/camunda/app/tasklist/default/").getStatusCode()).isEqualTo(HttpStatus.OK);
    return session;
  }

  public static ResponseEntity<String> login(TestRestTemplate rest, String user, String app) {
    return anonymous(rest).send(HttpMethod.POST, "/camunda/api/admin/auth/user/default/login/" + app,
        "username=" + user + "&password=" + user, MediaType.APPLICATION_FORM_URLENCODED);
  }

  /** This browser's cookies as its {@code Cookie} header carries them, for a request written by hand. */
  public String cookieHeader() {
    return String.join("; ", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
        .toList());
  }

  public ResponseEntity<String> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  /** A page as the browser opens it, asking for HTML. */
  public ResponseEntity<String> page(String path) {
    return send(HttpMethod.GET, path, null, null, true, List.of(MediaType.TEXT_HTML, MediaType.ALL));
  }

  /** A page as a browser set to that language opens it ({@code Accept-Language}, e.g. "en-GB,fr;q=0.5"). */
  public ResponseEntity<String> page(String path, String acceptLanguage) {
    return send(HttpMethod.GET, path, null, null, true, List.of(MediaType.TEXT_HTML, MediaType.ALL), acceptLanguage);
  }

  /** A file as the browser downloads it: its bytes, with this browser's cookies. */
  public ResponseEntity<byte[]> download(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.ALL));
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, String.join("; ",
          cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
    }
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
  }

  /** A page's form posted as a browser posts it ({@code application/x-www-form-urlencoded}), its fields in order. */
  public ResponseEntity<String> submit(String path, Map<String, String> fields) {
    return send(HttpMethod.POST, path, String.join("&", fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
        .toList()), MediaType.APPLICATION_FORM_URLENCODED);
  }

  public ResponseEntity<String> post(String path, String json) {
    return send(HttpMethod.POST, path, json);
  }

  public ResponseEntity<String> send(HttpMethod method, String path, String json) {
    return send(method, path, json, MediaType.APPLICATION_JSON);
  }

  public ResponseEntity<String> send(HttpMethod method, String path, String body, MediaType type) {
    return send(method, path, body, type, true);
  }

  /** The request another site's page would make this browser send: its cookies go along, no CSRF token. */
  public ResponseEntity<String> forged(HttpMethod method, String path, String json) {
    return send(method, path, json, MediaType.APPLICATION_JSON, false);
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body, MediaType type,
      boolean csrfHeader) {
    return send(method, path, body, type, csrfHeader, List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body, MediaType type,
      boolean csrfHeader, List<MediaType> accept) {
    return send(method, path, body, type, csrfHeader, accept, null);
  }

  /**
   * A form with files, as a browser sends it ({@code multipart/form-data}): each value a String or a
   * {@link org.springframework.core.io.Resource} with a file name.
   */
  public ResponseEntity<String> multipart(String path,
      org.springframework.util.MultiValueMap<String, Object> parts) {
    return send(HttpMethod.POST, path, parts, MediaType.MULTIPART_FORM_DATA, true,
        List.of(MediaType.TEXT_HTML, MediaType.ALL), null);
  }

  private ResponseEntity<String> send(HttpMethod method, String path, Object body, MediaType type,
      boolean csrfHeader, List<MediaType> accept, String acceptLanguage) {
    HttpHeaders headers = new HttpHeaders();
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    headers.setAccept(accept);
    if (type != null) {
      headers.setContentType(type);
    }
    if (basicUser != null) {
      headers.setBasicAuth(basicUser, basicUser);
    }
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, String.join("; ",
          cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
    }
    if (csrfHeader && cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    ResponseEntity<String> answer = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    for (String cookie : answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String[] nameAndValue = cookie.split(";", 2)[0].split("=", 2);
      cookies.put(nameAndValue[0].trim(), nameAndValue.length > 1 ? nameAndValue[1] : "");
    }
    return answer;
  }
}
