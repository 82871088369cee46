package fr.parcours.ans;

import fr.parcours.shared.SoftwareProfiles;
import fr.parcours.candidature.Candidature;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.EvidenceReport;
import fr.parcours.evidence.LineRequirements;
import fr.parcours.evidence.LineRequirements.Line;
import fr.parcours.shared.BadInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The ANS's second certification, for a caller that passes the generic lines its dossier claims (track input
 * {@value LineRequirements#CLAIMED_LINES}): compliance with each line's minimum requirements, decided line by line
 * by the ANS reviewers, apart from the referential's certification. The track names no pathway: without lines, the
 * step does not run.
 */
@Component("lineCertification")
public class LineCertification {

  private final LineRequirements lines;
  private final EvidenceDeposits evidence;
  private final DeviceRecords records;

  LineCertification(LineRequirements lines, EvidenceDeposits evidence, DeviceRecords records) {
    this.lines = lines;
    this.evidence = evidence;
    this.records = records;
  }

  /** The task opens: its checklist offers the claimed lines, by name ({@value AnsProcess#LINE_OPTIONS}). */
  public void offer(DelegateTask task) {
    List<Line> claimed = lines.claimed(task.getVariable(LineRequirements.CLAIMED_LINES));
    String options = claimed.stream().map(l -> "{\"label\":" + json(l.label()) + ",\"value\":" + json(l.id()) + "}")
        .collect(Collectors.joining(",", "[", "]"));
    task.getExecution().setVariable(AnsProcess.LINE_OPTIONS, SpinValues.jsonValue(options).create());
    task.getExecution().setVariable(AnsProcess.LINE_NAMES, names(claimed));
    task.getExecution().setVariable(AnsProcess.LINE_NAMES + "En", namesEn(claimed));
  }

  /**
   * The reviewer's decision, checked as the task completes; refused with a French sentence, the task kept open: a
   * line the dossier does not claim, a line the device's profiles cannot claim, a line certified while its proofs are
   * missing or invalid, a line refused without reasons.
   */
  public void check(DelegateTask task) {
    List<Line> claimed = lines.claimed(task.getVariable(LineRequirements.CLAIMED_LINES));
    List<String> ticked = LineRequirements.ids(plain(task.getVariable(AnsProcess.CERTIFIED_LINES)));
    List<String> claimedIds = claimed.stream().map(Line::id).toList();
    for (String id : ticked) {
      if (!claimedIds.contains(id)) {
        throw new BadInputException("La ligne « " + lines.line(id).map(Line::label).orElse(id) + " » n’est pas demandée"
            + " par ce dossier, qui demande : " + names(claimed) + ". Ne cochez que des lignes de la demande.");
      }
    }
    List<String> profiles = Candidature.from(task.getVariables()).softwareProfiles();
    EvidenceReport report = evidence.report(task.getProcessInstanceId(), task.getVariables());
    for (Line line : claimed) {
      if (!ticked.contains(line.id())) {
        continue;
      }
      if (line.profiles().stream().noneMatch(profiles::contains)) {
        throw new BadInputException("La ligne « " + line.label() + " » est réservée aux dispositifs de profil "
            + String.join(" ou ", line.profiles().stream().map(SoftwareProfiles::label).toList())
            + " ; ce dispositif a le profil " + SoftwareProfiles.labels(profiles)
            + " : il ne peut pas la demander. Décochez-la et écrivez le motif du refus.");
      }
      List<String> outstanding = report.outstandingOfLine(line.label());
      if (!outstanding.isEmpty()) {
        throw new BadInputException("La ligne « " + line.label() + " » ne peut pas être certifiée : ses preuves ne sont"
            + " pas toutes valides (" + String.join(" ; ", outstanding) + "). Décochez-la et écrivez le motif du"
            + " refus.");
      }
    }
    List<String> refused = claimed.stream().filter(l -> !ticked.contains(l.id())).map(Line::label).toList();
    Object reasons = task.getVariable(AnsProcess.LINE_REASONS);
    if (!refused.isEmpty() && (reasons == null || reasons.toString().isBlank())) {
      throw new BadInputException("Écrivez les motifs du refus de " + (refused.size() == 1 ? "la ligne « "
          + refused.get(0) + " »" : "ces lignes : " + String.join(", ", refused)) + " (« Motifs du refus ») :"
          + " l’industriel les reçoit. Ou cochez la ligne si ses exigences minimales sont respectées.");
    }
    task.setVariable(AnsProcess.CERTIFIED_LINES, String.join(",", ticked));
  }

  /**
   * The decision lands in the device's records: a certificate of compliance per line certified, the refusal with its
   * reasons per line refused; the track's outcome for the lines is CERTIFIED only when every claimed line is.
   */
  public void record(DelegateExecution execution) {
    List<Line> claimed = lines.claimed(execution.getVariable(LineRequirements.CLAIMED_LINES));
    List<String> certifiedIds = LineRequirements.ids(execution.getVariable(AnsProcess.CERTIFIED_LINES));
    String dossierId = (String) execution.getVariable(AnsProcess.DOSSIER_ID);
    Object reasons = execution.getVariable(AnsProcess.LINE_REASONS);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> numbers = new ArrayList<>();
    List<Line> certified = new ArrayList<>();
    List<Line> refused = new ArrayList<>();
    for (Line line : claimed) {
      if (certifiedIds.contains(line.id())) {
        String number = certificateNumber(dossierId, line);
        records.certificateIssued(DeviceFactsOf.dossier(execution), number, referential(line), "description en vigueur",
            now, null, dossierId, execution.getProcessInstanceId(), AnsProcess.KEY);
        numbers.add(number);
        certified.add(line);
      } else {
        records.certificationRefused(DeviceFactsOf.dossier(execution), referential(line), String.valueOf(reasons), now,
            dossierId, execution.getProcessInstanceId());
        refused.add(line);
      }
    }
    execution.setVariable(AnsProcess.LINE_CERTIFICATE_NUMBERS, String.join(", ", numbers));
    execution.setVariable(AnsProcess.CERTIFIED_LINE_NAMES, names(certified));
    execution.setVariable(AnsProcess.CERTIFIED_LINE_NAMES + "En", namesEn(certified));
    execution.setVariable(AnsProcess.REFUSED_LINE_NAMES, names(refused));
    execution.setVariable(AnsProcess.REFUSED_LINE_NAMES + "En", namesEn(refused));
    execution.setVariable(AnsProcess.LINE_OUTCOME, (refused.isEmpty() ? LineOutcome.CERTIFIED : LineOutcome.REFUSED)
        .name());
  }

  /** How the certification of the lines ended ({@value AnsProcess#LINE_OUTCOME}). */
  public enum LineOutcome { CERTIFIED, REFUSED }

  /** {@code CL-DMN-2026-7KQ3F-DIABETES}: one per dossier and line. */
  static String certificateNumber(String dossierId, Line line) {
    return "CL-" + dossierId + "-" + line.id();
  }

  /** What the device's records say the certificate or the refusal is about. */
  static String referential(Line line) {
    return "Exigences minimales de la ligne générique « " + line.label() + " »";
  }

  private static String names(List<Line> lines) {
    return lines.stream().map(Line::label).collect(Collectors.joining(", "));
  }

  private static String namesEn(List<Line> lines) {
    return lines.stream().map(Line::labelEn).collect(Collectors.joining(", "));
  }

  /** A checklist's value as Tasklist sends it (a JSON list) or as the engine gives it (a list, or text). */
  private static Object plain(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.util.Collection<?>) {
      return value;
    }
    return value.toString().replaceAll("[\\[\\]\"]", "");
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
