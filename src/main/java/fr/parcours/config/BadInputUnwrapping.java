package fr.parcours.config;

import fr.parcours.shared.BadInputException;
import fr.parcours.shared.DiagramMistake;
import fr.parcours.shared.ServerFault;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine wraps an exception thrown by a task listener into its own ("ENGINE-03051 There was an
 * exception while invoking the TaskListener..."); a person would read that noise in Tasklist. This outermost
 * interceptor hands the caller the {@link BadInputException} (or {@link DiagramMistake}, {@link ServerFault}) itself,
 * after the transaction was rolled back. Any other failure of a task listener (an {@code IllegalStateException}, a
 * variable missing where an expression reads it) is a fault of Parcours: the person reads a French sentence with a
 * reference, and the log keeps that reference with the whole stack trace.
 */
class BadInputUnwrapping extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(BadInputUnwrapping.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The engine's code for "There was an exception while invoking the TaskListener". */
  static final String TASK_LISTENER_FAILED = "ENGINE-03051";

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
        if (cause instanceof ServerFault fault) {
          throw fault;
        }
      }
      // a job's failure is read by the administrator in Cockpit (its incident keeps the engine's words), not by a person
      if (!(command instanceof ExecuteJobsCmd) && e instanceof ProcessEngineException && e.getMessage() != null
          && e.getMessage().startsWith(TASK_LISTENER_FAILED)) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String reference = HexFormat.of().withUpperCase().formatHex(bytes);
        LOG.error("Erreur {} : un écouteur de tâche a échoué ; la personne a lu la référence {}.", reference,
            reference, e);
        throw new ServerFault(taskListenerFailed(reference), e);
      }
      throw e;
    }
  }

  /** What a person reads when a task listener failed unexpectedly: what happened, what to do, what to quote. */
  static String taskListenerFailed(String reference) {
    return "Parcours n’a pas pu traiter cette tâche : une erreur de son côté l’en a empêché, pas ce que vous avez"
        + " saisi. Rien n’a été enregistré. Réessayez dans quelques minutes ; si l’erreur revient, écrivez à"
        + " l’administrateur de Parcours en donnant la référence " + reference + " : il en trouvera le détail dans le"
        + " journal du serveur.";
  }
}
