package fr.parcours.shared;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A deployment Parcours' checks refuse, in the words a process owner reads: a fault of what was deployed, answered
 * 400 with the sentence over the REST API (Camunda Modeler's « Deploy »), never 500 as a fault of the server.
 */
public class DeploymentRefused extends ProcessEngineException {

  private static final long serialVersionUID = 1L;

  public DeploymentRefused(String message) {
    super(message);
  }
}
