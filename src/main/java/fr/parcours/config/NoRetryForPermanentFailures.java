package fr.parcours.config;

import fr.parcours.shared.PermanentFailure;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * After a job fails: the engine's usual handling (the exception recorded, one retry fewer, the next try per
 * the step's retry cycle), then, when the failure is a {@link PermanentFailure}, no retry left, so that the
 * incident shows at once instead of after the whole cycle, and the job is due at once when someone retries it.
 */
class NoRetryForPermanentFailures implements FailedJobCommandFactory {

  private final FailedJobCommandFactory standard = new DefaultFailedJobCommandFactory();

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    Command<Object> usual = standard.getCommand(jobId, exception);
    if (!isPermanent(exception)) {
      return usual;
    }
    return context -> {
      usual.execute(context);
      JobEntity job = context.getJobManager().findJobById(jobId);
      if (job != null) {
        // due now, not at the next try of the retry cycle the usual handling set: Cockpit's « Réessayer » keeps the
        // due date by default, and the mended dossier waited that long (5 minutes) for nothing
        job.setDuedate(ClockUtil.getCurrentTime());
        if (job.getRetries() > 0) {
          job.setRetries(0); // creates the failed-job incident, with the job's exception message
        }
      }
      return null;
    };
  }

  static boolean isPermanent(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PermanentFailure) {
        return true;
      }
    }
    return false;
  }
}
