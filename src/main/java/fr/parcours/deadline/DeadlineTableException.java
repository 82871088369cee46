package fr.parcours.deadline;

/** The deadlines table cannot be used as it is; the message names the row and the fix. */
public class DeadlineTableException extends RuntimeException {

  public DeadlineTableException(String message) {
    super(message);
  }
}
