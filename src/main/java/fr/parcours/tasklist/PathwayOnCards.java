package fr.parcours.tasklist;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Names the dossier's pathway on every Tasklist card (the last walk: a PECAN dossier's ANS task read "Certification
 * de conformité ANS", the called track's name, like a dossier of the ANS certification alone). Each process
 * instance is given, as it starts, the variable {@link #PATHWAY_NAME}: the name of the process the vendor started
 * ("Prise en charge anticipée PECAN"), taken from the calling process when a pathway calls a track, so that every
 * pathway, present or to come, and every track is named without a {@code camunda:in} to write in the diagrams.
 */
public class PathwayOnCards extends AbstractBpmnParseListener {

  /** The pathway's name, in French, as the vendor started it; shown on the cards by the filters. */
  public static final String PATHWAY_NAME = "pathwayName";

  private static final ExecutionListener NAME_THE_PATHWAY = PathwayOnCards::nameThePathway;

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, NAME_THE_PATHWAY);
  }

  static void nameThePathway(DelegateExecution started) {
    ExecutionEntity instance = (ExecutionEntity) started.getProcessInstance();
    ExecutionEntity caller = instance.getSuperExecution();
    Object name = caller == null ? null : caller.getVariable(PATHWAY_NAME);
    if (!(name instanceof String)) {
      // the process a person started; a caller started before this variable existed: the first process of the chain
      ExecutionEntity root = instance;
      while (root.getSuperExecution() != null) {
        root = root.getSuperExecution().getProcessInstance();
      }
      name = root.getProcessDefinition().getName() == null ? root.getProcessDefinition().getKey()
          : root.getProcessDefinition().getName();
    }
    instance.setVariableLocal(PATHWAY_NAME, name);
  }
}
