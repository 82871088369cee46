package fr.parcours.config;

import fr.parcours.clock.ClockParseListener;
import fr.parcours.clock.Clocks;
import fr.parcours.clock.UntypedTimerCheck;
import org.springframework.beans.factory.ObjectProvider;
import fr.parcours.deadline.DeadlineTableTransformListener;
import fr.parcours.notification.IncidentAlerts;
import fr.parcours.notification.MailStepParseListener;
import fr.parcours.security.FormFieldsOnly;
import fr.parcours.security.ProfilesByAdministrators;
import fr.parcours.security.TaskHandover;
import fr.parcours.tasklist.PathwayOnCards;
import fr.parcours.shared.Outcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Engine settings that belong to Parcours rather than to a deployment (how the models are deployed at start-up is
 * {@link ModelDeployment}'s): every diagram and deadlines table is checked against the deadlines source
 * when it is deployed, and the task and variable queries check grants row by row ({@link TaskGrantCheck},
 * {@link VariableGrantCheck}).
 */
@Component
class ParcoursEnginePlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<Clocks> clocks;
  private final ObjectProvider<Outcomes> outcomes;
  private final ObjectProvider<IncidentAlerts> incidentAlerts;

  ParcoursEnginePlugin(ObjectProvider<Clocks> clocks, ObjectProvider<Outcomes> outcomes,
      ObjectProvider<IncidentAlerts> incidentAlerts) {
    this.clocks = clocks;
    this.outcomes = outcomes;
    this.incidentAlerts = incidentAlerts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<BpmnParseListener>());
    }
    configuration.getCustomPostBPMNParseListeners().addAll(
        parseListeners(clocks::getObject, () -> outcomes.orderedStream().toList()));
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(new UntypedTimerCheck());
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new BadInputUnwrapping());
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new TaskHandover(configuration));
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new FormFieldsOnly());
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new ProfilesByAdministrators());

    // a mail to an address no server can deliver to: the incident at once, not after the retry cycle
    configuration.setFailedJobCommandFactory(new NoRetryForPermanentFailures());
    // an incident is mailed to the administrators and process owners, not only shown in Cockpit
    if (configuration.getCustomIncidentHandlers() == null) {
      configuration.setCustomIncidentHandlers(new ArrayList<>());
    }
    for (String type : List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE)) {
      configuration.getCustomIncidentHandlers().add(new AlertingIncidentHandler(type, incidentAlerts::getIfAvailable));
    }

    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() == null
        ? (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) configuration.getDmnEngineConfiguration();
    dmn.getTransformer().getTransformListeners().add(new DeadlineTableTransformListener());
    configuration.setDmnEngineConfiguration(dmn);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // the task query checks grants task by task (EXISTS) rather than by Camunda's join, and the groups that
    // authorizations name are found without reading them all (issue 21, the queues)
    TaskGrantCheck.SQL.install(configuration);
    VariableGrantCheck.SQL.install(configuration);
    AuthorizedGroups.SQL.install(configuration);
  }

  /**
   * The meaning Parcours gives the extension properties of its diagrams (windows and pauses of the clocks, mail
   * steps, outcomes of end events, the pathway named on the cards): the engine's parse listeners, which the lean engine tests install too.
   */
  static List<BpmnParseListener> parseListeners(Supplier<Clocks> clocks, Supplier<List<Outcomes>> outcomes) {
    return List.of(new ClockParseListener(clocks), new MailStepParseListener(), new OutcomeParseListener(outcomes),
        new PathwayOnCards());
  }
}
