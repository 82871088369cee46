package fr.parcours.security;

import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Whether the engine command running on this thread carries what a person sent through the engine's REST API
 * ({@code /engine-rest}, or the webapps' engine API that Tasklist sends its forms through), and not values Parcours
 * itself or a test hands to the Java API. Set by {@link ApplicationAccessFilter} for the request, taken by the first
 * task completion or start it carries (the person's): the commands that one runs in its turn are Parcours'.
 */
final class SentThroughTheEngineApi {

  private static final ThreadLocal<Boolean> SENT = new ThreadLocal<>();

  private SentThroughTheEngineApi() {
  }

  interface Request {
    void run() throws IOException, ServletException;
  }

  static void during(Request request) throws IOException, ServletException {
    SENT.set(Boolean.TRUE);
    try {
      request.run();
    } finally {
      SENT.remove();
    }
  }

  /** True once for a request through the engine API: for its first completion or start. */
  static boolean take() {
    boolean sent = Boolean.TRUE.equals(SENT.get());
    if (sent) {
      SENT.set(Boolean.FALSE);
    }
    return sent;
  }
}
