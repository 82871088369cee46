package fr.parcours.brandname;

import fr.parcours.shared.TaskInputs;
import static fr.parcours.shared.TaskInputs.date;
import static fr.parcours.shared.TaskInputs.decision;
import static fr.parcours.shared.TaskInputs.defaultFalse;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.ans.RefusalLanguage;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.FrenchTimeLimits;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.WindowNames;
import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the brand-name diagram itself (the tracks it calls have their
 * own): each refusal says in French what is wrong and how to fix it, and the task stays open, unchanged.
 */
@Component("brandNameTaskChecks")
class BrandNameTaskChecks implements TaskListener {

  /** The row that bounds the registration the order sets: "at most 5 years" (seed 000, step 16). */
  static final String VALIDITY = BrandNameProcess.REGISTRATION_VALIDITY;

  private final DeadlineCatalogue deadlines;
  private final DeviceRecords records;
  private final ReferentialVersions versions;
  private final ZoneId zone;

  BrandNameTaskChecks(DeadlineCatalogue deadlines, DeviceRecords records, ReferentialVersions versions,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.deadlines = deadlines;
    this.records = records;
    this.versions = versions;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_SendAcknowledgement" -> acknowledge(task);
      case "Task_SendCnpCopy" -> {
        text(task, "cnpNames", "CNP auxquels la copie a été envoyée");
        ticked(task, "cnpCopySent", "La copie de la demande a été envoyée par courriel à ces CNP");
      }
      case "Task_FilePriceDossier" -> {
        text(task, "cepsReference", "Référence du dossier déposé au CEPS");
        ticked(task, "cepsFiled", "Le dossier de prix est déposé auprès du CEPS");
      }
      case "Task_RecordCepsOutcome" -> recordCepsOutcome(task);
      case "Task_PublishRegistrationOrder" -> publishOrder(task);
      case "Task_FileRenewal" -> fileRenewal(task);
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /** A tariff agreed is a price the ministers read before deciding: its absence is said as what is missing. */
  private static void recordCepsOutcome(DelegateTask task) {
    decision(task, "cepsOutcome", Set.of("AGREED", "NO_AGREEMENT"), null, null, null);
    Object tariff = task.getVariable("cepsTariff");
    if ("AGREED".equals(task.getVariable("cepsOutcome")) && (tariff == null || tariff.toString().isBlank())) {
      throw new BadInputException("Le tarif manque : indiquez le tarif convenu avec le CEPS et sa référence dans"
          + " « Tarif convenu » (par exemple « 12 € par mois, avenant n° 3 »), ou choisissez « Pas d’accord sur le"
          + " tarif » s’il n’y en a pas.");
    }
  }

  private void acknowledge(DelegateTask task) {
    LocalDate acknowledged = date(task, "acknowledgementDate", "Date de l’accusé de réception", zone);
    if (acknowledged.isAfter(today())) {
      throw new BadInputException("La date de l’accusé de réception (" + french(acknowledged) + ") est dans le futur :"
          + " donnez la date à laquelle l’accusé de réception a été envoyé, aujourd’hui ou avant.");
    }
    task.setVariable(BrandNameProcess.ACKNOWLEDGED_AT, startOf(acknowledged));
  }

  private void publishOrder(DelegateTask task) {
    LocalDate order = date(task, "orderDate", "Date de l’arrêté", zone);
    String reference = String.valueOf(task.getVariable("publicationReference"));
    text(task, "publicationReference", "Référence de publication au Journal officiel");
    LocalDate end = date(task, "registrationEndDate", "Date de fin de l’inscription", zone);
    if (order.isAfter(today())) {
      throw new BadInputException("La date de l’arrêté (" + french(order) + ") est dans le futur : donnez la date de"
          + " l’arrêté publié, aujourd’hui ou avant.");
    }
    LocalDate acknowledged = dateOf(task.getVariable(BrandNameProcess.ACKNOWLEDGED_AT));
    if (acknowledged != null && order.isBefore(acknowledged)) {
      throw new BadInputException("La date de l’arrêté (" + french(order) + ") précède l’accusé de réception du "
          + french(acknowledged) + " : l’arrêté ne peut pas être pris avant ; corrigez la date.");
    }
    LocalDate opinion = dateOf(task.getVariable(BrandNameProcess.OPINION_RECEIVED_AT));
    if (opinion != null && order.isBefore(opinion)) {
      throw new BadInputException("La date de l’arrêté (" + french(order) + ") précède l’avis de la CNEDiMTS reçu le "
          + french(opinion) + " : les ministres décident après l’avis ; corrigez la date.");
    }
    if (!end.isAfter(order)) {
      throw new BadInputException("La date de fin de l’inscription (" + french(end) + ") doit suivre la date de"
          + " l’arrêté (" + french(order) + ") : donnez la date de fin que fixe l’arrêté.");
    }
    DeadlineRule validity = deadlines.rule(VALIDITY, BrandNameProcess.PATHWAY);
    LocalDate latest = FrenchTimeLimits.count(order, validity.duration(), false).lastDay();
    if (end.isAfter(latest)) {
      throw new BadInputException("La date de fin de l’inscription (" + french(end) + ") dépasse la durée maximale de "
          + LegalDates.length(validity.duration().period(), Locale.FRENCH) + " après l’arrêté du " + french(order)
          + " (table des délais, " + WindowNames.french(VALIDITY) + ") : choisissez le " + french(latest) + " ou avant.");
    }
    task.setVariable(BrandNameProcess.REGISTRATION_ENDS_AT, startOf(end));
    task.setVariable("registrationEndDateText", french(end));
    // the registration lands in the device's records, from the order to the end date it sets
    records.registered(DeviceFactsOf.dossier(task), RegistrationKind.BRAND_NAME, reference.trim(), order, end,
        (String) task.getVariable("dossierId"), task.getProcessInstanceId(), ClockUtil.getCurrentTime().toInstant());
  }

  private void fileRenewal(DelegateTask task) {
    LocalDate end = dateOf(task.getVariable(BrandNameProcess.REGISTRATION_ENDS_AT));
    if (end != null && today().isAfter(end)) {
      throw new BadInputException("L’inscription a pris fin le " + french(end) + " : elle ne peut plus être"
          + " renouvelée ; déposez une nouvelle demande d’inscription en nom de marque.");
    }
    defaultFalse(task, "certificateStillValid");
    if (Boolean.TRUE.equals(task.getVariable("certificateStillValid"))) {
      task.setVariable("certificateNumber", stillValid(task));
    }
    // the renewal is a new round of the pathway: on Sésame directly with a valid certificate, else a new ANS round
    task.setVariable("validCertificate", task.getVariable("certificateStillValid"));
  }

  /**
   * "Notre certificat de conformité de l’ANS est toujours valable", looked up as the start looks up a declared one
   * ({@link DeclaredCertificates}): the dossier's certificate, or the one that replaced it since (a re-certification
   * of the same device), her company's, in force, for the device and version of the dossier.
   */
  private String stillValid(DelegateTask task) {
    CandidatureWords uncheck = CandidatureWords.of("brandName.uncheckStillValid");
    boolean inEnglish = RefusalLanguage.english(task.getExecution());
    Object named = task.getVariable("certificateNumber");
    if (named == null || named.toString().isBlank()) {
      throw new BadInputException(CandidatureWords.of("brandName.noCertificateNamed", uncheck).forVendor(inEnglish));
    }
    String number = named.toString();
    Optional<String> deviceId = records.certificate(number).map(CertifiedDevice::deviceId);
    number = records.renewedBy(number).filter(newer -> records.certificate(newer).map(CertifiedDevice::deviceId)
        .equals(deviceId)).orElse(number); // re-certified since, same device: a new model's certificate is not it
    CertifiedDevice certificate = DeclaredCertificates.check(records::certificate, number,
        task.getVariable("vendorGroup"), String.valueOf(task.getVariable("softwareName")).strip(),
        String.valueOf(task.getVariable("softwareVersion")).strip(), uncheck, inEnglish);
    // seed 000: the renewal goes without a new ANS round only if the ANS referentials have not changed
    DeclaredCertificates.referentialUnchanged(DeclaredCertificates.ReferentialChanges.of(versions), certificate,
        today(), CandidatureWords.of("brandName.renewal"), uncheck, inEnglish);
    return certificate.certificateNumber();
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }

  private LocalDate dateOf(Object value) {
    return value instanceof Date date ? date.toInstant().atZone(zone).toLocalDate() : null;
  }

  private static String french(LocalDate day) {
    return LegalDates.date(day, Locale.FRENCH);
  }
}
