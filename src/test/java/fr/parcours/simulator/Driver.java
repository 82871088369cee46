package fr.parcours.simulator;

import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.Zips;
import fr.parcours.support.EngineSteps;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/** How the simulator acts on an engine: start a dossier, send its evidence, answer a step. */
interface Driver {

  ProcessEngine engine();

  /** Starts the dossier; returns its pathway's process instance id. */
  String start(String pathway, String vendor, Map<String, Object> form);

  void sendEvidence(String processInstanceId, String vendor);

  void answer(Task task, String user, Map<String, Object> values);

  /** Called once on each of the simulator's worker threads before it works. */
  default void onWorkerThread() {
  }

  /**
   * Parcours as it runs: the start form and the task forms submitted as the demo user with their groups (the forms'
   * checks, the task checks and the authorizations apply), the evidence archive sent as the dossier's page sends it.
   */
  record Parcours(ProcessEngine engine, EvidenceDeposits evidence) implements Driver {

    /** The proofs the illustrative catalogue asks of the standard candidature (profile SOCLE, no INS). */
    static final String[] PROOFS = {"PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
        "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf"};

    @Override
    public String start(String pathway, String vendor, Map<String, Object> form) {
      return as(vendor, () -> {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(pathway)
            .latestVersion().singleResult().getId();
        return engine.getFormService().submitStartForm(definition, form).getId();
      });
    }

    @Override
    public void sendEvidence(String processInstanceId, String vendor) {
      byte[] archive = Zips.with(PROOFS).bytes();
      as(vendor, () -> evidence.deposit(processInstanceId, vendor, evidence.nextArchiveName(processInstanceId),
          new ByteArrayInputStream(archive)));
    }

    @Override
    public void answer(Task task, String user, Map<String, Object> values) {
      as(user, () -> {
        engine.getFormService().submitTaskForm(task.getId(), values);
        return null;
      });
    }

    private <T> T as(String user, Supplier<T> action) {
      return new EngineSteps(engine).as(user, action);
    }
  }
}
