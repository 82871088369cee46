package fr.parcours.tasklist;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the running dossiers started before {@link PathwayOnCards} existed their {@link PathwayOnCards#PATHWAY_NAME},
 * so that their Tasklist cards show the column "Parcours" too: at each start, every running process instance that
 * lacks the variable gets it as the start listener would have given it (the caller's, else the name of the first
 * process of the chain). One query finds them (none, once done: a second start changes nothing); each is named in its
 * own transaction, so that one that fails (a dossier moving on at that moment on another node) is left for the next
 * start and the others are kept. Nodes start one at a time on PostgreSQL ({@code config.ClusterStartLock}); a
 * variable set by two nodes at once would break Camunda's one-variable-per-name rule in one of them, which is then
 * skipped as the other named it.
 */
@Component
public class PathwaysOfOlderDossiers {

  private static final Logger LOG = LoggerFactory.getLogger(PathwaysOfOlderDossiers.class);
  private static final int BATCH = 500;

  private final ProcessEngine engine;

  PathwaysOfOlderDossiers(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Names the running instances that lack their pathway's name; returns how many it named. */
  public int ensure() {
    var management = engine.getManagementService();
    String executions = management.getTableName(ExecutionEntity.class);
    String variables = management.getTableName(VariableInstanceEntity.class);
    String sql = "SELECT RES.* FROM " + executions + " RES WHERE RES.ID_ = RES.PROC_INST_ID_ AND NOT EXISTS"
        + " (SELECT 1 FROM " + variables + " V WHERE V.EXECUTION_ID_ = RES.ID_ AND V.NAME_ = #{name})"
        + " ORDER BY RES.ID_";
    var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    int named = 0;
    int skipped = 0;
    while (true) {
      List<ProcessInstance> unnamed = engine.getRuntimeService().createNativeProcessInstanceQuery().sql(sql)
          .parameter("name", PathwayOnCards.PATHWAY_NAME).listPage(skipped, BATCH);
      if (unnamed.isEmpty()) {
        break;
      }
      for (ProcessInstance instance : unnamed) {
        try {
          commands.execute(context -> context.runWithoutAuthorization(() -> {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
            if (execution != null && execution.getVariableLocal(PathwayOnCards.PATHWAY_NAME) == null) {
              PathwayOnCards.nameThePathway(execution);
            }
            return null;
          }));
          named++;
        } catch (RuntimeException e) {
          // left for the next start (another node named it, or the dossier moved at that moment)
          skipped++;
          LOG.warn("Dossier instance {} not given its pathway’s name here ({}): another node named it, or the next start"
              + " tries again",
              instance.getId(), e.getMessage());
        }
      }
    }
    if (named > 0) {
      LOG.info("{} running dossier instance(s) started before the pathway's name existed now carry it", named);
    }
    return named;
  }
}
