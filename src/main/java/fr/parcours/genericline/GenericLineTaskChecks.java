package fr.parcours.genericline;

import static fr.parcours.shared.TaskInputs.date;
import static fr.parcours.shared.TaskInputs.text;

import fr.parcours.deadline.LegalDates;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.genericline.GenericLines.Line;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.TaskInputs;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the generic-line diagram itself (the tracks it calls have their own):
 * each refusal says in French what is wrong and how to fix it, and the task stays open, unchanged.
 */
@Component("genericLineTaskChecks")
class GenericLineTaskChecks implements TaskListener {

  /** An individual LPPR code: seven digits. */
  static final Pattern LPP_CODE = Pattern.compile("[0-9]{7}");
  /**
   * What no code holds: control characters (a line break, a tab) and invisible formatting ones (a zero-width space, a
   * direction mark), which would also make a code already allocated look like another.
   */
  static final Pattern UNSEEN = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\u2028\\u2029]");
  /** A Démarches Simplifiées dossier number: digits. */
  static final Pattern DS_NUMBER = Pattern.compile("[0-9]{1,12}");

  private final GenericLines lines;
  private final DeviceRecords records;
  private final ZoneId zone;

  GenericLineTaskChecks(GenericLines lines, DeviceRecords records, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.lines = lines;
    this.records = records;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_CertifyLineRequirements" -> certifyLine(task);
      case "Task_IssueProvisionalCertificate" -> issueProvisionalCertificate(task);
      case "Task_RequestBillingCode" -> requestBillingCode(task);
      case "Task_AllocateBillingCode" -> allocateBillingCode(task);
      case "Task_RecordDsFiling" -> recordDsFiling(task);
      case "Task_AllocateCode" -> allocateCode(task);
      case "Task_UpdateCnamBases" -> {
        if (!Boolean.TRUE.equals(task.getVariable("cnamBasesUpdated"))) {
          throw new BadInputException("Cochez « Les bases de remboursement et la liste publiée des codes sont à jour »"
              + " une fois la mise à jour faite ; la tâche ne peut pas être terminée avant.");
        }
      }
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /**
   * The line's certification as the first versions of generic-line.bpmn asked it, a task of the pathway: the ANS track
   * certifies the lines now ({@code ans.LineCertification}), but dossiers started on those versions and waiting at
   * that task finish on them (see the README, "Generic-line registration").
   */
  private void certifyLine(DelegateTask task) {
    Object conform = task.getVariable("lineRequirementsConform");
    if ("true".equals(conform) || "false".equals(conform)) {
      // the form's radio gives text: the gateway reads a Boolean
      conform = Boolean.valueOf((String) conform);
      task.setVariable("lineRequirementsConform", conform);
    }
    if (!(conform instanceof Boolean)) {
      throw new BadInputException("Indiquez si les exigences minimales de la ligne sont respectées"
          + " (lineRequirementsConform : oui ou non).");
    }
    if (!(Boolean) conform) {
      text(task, "lineRequirementsReasons", "Motifs du refus (exigences non respectées)");
    }
  }

  private void issueProvisionalCertificate(DelegateTask task) {
    text(task, "provisionalCertificateNumber", "Numéro du certificat provisoire");
    String number = task.getVariable("provisionalCertificateNumber").toString().strip();
    notAllocatedElsewhere(task, "provisionalCertificateNumber", number, "Le numéro de certificat provisoire");
    task.setVariable("provisionalCertificateNumber", number);
  }

  private void requestBillingCode(DelegateTask task) {
    Object provisional = task.getVariable("provisionalCertificateNumber");
    if (provisional == null || provisional.toString().isBlank()) {
      throw new BadInputException("Un code de facturation se demande avec le certificat provisoire de l’ANS : ce"
          + " dossier n’en a pas ; attendez le certificat provisoire ou le certificat définitif.");
    }
    text(task, "billingRequestReference", "Numéro de la demande sur Démarches Simplifiées");
  }

  private void allocateBillingCode(DelegateTask task) {
    text(task, "billingCode", "Code de facturation attribué");
    String code = task.getVariable("billingCode").toString().strip();
    // the seeds give no format for this code (seed 001: "a billing code by indication"): only what no code holds
    if (UNSEEN.matcher(code).find()) {
      throw new BadInputException("Le code de facturation « " + UNSEEN.matcher(code).replaceAll("?") + " » contient"
          + " un caractère invisible ou de contrôle (retour à la ligne, tabulation, espace sans largeur, marque de"
          + " sens d’écriture), marqué ici « ? », qu’aucun code ne porte et qui ferait passer un code déjà attribué"
          + " pour un autre : retapez le code tel que la décision d’attribution le donne, sans copier-coller.");
    }
    notAllocatedElsewhere(task, GenericLineProcess.BILLING_CODE, code, "Le code de facturation");
    task.setVariable(GenericLineProcess.BILLING_CODE, code);
  }

  private void recordDsFiling(DelegateTask task) {
    String[] number = new String[1];
    LocalDate[] received = new LocalDate[1];
    // both fields checked, every problem said at once
    TaskInputs.allOf(() -> {
      text(task, "dsDossierNumber", "Numéro du dossier sur Démarches Simplifiées");
      number[0] = task.getVariable("dsDossierNumber").toString().strip();
      if (!DS_NUMBER.matcher(number[0]).matches()) {
        throw new BadInputException("Le numéro du dossier Démarches Simplifiées est fait de chiffres,"
            + " pas « " + number[0] + " » : recopiez-le depuis le dossier reçu sur Démarches Simplifiées.");
      }
    }, () -> {
      received[0] = date(task, "dsReceivedDate", "Date de réception du dossier", zone);
      if (received[0].isAfter(today())) {
        throw new BadInputException("La date de réception (" + french(received[0]) + ") est dans le futur : donnez la"
            + " date à laquelle le dossier a été déposé sur Démarches Simplifiées, aujourd’hui ou avant.");
      }
    });
    task.setVariable("dsDossierNumber", number[0]);
    task.setVariable(GenericLineProcess.DS_RECEIVED_AT, Date.from(received[0].atStartOfDay(zone).toInstant()));
  }

  private void allocateCode(DelegateTask task) {
    Object already = task.getExecution().getVariable(GenericLineProcess.CODE + "Allocated");
    if (already != null) {
      throw new BadInputException("Ce dossier a déjà reçu le code " + already + " : un dossier ne reçoit qu’un code"
          + " individuel.");
    }
    text(task, GenericLineProcess.CODE, "Code individuel attribué");
    String code = task.getVariable(GenericLineProcess.CODE).toString().strip();
    if (!LPP_CODE.matcher(code).matches()) {
      throw new BadInputException("Le code individuel est fait de 7 chiffres, pas « " + code + " » :"
          + " recopiez le code attribué sur la LPPR.");
    }
    notAllocatedElsewhere(task, GenericLineProcess.CODE, code, "Le code individuel");
    Period validity = registrationValidity(task);
    LocalDate end = today().plus(validity).minusDays(1);
    task.setVariable(GenericLineProcess.CODE, code);
    task.setVariable(GenericLineProcess.CODE + "Allocated", code);
    task.setVariable(GenericLineProcess.REGISTRATION_ENDS_AT, Date.from(end.atStartOfDay(zone).toInstant()));
    task.setVariable("registrationEndDateText", french(end));
    // the registration lands in the device's records (/devices), from today to the line's last day
    records.registeredOnLine(DeviceFactsOf.dossier(task), code, lineNames(task), today(), end,
        (String) task.getVariable("dossierId"), task.getProcessInstanceId(), ClockUtil.getCurrentTime().toInstant());
  }

  /**
   * How long the registration lasts: as its line's duration allows (seed 001: "valid according to the duration of the
   * corresponding generic line", which the catalogue of lines holds, one per line), with several lines the shortest.
   * The seeds give no length of their own: a dossier none of whose lines the catalogue still holds is refused, saying
   * so, rather than given a length guessed here.
   */
  private Period registrationValidity(DelegateTask task) {
    java.util.List<String> claimed = GenericLineIntake.ids(task.getVariable(GenericLineProcess.GENERIC_LINES));
    return claimed.stream().map(lines::find).flatMap(java.util.Optional::stream).map(Line::registrationValidity)
        .min(Comparator.comparing(p -> LocalDate.of(2000, 1, 1).plus(p)))
        .orElseThrow(() -> new BadInputException("La durée de l’inscription suit celle de la ligne générique, et"
            + " aucune ligne de ce dossier (« " + String.join(", ", claimed) + " ») n’est plus dans le catalogue"
            + " des lignes génériques : la date de fin ne peut pas être calculée. Demandez à l’administrateur de"
            + " Parcours de rétablir la ligne dans catalogue/generic-lines.json, puis attribuez le code ; aucun code"
            + " n’a été enregistré."));
  }

  /** The claimed lines' names, in French, as the published code list shows them. */
  private String lineNames(DelegateTask task) {
    return GenericLineIntake.ids(task.getVariable(GenericLineProcess.GENERIC_LINES)).stream().map(lines::find)
        .flatMap(java.util.Optional::stream).map(Line::label).collect(java.util.stream.Collectors.joining(", "));
  }

  /** Refuses a code another dossier holds already (running or closed), naming that dossier. */
  private static void notAllocatedElsewhere(DelegateTask task, String variable, String code, String what) {
    for (HistoricVariableInstance held : task.getProcessEngineServices().getHistoryService()
        .createHistoricVariableInstanceQuery().variableName(variable).variableValueEquals(variable, code).list()) {
      if (!held.getProcessInstanceId().equals(task.getProcessInstanceId())) {
        Object dossier = task.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(held.getProcessInstanceId()).singleResult().getBusinessKey();
        throw new BadInputException(what + " " + code + " est déjà attribué au dossier " + dossier + " : un code"
            + " n’appartient qu’à un dossier ; vérifiez le code et donnez celui de ce dossier.");
      }
    }
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }

  private static String french(LocalDate day) {
    return LegalDates.date(day, Locale.FRENCH);
  }
}
