package fr.parcours.deadline;

/**
 * The deadlines table cannot be used as it is; the message names the row and the fix, in French, for the process
 * owner who edits the table.
 */
public class DeadlineTableException extends RuntimeException {

  public DeadlineTableException(String french) {
    super(french);
  }
}
