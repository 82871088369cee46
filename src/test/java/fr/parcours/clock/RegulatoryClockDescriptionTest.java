package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.deadline.RegulatoryDuration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RegulatoryClockDescriptionTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant SEPT_1 = Instant.parse("2026-09-01T08:00:00Z");
  private static final String COMPLEMENTS = "Complements requested";

  private static RegulatoryClock sixtyDays(boolean workingDays) {
    return RegulatoryClock.notStarted("ANS_ANALYSIS",
        new ClockTerms(RegulatoryDuration.parse("P60D"), workingDays, PARIS));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  /** A 60-day clock from 1 September, paused from 1 to 13 October. */
  private static RegulatoryClock pausedFromFirstToThirteenthOctober() {
    return sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .resume(at("2026-10-13T07:00:00Z"), "vendor");
  }

  @Test
  void shouldSummariseDueDateAndPausesWhenVendorWasWaitedFor() {
    // Given a 60-day clock paused 12 days
    RegulatoryClock clock = pausedFromFirstToThirteenthOctober();

    // When it is described on 22 October
    String text = clock.describe(at("2026-10-22T12:00:00Z"));

    // Then a reviewer reads the start, budget, pause (its dates, both included), last day and days left, the
    // last day as the law writes it (it read "Until 2026-11-13 included", and earlier "Due … 59 days remain")
    assertThat(text).isEqualTo("""
        Started 1 September 2026 (Paris). 60 days, paused 13 days. Until 13 November 2026 included. 22 days left after today.
        Paused 1 October 2026 → 13 October 2026 (13 days, both included): Complements requested""");
  }

  @Test
  void shouldSayPausedSinceWhenPauseIsOpen() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent");

    assertThat(clock.describe(at("2026-10-05T08:00:00Z"))).isEqualTo("""
        Started 1 September 2026 (Paris). 60 days, paused 5 days. Until 5 November 2026 included. 31 days left after today.
        Paused since 1 October 2026 (5 days so far, today included): Complements requested""");
  }

  @Test
  void shouldSayOverdueWhenDueDateHasPassed() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-11-02T21:00:00Z"))).isEqualTo(
        "Started 1 September 2026 (Paris). 60 days, not paused. Until 31 October 2026 included. Overdue by 2 days.");
  }

  @Test
  void shouldSayLastDayTodayOnTheLastDay() {
    // (it said "less than 1 day remains" while the due instant was 10:00 that day; the whole day is left now)
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-10-31T01:00:00Z"))).isEqualTo(
        "Started 1 September 2026 (Paris). 60 days, not paused. Until 31 October 2026 included. Last day today.");
    assertThat(clock.describe(at("2026-10-31T22:59:59Z"))).endsWith("Last day today.");
    assertThat(clock.describe(at("2026-10-31T23:00:00Z"))).endsWith("Overdue by 1 day.");
  }

  @Test
  void shouldSayWhereDueDateMovedFromWhenItFellOnADayOff() {
    RegulatoryClock clock = sixtyDays(true).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-10-31T09:00:00Z"))).isEqualTo(
        "Started 1 September 2026 (Paris). 60 days, not paused."
            + " Until 2 November 2026 included (moved from Saturday 31 October 2026, not a working day)."
            + " 2 days left after today.");
  }

  @Test
  void shouldTellMarginAtTheStopWhenClockIsStopped() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .stop(at("2026-10-20T08:00:00Z"), "Opinion issued.");

    assertThat(clock.describe(at("2027-01-01T00:00:00Z"))).isEqualTo(
        "Started 1 September 2026 (Paris). 60 days, not paused. Until 31 October 2026 included."
            + " Stopped 20 October 2026 (Opinion issued), 11 days before the last day.");
  }

  @Test
  void shouldNameTheRestartWhenClockCountsAgainFromZero() {
    RegulatoryClock clock = sixtyDays(false).start(SEPT_1, "ans-agent")
        .pause(at("2026-09-20T08:00:00Z"), COMPLEMENTS, "ans-agent")
        .restart(at("2026-10-01T08:00:00Z"), "New version of the file", "ans-agent");

    assertThat(clock.describe(at("2026-10-06T08:00:00Z"))).isEqualTo("""
        Restarted 1 October 2026 (Paris): New version of the file. 60 days, paused 5 days.\
         Until 5 December 2026 included. 60 days left after today.
        Paused since 1 October 2026 (6 days so far, today included): Complements requested""");
  }

  @Test
  void shouldStateTheBudgetWhenClockHasNotStarted() {
    assertThat(sixtyDays(true).describe(SEPT_1)).isEqualTo(
        "Not started. Once started, it runs 60 days from the day after it opens, to the end of its last day,"
            + " moved to the next French working day if that is a weekend or public holiday.");
  }

  @Test
  void shouldSayTheSameInFrenchFirstDayWrittenAsFrenchWritesIt() {
    // Given the clock of the first test, paused 13 days
    RegulatoryClock clock = pausedFromFirstToThirteenthOctober();

    // When it is described in French on 22 October
    String text = clock.describe(at("2026-10-22T12:00:00Z"), Locale.FRENCH);

    // Then the French says what the English says: "jusqu’au … inclus", the first of the month "1er"
    assertThat(text).isEqualTo("""
        Ouvert le 1er septembre 2026 (Paris). 60 jours, suspendu 13 jours. Jusqu’au 13 novembre 2026 inclus.\
         Il reste 22 jours après aujourd’hui.
        Suspendu du 1er octobre 2026 au 13 octobre 2026 (13 jours, l’un et l’autre inclus) : Complements requested""");
  }

  @Test
  void shouldGiveTheDaysLeftOnTheDayATaskOpenedWhenTheReportIsWrittenOnceForATask() {
    RegulatoryClock clock = pausedFromFirstToThirteenthOctober();

    // a report written as a task opens on 22 October, read on later days: its days left are dated, not "après
    // aujourd’hui", which a reviewer reading it five days later took as still true (walk 11)
    assertThat(clock.describeOnOpening(at("2026-10-22T12:00:00Z"), Locale.FRENCH))
        .contains("Jusqu’au 13 novembre 2026 inclus. Il restait 22 jours après le 22 octobre 2026, jour où cette tâche"
            + " s’est ouverte.\nSuspendu du 1er octobre 2026 au 13 octobre 2026").doesNotContain("aujourd’hui");
    assertThat(clock.describeOnOpening(at("2026-11-13T12:00:00Z"), Locale.FRENCH))
        .contains("inclus. Le 13 novembre 2026, jour où cette tâche s’est ouverte, était son dernier jour.\n");
    assertThat(clock.describeOnOpening(at("2026-11-15T12:00:00Z"), Locale.FRENCH))
        .contains("inclus. Dépassé de 2 jours le 15 novembre 2026, jour où cette tâche s’est ouverte.\n");
    assertThat(sixtyDays(false).start(SEPT_1, "ans-agent").pause(at("2026-10-01T07:00:00Z"), COMPLEMENTS, "ans-agent")
        .describeOnOpening(at("2026-10-06T12:00:00Z"), Locale.FRENCH)).contains("Suspendu depuis le 1er octobre 2026"
            + " (6 jours au 6 octobre 2026, jour où cette tâche s’est ouverte, l’un et l’autre inclus)")
        .doesNotContain("aujourd’hui");
  }

  @Test
  void shouldSayInFrenchWhereTheLastDayMovedFromAndWhenItIsOverdueOrStopped() {
    RegulatoryClock clock = sixtyDays(true).start(SEPT_1, "ans-agent");

    assertThat(clock.describe(at("2026-10-31T09:00:00Z"), Locale.FRENCH)).isEqualTo(
        "Ouvert le 1er septembre 2026 (Paris). 60 jours, sans suspension."
            + " Jusqu’au 2 novembre 2026 inclus (reporté du samedi 31 octobre 2026, jour non ouvré)."
            + " Il reste 2 jours après aujourd’hui.");
    assertThat(clock.describe(at("2026-11-02T10:00:00Z"), Locale.FRENCH)).endsWith("Dernier jour aujourd’hui.");
    assertThat(clock.describe(at("2026-11-04T10:00:00Z"), Locale.FRENCH)).endsWith("Dépassé de 2 jours.");
    assertThat(clock.stop(at("2026-10-20T08:00:00Z"), "Opinion issued.").describe(at("2027-01-01T00:00:00Z"),
        Locale.FRENCH)).endsWith("Arrêté le 20 octobre 2026 (Opinion issued), 13 jours avant le dernier jour.");
    assertThat(sixtyDays(false).describe(SEPT_1, Locale.FRENCH)).isEqualTo("Pas encore ouvert. Une fois ouvert,"
        + " il court 60 jours à compter du lendemain de son ouverture, jusqu’à la fin de son dernier jour.");
  }
}
