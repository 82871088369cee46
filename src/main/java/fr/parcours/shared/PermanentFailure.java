package fr.parcours.shared;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A failure of an asynchronous step that no retry can mend (an email address no server could deliver to):
 * the job gets no further retries and its incident appears at once, with this message saying what a person
 * must fix before retrying it in Cockpit. Transient failures (the SMTP server down) keep the step's retry cycle.
 */
public class PermanentFailure extends ProcessEngineException {

  public PermanentFailure(String message) {
    super(message);
  }
}
