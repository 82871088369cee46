package fr.parcours.shared;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * What a person entered cannot be accepted; the message says what is wrong and how to fix it. Thrown
 * inside the engine's transaction, it rolls everything back: nothing is half-stored. The REST API
 * answers it with 400 Bad Request and the message.
 */
public class BadInputException extends BadUserRequestException {

  public BadInputException(String message) {
    super(message);
  }
}
