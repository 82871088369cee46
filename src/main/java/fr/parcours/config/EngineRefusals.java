package fr.parcours.config;

import fr.parcours.shared.BadInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;

/**
 * What the engine throws when the request, not Parcours, is wrong, read as the person who sent it needs it: the
 * status that says so (400, 403, 404) and a sentence that says what is wrong and how to fix it, instead of a 500
 * that names a Java class. Anything else is left to Camunda's own handlers.
 */
final class EngineRefusals {

  /** "Cannot deserialize object in variable 'softwareProfiles'", "Cannot set variable with name companyName". */
  private static final Pattern VARIABLE = Pattern.compile("variable (?:with name )?'?([A-Za-z0-9_-]+)'?");
  private static final Pattern TASK_ID = Pattern.compile("task with id '?([^':\\s]+)'?");
  private static final Pattern EXECUTION_ID = Pattern.compile("[Ee]xecution (?:with id )?'?([^':\\s]+)'? ");

  private EngineRefusals() {
  }

  /** The answer to a failed request, or null when it is not the request's fault (Camunda answers then). */
  static Response answer(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      if (cause instanceof BadInputException badInput) {
        return refusal(Response.Status.BAD_REQUEST, "BadInputException", badInput.getMessage());
      }
      if (cause instanceof AuthorizationException refused) {
        // a refusal wrapped as "Not enough parameters submitted" (creating a comment does that): say what it is
        return refusal(Response.Status.FORBIDDEN, "AuthorizationException", refused.getMessage());
      }
      if (message.contains("ENGINE-17007")) {
        return refusal(Response.Status.BAD_REQUEST, "BadInputException", "Variable " + variable(message)
            + " is sent as a Java-serialised object, which Parcours refuses (it could run code on the server):"
            + " send it as JSON or as a plain value (text, number, true/false, date).");
      }
      if (cause.getClass().getName().startsWith("org.camunda.spin.")) {
        return refusal(Response.Status.BAD_REQUEST, "BadInputException", "Variable " + variable(failureText(failure))
            + " is not JSON that Parcours can read (" + firstLine(message) + "): send well-formed JSON, nested"
            + " at most a few levels, for a list of choices a list such as [\"SOCLE\"].");
      }
      if (cause instanceof NullValueException && TASK_ID.matcher(message).find()
          && message.startsWith("Cannot find task")) {
        Matcher id = TASK_ID.matcher(message);
        id.find();
        return refusal(Response.Status.NOT_FOUND, "NotFoundException", "There is no task '" + id.group(1)
            + "' (it does not exist, or it was completed meanwhile): reload the task list.");
      }
      if (message.contains("does not have a subscription to a message event")
          || message.contains("doesn't exist: execution is null")) {
        Matcher id = EXECUTION_ID.matcher(message);
        return refusal(Response.Status.NOT_FOUND, "NotFoundException", "No step of a dossier "
            + (id.find() ? "with execution id '" + id.group(1) + "' " : "")
            + "is waiting for this: check the execution id and the message name.");
      }
    }
    return null;
  }

  /** The variable named anywhere in the failure's messages, quoted, or "(unnamed)". */
  private static String variable(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    return matcher.find() ? "'" + matcher.group(1) + "'" : "(unnamed)";
  }

  private static String failureText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      text.append(cause.getMessage()).append(' ');
    }
    return text.toString();
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }

  private static Response refusal(Response.Status status, String type, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message, "code", 0)).build();
  }
}
