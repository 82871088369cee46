package fr.parcours.shared;

/**
 * A fault of Parcours, or of its setup, that stops what a person did (a task listener that failed where it should
 * not): no fault of the person, and no diagram mistake either. The sentence, in French, says what happened and what
 * to do; when it is an unexpected failure it gives a reference the person quotes to the administrator, who finds it
 * in the server's log next to the whole stack trace. Handed to the caller unwrapped, as a {@link DiagramMistake} is,
 * so that Tasklist shows the sentence, not « ENGINE-03051 There was an exception while invoking the TaskListener ».
 */
public class ServerFault extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ServerFault(String message) {
    super(message);
  }

  public ServerFault(String message, Throwable cause) {
    super(message, cause);
  }
}
