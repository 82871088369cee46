package fr.parcours.dossier;

import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A running dossier: its number, the pathway's process instance that carries it (the root of its call
 * hierarchy), and every process instance of that hierarchy still running, the root first (a PECAN dossier:
 * the PECAN instance and the ANS track it calls; an ANS certification on its own: one instance). All of them
 * carry the dossier number as business key; only the root names the dossier.
 */
public record Dossier(String number, ProcessInstance root, List<ProcessInstance> instances) {

  public Dossier {
    instances = List.copyOf(instances);
  }

  /** The process instance ids of the dossier, the root first. */
  public List<String> processInstanceIds() {
    return instances.stream().map(ProcessInstance::getId).toList();
  }
}
