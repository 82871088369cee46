package fr.parcours.has;

import fr.parcours.shared.TaskInputs;
import static fr.parcours.shared.TaskInputs.date;
import static fr.parcours.shared.TaskInputs.decision;
import static fr.parcours.shared.TaskInputs.defaultFalse;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.clock.Clocks;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.WindowNames;
import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the HAS-side tracks (Sésame filing, CNEDiMTS opinion, ministers'
 * decision) before it completes, whatever pathway calls them.
 */
@Component("hasTaskChecks")
public class HasTaskChecks implements TaskListener {

  static final String HEARING_REQUEST = "CNEDIMTS_HEARING_REQUEST";
  static final String HEARING_DATE = "CNEDIMTS_HEARING_DATE";
  static final String HEARING_DATE_SHORTENED = "CNEDIMTS_HEARING_DATE_SHORTENED";
  /** When the vendor asked for a hearing: the shortened hearing's window, when the ministers ask for one, runs from it. */
  static final String HEARING_REQUESTED_AT = "hearingRequestedAt";
  /**
   * The hearing's day at 00:00 Paris, a date: « Adopter l’avis définitif » takes it as its follow-up date, so that the
   * commission's queue lists that task from this day on, when it can be done (the form's {@code hearingDate} is text).
   */
  public static final String HEARING_DAY = "hearingDay";

  private final Clocks clocks;
  private final ZoneId zone;

