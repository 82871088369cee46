package fr.parcours.brandname;

import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.has.SesameChoices;
import fr.parcours.shared.BadInputException;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The brand-name part of the start form, after the candidature itself was accepted: the certificate of
 * conformity the vendor declares (the ANS round is skipped only on a certificate the device records hold: her
 * company's, of the ANS referential, in force, for this device and version), the HAS choices, and the
 * early coverage of the telemonitoring activity (which shortens the CNEDiMTS opinion's window).
 */
@Component("brandNameIntake")
class BrandNameIntake implements ExecutionListener {

  /** The device records' certificates, by number: the one the vendor declares is looked up, never believed. */
  private final Function<String, Optional<CertifiedDevice>> certificates;

  @Autowired
  BrandNameIntake(DeviceRecords records) {
    this(records::certificate);
  }

  BrandNameIntake(Function<String, Optional<CertifiedDevice>> certificates) {
    this.certificates = certificates;
  }

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
      execution.setVariable("certificateNumber", declared(execution, number.toString().strip()));
    } else {
      execution.removeVariable("certificateNumber");
    }
    execution.setVariable("pathway", BrandNameProcess.PATHWAY);
  }

  /**
   * The declared certificate as the device records hold it: the vendor's company's, of the ANS referential, in force,
   * for the device and version of this dossier; otherwise a sentence saying what is wrong and what to do (the ANS
   * round is skipped only on a certificate the ANS issued).
   */
  private String declared(DelegateExecution execution, String number) {
    String uncheck = " ; ou décochez « Nous avons un certificat de conformité de l’ANS valable » pour passer d’abord"
        + " par la certification de l’ANS.";
    return DeclaredCertificates.check(certificates, number, execution.getVariable(AnsProcess.VENDOR_GROUP),
        text(execution.getVariable("softwareName")), text(execution.getVariable("softwareVersion")), uncheck)
        .certificateNumber();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
