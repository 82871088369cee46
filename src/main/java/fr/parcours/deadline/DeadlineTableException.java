package fr.parcours.deadline;

/**
 * The deadlines table cannot be used as it is; the message names the row and the fix, in French, then in English
 * in parentheses (the process owner who edits the table reads French first).
 */
public class DeadlineTableException extends RuntimeException {

  public DeadlineTableException(String french, String english) {
    super(french + " (" + english + ")");
  }
}
