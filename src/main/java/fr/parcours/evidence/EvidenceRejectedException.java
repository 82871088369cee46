package fr.parcours.evidence;

import fr.parcours.shared.BadInputException;

/** An archive or a request about evidence is refused; the message names the problem. Nothing was kept. */
public class EvidenceRejectedException extends BadInputException {

  public EvidenceRejectedException(String message) {
    super(message);
  }
}
