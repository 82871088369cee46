package fr.parcours.shared;

/**
 * A mistake of a diagram that shows only while a dossier runs (a checks listener on a task it has no checks for, an
 * overdue step without its variable...): the sentence, in French, names the element and what to change in Modeler.
 * The engine wraps what a task listener throws in its own English ("ENGINE-03051 There was an exception while
 * invoking the TaskListener"); this one is handed to the caller unwrapped, as a {@link BadInputException} is, so
 * that Tasklist shows the sentence itself. Still an {@link IllegalStateException}: it is no fault of the person.
 */
public class DiagramMistake extends IllegalStateException {

  public DiagramMistake(String message) {
    super(message);
  }

  public DiagramMistake(String message, Throwable cause) {
    super(message, cause);
  }
}
