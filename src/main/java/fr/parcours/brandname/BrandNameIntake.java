package fr.parcours.brandname;

import fr.parcours.has.SesameChoices;
import fr.parcours.shared.BadInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The brand-name part of the start form, after the candidature itself was accepted: the certificate of
 * conformity the vendor declares (the ANS round is skipped only with its number), the HAS choices, and the
 * early coverage of the telemonitoring activity (which shortens the CNEDiMTS opinion's window).
 */
@Component("brandNameIntake")
class BrandNameIntake implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    SesameChoices.read(execution);
    for (String flag : new String[] {"telemonitoring", "anticipatedCoverage", "validCertificate"}) {
      if (execution.getVariable(flag) == null) {
        execution.setVariable(flag, false);
      }
    }
    if (Boolean.TRUE.equals(execution.getVariable("anticipatedCoverage"))
        && !Boolean.TRUE.equals(execution.getVariable("telemonitoring"))) {
      throw new BadInputException("La prise en charge anticipée ne concerne qu’une activité de télésurveillance"
          + " médicale : cochez aussi « Le dispositif sert à la télésurveillance médicale », ou décochez la prise en"
          + " charge anticipée.");
    }
    if (Boolean.TRUE.equals(execution.getVariable("validCertificate"))) {
      Object number = execution.getVariable("certificateNumber");
      if (number == null || number.toString().isBlank()) {
        throw new BadInputException("Vous déclarez un certificat de conformité de l’ANS valable : donnez son numéro"
            + " dans « Numéro du certificat de conformité », ou décochez la case pour passer d’abord par la"
            + " certification de l’ANS.");
      }
    } else {
      execution.removeVariable("certificateNumber");
    }
    execution.setVariable("pathway", BrandNameProcess.PATHWAY);
  }
}