  HasTaskChecks(Clocks clocks, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.clocks = clocks;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_RequestSesameAccount" -> ticked(task, "sesameAccountRequested",
          "Nous avons demandé notre compte Sésame à la HAS");
      case "Task_OpenSesameAccount" -> text(task, "sesameAccountId", "Identifiant du compte Sésame");
      case "Task_HoldHasMeeting" -> date(task, "hasMeetingDate", "Date de la réunion", zone); // a date, not any text
      case "Task_DepositSesameApplication" -> {
        text(task, "sesameReference", "Numéro de dossier Sésame");
        ticked(task, "sesameFiled", "La demande est déposée sur Sésame");
        defaultFalse(task, "cnpCopySent");
      }
      case "Task_CheckSesameCompleteness" -> decision(task, "sesameCompleteness", Set.of("COMPLETE", "INCOMPLETE"),
          "COMPLETE", "sesameMissing", "ce qui manque (l’industriel le lit)");
      case "Task_ExamineApplication" -> {
        decision(task, "cnedimtsDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "cnedimtsComment", "le résumé de l’avis ou les compléments demandés");
        lengthIfAsked(task, "cnedimtsDecision", "CNEDIMTS_COMPLEMENTS");
        forgetHiddenComment(task, "cnedimtsDecision", "cnedimtsComment");
      }
      case "Task_ProvideCnedimtsComplements" -> text(task, "cnedimtsComplementsAnswer", "Votre réponse");
      case "Task_PublishOpinion" -> {
        ticked(task, "opinionPublished", "L’avis est publié sur le site de la HAS et envoyé à l’industriel par Sésame");
        if (Boolean.TRUE.equals(task.getVariable("telemonitoring"))) {
          ticked(task, "opinionSentToCnp", "Envoyé aux CNP concernés (télésurveillance)");
        }
      }
      case "Task_EvaluateApplication" -> {
        decision(task, "ministersDecision", Set.of("FAVOURABLE", "UNFAVOURABLE", "COMPLEMENTS"), "FAVOURABLE",
            "ministersComment", "les motifs du refus ou les informations demandées");
        lengthIfAsked(task, "ministersDecision", "MINISTERS_COMPLEMENTS");
        forgetHiddenComment(task, "ministersDecision", "ministersComment");
      }
      case "Task_ProvideMinistersComplements" -> text(task, "ministersComplementsAnswer", "Votre réponse");
      case "Task_AnswerDraftOpinion" -> answerDraftOpinion(task);
      case "Task_SetHearingDate" -> setHearingDate(task);
      case "Task_AdoptFinalOpinion" -> {
        afterTheHearing(task);
        decision(task, "cnedimtsDecision", Set.of("FAVOURABLE", "UNFAVOURABLE"), "FAVOURABLE", "cnedimtsComment",
            "les motifs de l’avis défavorable");
      }
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /**
   * A favourable decision's form hides the comment and sends none: what the variable still holds is the request of
   * an earlier round (complements), which the next forms and mails would quote as this decision's summary.
   */
  private static void forgetHiddenComment(DelegateTask task, String decisionVariable, String commentVariable) {
    if ("FAVOURABLE".equals(task.getVariable(decisionVariable))) {
      task.setVariable(commentVariable, null);
    }
  }

  /**
   * Complements asked in a window whose length the agency sets for this pathway (brand name: at least 10 days):
   * the length given is refused, in French and naming the minimum, when it is missing or too short.
   */
  private void lengthIfAsked(DelegateTask task, String decisionVariable, String window) {
    if ("COMPLEMENTS".equals(task.getVariable(decisionVariable))) {
      clocks.checkAskedLength(task, window);
    }
  }

  /**
   * The vendor answers the draft opinion: a hearing is requested within its window only (the timer that ends the
   * window and this completion may meet; the one that commits first wins, the other is rolled back).
   */
  private void answerDraftOpinion(DelegateTask task) {
    defaultFalse(task, "hearingRequested");
    LocalDate lastDay = clocks.lastDay(task.getExecution(), HEARING_REQUEST);
    if (Boolean.TRUE.equals(task.getVariable("hearingRequested")) && today().isAfter(lastDay)) {
      throw new BadInputException("Le délai pour demander une audition a pris fin le "
          + LegalDates.date(lastDay, Locale.FRENCH) + " inclus : la demande d’audition n’est plus recevable ;"
          + " décochez-la pour transmettre vos seules observations.");
    }
    if (Boolean.TRUE.equals(task.getVariable("hearingRequested"))) {
      // the hearing's windows run from the request; whether the ministers shortened it is told only with its date
      task.getExecution().getProcessInstance().setVariable(HEARING_REQUESTED_AT, ClockUtil.getCurrentTime());
    }
  }

  /**
   * The CNEDiMTS sets the hearing no later than its window from the request (a shorter one when the ministers
   * asked for it, with their reasons).
   */
  private void setHearingDate(DelegateTask task) {
    LocalDate hearing = date(task, "hearingDate", "Date de l’audition", zone);
    boolean shortened = Boolean.TRUE.equals(task.getVariable("hearingShortened"));
    if (shortened) {
      text(task, "hearingShortenedReasons", "Motifs donnés par les ministres");
    } else {
      defaultFalse(task, "hearingShortened");
    }
    if (hearing.isBefore(today())) {
      throw new BadInputException("La date de l’audition (" + LegalDates.date(hearing, Locale.FRENCH) + ") est passée :"
          + " choisissez une date à venir.");
    }
    String window = shortened ? HEARING_DATE_SHORTENED : HEARING_DATE;
    LocalDate lastDay = shortened ? clocks.lastDay(task.getExecution(), window, HEARING_REQUESTED_AT)
        : clocks.lastDay(task.getExecution(), window);
    if (hearing.isAfter(lastDay)) {
      throw new BadInputException("La date de l’audition (" + LegalDates.date(hearing, Locale.FRENCH) + ") est trop"
          + " tardive : l’audition a lieu au plus tard le " + LegalDates.date(lastDay, Locale.FRENCH)
          + (shortened ? " (délai réduit à la demande des ministres, " : " (") + "table des délais, " + WindowNames.french(window)
          + ") ; choisissez cette date ou avant.");
    }
    // the date is set: the shortened window's work is done, or it never applied (a dossier whose request opened it
    // at once, before the window waited for the ministers' word)
    clocks.closeIfOpen(task.getExecution(), HEARING_DATE_SHORTENED);
    task.setVariable("hearingDateText", LegalDates.date(hearing, Locale.FRENCH));
    task.setVariable(HEARING_DAY, java.util.Date.from(hearing.atStartOfDay(zone).toInstant()));
  }

  /**
   * The commission adopts its final opinion after hearing the vendor who asked for it: not before the day of the
   * hearing it set (the day itself is accepted, the hearing may be in the morning).
   */
  private void afterTheHearing(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable("hearingRequested")) || task.getVariable("hearingDate") == null) {
      return;
    }
    LocalDate hearing = date(task, "hearingDate", "Date de l’audition", zone);
    if (today().isBefore(hearing)) {
      String day = LegalDates.date(hearing, Locale.FRENCH);
      throw new BadInputException("L’audition de l’industriel est fixée au " + day + " : l’avis définitif s’adopte"
          + " à partir de ce jour, après l’avoir entendu. Revenez à cette tâche le " + day + " ou après.");
    }
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }
}
