package fr.parcours.ans;

import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureFields;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.candidature.FieldProblem;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.DeadlineRule;
import fr.parcours.deadline.FrenchTimeLimits;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.WindowNames;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The planned date of a complete evidence deposit that the vendor declares (seed 004 §6.2, informative, which the
 * ANS may publish): a date to come, counted on the calendar of Paris from the engine's clock, so today or later; and
 * not beyond the window in which an ANS dossier without movement may be deemed abandoned (row
 * {@value #HORIZON} of the deadlines table, counted from today as every window is), since a dossier that planned
 * nothing sooner would be abandoned before its evidence came. The seed sets no upper bound: this one is Parcours'
 * choice, the only window of the table that bounds how long a candidature may wait; a dossier that runs no window
 * (the ANS transitional phase: no time limit for any party, seed 004 §6.4) is not bound by it.
 */
@Component
class PlannedEvidenceDates {

  static final String HORIZON = "ANS_INACTIVITY";

  private final DeadlineCatalogue deadlines;
  private final ZoneId zone;

  PlannedEvidenceDates(DeadlineCatalogue deadlines, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.deadlines = deadlines;
    this.zone = ZoneId.of(zone);
  }

  /**
   * What is wrong with the planned date of this candidature, for the dossier's pathway; empty when nothing is.
   * {@code runsNoWindow}: the dossier runs no window, so only a date already passed is wrong.
   */
  Optional<FieldProblem> problem(Candidature candidature, Object pathway, boolean runsNoWindow) {
    LocalDate planned = candidature.plannedEvidenceDate();
    if (planned == null) {
      return Optional.empty(); // missing or unreadable: the candidature's own checks say so
    }
    LocalDate today = FrenchTimeLimits.dateOf(ClockUtil.getCurrentTime().toInstant(), zone);
    String key = CandidatureFields.PLANNED_EVIDENCE_DATE;
    String label = CandidatureFields.label(key);
    if (planned.isBefore(today)) {
      return Optional.of(new FieldProblem(key, label, CandidatureWords.of("plannedDate.past", date(planned),
          date(today))));
    }
    if (runsNoWindow) {
      return Optional.empty();
    }
    DeadlineRule horizon = deadlines.rule(HORIZON, pathway instanceof String name ? name : null);
    LocalDate latest = FrenchTimeLimits.count(today, horizon.duration(), false).lastDay();
    if (planned.isAfter(latest)) {
      return Optional.of(new FieldProblem(key, label, CandidatureWords.of("plannedDate.tooFar", date(planned),
          CandidatureWords.each(LegalDates.length(horizon.duration().period(), Locale.FRENCH),
              LegalDates.length(horizon.duration().period(), Locale.ENGLISH)),
          CandidatureWords.each(WindowNames.french(HORIZON), WindowNames.of(HORIZON, Locale.ENGLISH)),
          date(latest))));
    }
    return Optional.empty();
  }

  private static CandidatureWords date(LocalDate day) {
    return CandidatureWords.each(LegalDates.date(day, Locale.FRENCH), LegalDates.date(day, Locale.ENGLISH));
  }
}
