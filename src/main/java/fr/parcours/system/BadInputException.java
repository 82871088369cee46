package fr.parcours.system;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * What a person entered cannot be accepted; the message says what is wrong and how to fix it. Thrown
 * inside the engine's transaction, it rolls everything back: nothing is half-stored.
 */
public class BadInputException extends ProcessEngineException {

  public BadInputException(String message) {
    super(message);
  }
}
