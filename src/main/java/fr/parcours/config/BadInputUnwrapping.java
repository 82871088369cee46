package fr.parcours.config;

import fr.parcours.shared.BadInputException;
import fr.parcours.shared.DiagramMistake;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps an exception thrown by a task listener into its own ("ENGINE-03051 There was an
 * exception while invoking the TaskListener..."); a person would read that noise in Tasklist. This outermost
 * interceptor hands the caller the {@link BadInputException} (or {@link DiagramMistake}) itself, after the
 * transaction was rolled back.
 */
class BadInputUnwrapping extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof BadInputException badInput) {
          throw badInput;
        }
        if (cause instanceof DiagramMistake mistake) {
          throw mistake;
        }
      }
      throw e;
    }
  }
}
