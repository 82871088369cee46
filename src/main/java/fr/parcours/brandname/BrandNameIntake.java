package fr.parcours.brandname;

import fr.parcours.ans.AnsProcess;
import fr.parcours.ans.RefusalLanguage;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.has.SesameChoices;
import fr.parcours.shared.BadInputException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The brand-name part of the start form, after the candidature itself was accepted: the certificate of
 * conformity the vendor declares (the ANS round is skipped only on a certificate the device records hold: her
 * company's, of the ANS referential, in force, for this device and version, and whose referential version no
 * opposable one has followed since: seed 000), the HAS choices, and the
 * early coverage of the telemonitoring activity (which shortens the CNEDiMTS opinion's window). Its refusals are
 * French, then English for a vendor who asked for English ({@code ans.RefusalLanguage}).
 */
@Component("brandNameIntake")
class BrandNameIntake implements ExecutionListener {

  /** The device records' certificates, by number: the one the vendor declares is looked up, never believed. */
  private final Function<String, Optional<CertifiedDevice>> certificates;
  /** Whether the ANS referential changed since a certificate: then it skips the ANS round no more. */
  private final DeclaredCertificates.ReferentialChanges changes;
  private final ZoneId zone;

  @Autowired
  BrandNameIntake(DeviceRecords records, ReferentialVersions versions,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this(records::certificate, DeclaredCertificates.ReferentialChanges.of(versions), ZoneId.of(zone));
  }

  BrandNameIntake(Function<String, Optional<CertifiedDevice>> certificates,
      DeclaredCertificates.ReferentialChanges changes, ZoneId zone) {
    this.certificates = certificates;
    this.changes = changes;
    this.zone = zone;
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
      throw new BadInputException(CandidatureWords.of("brandName.coverageWithoutTelemonitoring")
          .forVendor(RefusalLanguage.english(execution)));
    }
    if (Boolean.TRUE.equals(execution.getVariable("validCertificate"))) {
      Object number = execution.getVariable("certificateNumber");
      if (number == null || number.toString().isBlank()) {
        throw new BadInputException(CandidatureWords.of("brandName.certificateWithoutNumber")
            .forVendor(RefusalLanguage.english(execution)));
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
    CandidatureWords uncheck = CandidatureWords.of("brandName.uncheckDeclared");
    boolean inEnglish = RefusalLanguage.english(execution);
    CertifiedDevice certificate = DeclaredCertificates.check(certificates, number,
        execution.getVariable(AnsProcess.VENDOR_GROUP), text(execution.getVariable("softwareName")),
        text(execution.getVariable("softwareVersion")), uncheck, inEnglish);
    // seed 000: without a new ANS round only if the ANS referentials have not changed since the certificate
    DeclaredCertificates.referentialUnchanged(changes, certificate,
        ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate(),
        CandidatureWords.of("brandName.registration"), uncheck, inEnglish);
    return certificate.certificateNumber();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
