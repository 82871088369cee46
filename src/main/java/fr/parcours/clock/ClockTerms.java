package fr.parcours.clock;

import fr.parcours.deadline.RegulatoryDuration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a regulatory clock counts.
 *
 * @param budget the time allowed, such as 60 days (P60D)
 * @param workingDays whether a due date falling on a weekend or French public holiday moves to the
 *     next working day
 * @param zone the civil zone in which days are counted (Europe/Paris for French procedures)
 */
public record ClockTerms(RegulatoryDuration budget, boolean workingDays, ZoneId zone) {

  public ClockTerms {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(zone, "zone");
  }
}
