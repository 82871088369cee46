package fr.parcours.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The one place where Parcours finds a dossier by its number. A number names one dossier, whatever pathway
 * runs it and however many tracks that pathway calls: the pathway's instance is the root of a call hierarchy
 * whose every instance carries the number as business key, so a query for "the instance with that business
 * key" finds one in an ANS certification and two in a PECAN dossier. Ask here instead.
 *
 * <p>The lookups run without the engine's authorization checks: they find, they do not grant. A caller that
 * serves a person then asks the engine, as that person, what they may see or do in the instances found
 * (and answers "no such dossier" when nothing, so that a number of another company tells nothing).
 */
@Service
public class Dossiers {

  private final ProcessEngine engine;

  Dossiers(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The running dossier with that number, if there is one. */
  public Optional<Dossier> running(String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    return withoutAuthorization(() -> {
      List<ProcessInstance> roots = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(number).rootProcessInstances().unlimitedList();
      if (roots.isEmpty()) {
        return Optional.empty();
      }
      if (roots.size() > 1) {
        throw new IllegalStateException("Le numéro de dossier " + number + " désigne " + roots.size()
            + " dossiers en cours (instances " + String.join(", ", roots.stream().map(ProcessInstance::getId).toList())
            + ") : un numéro ne désigne qu’un dossier. Dans Cockpit, cherchez par cette clé métier celui qui a été"
            + " démarré à la main avec le numéro d’un autre, et annulez-le ou redémarrez-le sans numéro.");
      }
      ProcessInstance root = roots.get(0);
      List<ProcessInstance> instances = new ArrayList<>();
      instances.add(root);
      engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstanceId(root.getId())
          .orderByProcessInstanceId().asc().unlimitedList().stream()
          .filter(instance -> !instance.getId().equals(root.getId())).forEach(instances::add);
      return Optional.of(new Dossier(number, root, instances));
    });
  }

  /**
   * The instance of the running dossier whose diagram holds that step (a task or an event id): the track
   * that does that part of the work, wherever the pathway calls it from. The deepest one when several do.
   */
  public Optional<ProcessInstance> runningInstanceWith(String number, String activityId) {
    return running(number).flatMap(dossier -> {
      List<ProcessInstance> holding = dossier.instances().stream()
          .filter(instance -> engine.getRepositoryService().getBpmnModelInstance(instance.getProcessDefinitionId())
              .getModelElementById(activityId) != null)
          .toList();
      return holding.isEmpty() ? Optional.empty() : Optional.of(holding.get(holding.size() - 1));
    });
  }

  /**
   * The instance of the dossier, running or finished, whose diagram holds that step: the most recent when several
   * do (a part that ran again). From history, so that a part that has ended (the ANS track once its certificate
   * is issued) is still found for what it keeps.
   */
  public Optional<HistoricProcessInstance> latestInstanceWith(String number, String activityId) {
    List<String> ids = everyInstanceOf(number);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return withoutAuthorization(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceIds(new java.util.HashSet<>(ids)).orderByProcessInstanceStartTime().desc().unlimitedList()
        .stream().filter(instance -> engine.getRepositoryService().getBpmnModelInstance(
            instance.getProcessDefinitionId()).getModelElementById(activityId) != null)
        .findFirst());
  }

  /**
   * The number of the dossier (running or finished) that a process instance belongs to, from history:
   * null when there is no such instance.
   */
  public String numberOf(String processInstanceId) {
    return withoutAuthorization(() -> {
      var instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      return instance == null ? null : instance.getBusinessKey();
    });
  }

  /**
   * The process instance ids, running or finished, of the dossier with that number: the root's hierarchy,
   * from history. Empty when no dossier has that number.
   */
  public List<String> everyInstanceOf(String number) {
    if (number == null || number.isBlank()) {
      return List.of();
    }
    return withoutAuthorization(() -> {
      var history = engine.getHistoryService();
      List<String> ids = new ArrayList<>();
      history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).rootProcessInstances()
          .unlimitedList().forEach(root -> {
            ids.add(root.getId());
            history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root.getId()).unlimitedList().stream()
                .map(i -> i.getId()).filter(id -> !id.equals(root.getId())).forEach(ids::add);
          });
      return ids;
    });
  }

  /**
   * The root instance, running or finished, of the dossier with that number (the pathway's instance), from
   * history: what names the dossier's pathway and whether it is closed, to a person who reads only a track of
   * it. Empty when no dossier has that number.
   */
  public Optional<HistoricProcessInstance> rootOf(String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    return withoutAuthorization(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(number).rootProcessInstances().orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst());
  }

  private <T> T withoutAuthorization(Callable<T> lookup) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(lookup));
  }
}
