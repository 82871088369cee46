package fr.parcours.clock;

import fr.parcours.clock.ClockEntry.Kind;
import fr.parcours.clock.ClockReading.Pause;
import fr.parcours.deadline.FrenchTimeLimits;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.FrenchTimeLimits.Count;
import fr.parcours.deadline.FrenchTimeLimits.Suspension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A regulatory clock: a time budget (say 60 days) that can be started, paused while the agency
 * waits for someone else, resumed, restarted from zero and stopped. Every change is a line of an
 * append-only ledger; the due date is computed from the ledger on demand.
 *
 * <p>Immutable: each transition returns a new clock and leaves the receiver unchanged.
 *
 * <p>Arithmetic, on the calendar dates of the terms' zone ({@link FrenchTimeLimits}, the one place it is
 * done): the current cycle opens at the last start or restart; its date is not counted; the budget runs
 * from the next day and the window passes at 00:00 the day after its last day. Every pause takes whole
 * dates out, from the date it began to the date it ended, both included; a pause still open runs to today;
 * a pause open at a restart counts from the restart; pause time after a stop does not count. With working
 * days, a last day on a weekend or French public holiday moves to the next working day, after the pauses.
 */
public final class RegulatoryClock {

  private final String clockId;
  private final ClockTerms terms;
  private final List<ClockEntry> ledger;
  private final ClockState state;

  private RegulatoryClock(String clockId, ClockTerms terms, List<ClockEntry> ledger,
      ClockState state) {
    this.clockId = clockId;
    this.terms = terms;
    this.ledger = ledger;
    this.state = state;
  }

  /** A clock that has not started yet. */
  public static RegulatoryClock notStarted(String clockId, ClockTerms terms) {
    Objects.requireNonNull(clockId, "clockId");
    Objects.requireNonNull(terms, "terms");
    return new RegulatoryClock(clockId, terms, List.of(), ClockState.NOT_STARTED);
  }

  /**
   * Rebuilds a clock from a stored ledger, checking every entry as if it were recorded now.
   *
   * @throws ClockStateException if the ledger holds a transition its state did not allow
   */
  public static RegulatoryClock of(String clockId, ClockTerms terms, List<ClockEntry> ledger) {
    RegulatoryClock clock = notStarted(clockId, terms);
    for (ClockEntry entry : ledger) {
      clock = clock.record(entry);
    }
    return clock;
  }

  public String clockId() {
    return clockId;
  }

  public ClockTerms terms() {
    return terms;
  }

  /** The entries in time order (unmodifiable). */
  public List<ClockEntry> ledger() {
    return ledger;
  }

  public ClockState state() {
    return state;
  }

  public RegulatoryClock start(Instant at, String actor) {
    return record(new ClockEntry(Kind.STARTED, at, null, actor));
  }

  public RegulatoryClock pause(Instant at, String reason, String actor) {
    return record(new ClockEntry(Kind.PAUSED, at, reason, actor));
  }

  public RegulatoryClock resume(Instant at, String actor) {
    return record(new ClockEntry(Kind.RESUMED, at, null, actor));
  }

  /**
   * Counts again from zero. Allowed when running, paused or stopped; a restart while paused keeps
   * the pause open ("starts again from zero, but the agency is still waiting").
   */
  public RegulatoryClock restart(Instant at, String reason, String actor) {
    return record(new ClockEntry(Kind.RESTARTED, at, reason, actor));
  }

  public RegulatoryClock stop(Instant at, String reason) {
    return record(new ClockEntry(Kind.STOPPED, at, reason, null));
  }

  private RegulatoryClock record(ClockEntry entry) {
    Objects.requireNonNull(entry, "entry");
    ClockState next = nextState(entry.kind());
    if ((entry.kind() == Kind.PAUSED || entry.kind() == Kind.RESTARTED)
        && (entry.reason() == null || entry.reason().isBlank())) {
      throw new IllegalArgumentException("Le délai " + clockId + " ne peut pas être " + verb(entry.kind())
          + " sans motif : dites pourquoi, par exemple « "
          + (entry.kind() == Kind.PAUSED ? "Compléments demandés" : "Nouveau dossier déposé") + " ».");
    }
    if (!ledger.isEmpty()) {
      ClockEntry last = ledger.get(ledger.size() - 1);
      if (entry.at().isBefore(last.at())) {
        throw refused("Le délai " + clockId + " ne peut pas être " + verb(entry.kind()) + " le "
            + entry.at() + " : sa dernière inscription (" + last.kind() + ") est du " + last.at()
            + " et son registre s’écrit dans l’ordre du temps ; inscrivez celle-ci le " + last.at()
            + " ou après.");
      }
    }
    List<ClockEntry> longer = new ArrayList<>(ledger);
    longer.add(entry);
    return new RegulatoryClock(clockId, terms, List.copyOf(longer), next);
  }

  private ClockState nextState(Kind kind) {
    if (state == ClockState.NOT_STARTED) {
      if (kind == Kind.STARTED) {
        return ClockState.RUNNING;
      }
      throw refused("Le délai " + clockId + " n’a pas démarré, il ne peut donc pas être " + verb(kind)
          + " : démarrez-le d’abord.");
    }
    return switch (kind) {
      case STARTED -> throw refused("Le délai " + clockId + " a déjà démarré ("
          + currentSituation() + ") : redémarrez-le pour compter de nouveau depuis zéro.");
      case PAUSED -> switch (state) {
        case RUNNING -> ClockState.PAUSED;
        case PAUSED -> throw refused("Le délai " + clockId + " est déjà " + currentSituation()
            + " : reprenez-le avant de le mettre de nouveau en pause.");
        default -> throw refused("Le délai " + clockId + " est " + currentSituation()
            + ", il ne peut donc pas être mis en pause : redémarrez-le pour compter de nouveau depuis zéro.");
      };
      case RESUMED -> switch (state) {
        case PAUSED -> ClockState.RUNNING;
        case RUNNING -> throw refused("Le délai " + clockId + " n’est pas en pause (" + currentSituation()
            + ") : seul un délai en pause peut être repris.");
        default -> throw refused("Le délai " + clockId + " est " + currentSituation()
            + ", il ne peut donc pas être repris : redémarrez-le pour compter de nouveau depuis zéro.");
      };
      case RESTARTED -> state == ClockState.PAUSED ? ClockState.PAUSED : ClockState.RUNNING;
      case STOPPED -> {
        if (state == ClockState.STOPPED) {
          throw refused("Le délai " + clockId + " est déjà " + currentSituation()
              + " : redémarrez-le d’abord s’il doit compter de nouveau.");
        }
        yield ClockState.STOPPED;
      }
    };
  }

  private ClockStateException refused(String message) {
    return new ClockStateException(clockId, state, message);
  }

  /** « en cours depuis … », « en pause depuis … (motif) », « arrêté depuis … (motif) ». */
  private String currentSituation() {
    return switch (state) {
      case NOT_STARTED -> "non démarré";
      case RUNNING -> "en cours depuis " + lastOf(Kind.STARTED, Kind.RESTARTED, Kind.RESUMED).at();
      case PAUSED -> "en pause depuis " + withReason(lastOf(Kind.PAUSED));
      case STOPPED -> "arrêté depuis " + withReason(lastOf(Kind.STOPPED));
    };
  }

  private static String withReason(ClockEntry entry) {
    return entry.reason() == null || entry.reason().isBlank()
        ? entry.at().toString()
        : entry.at() + " (" + entry.reason() + ")";
  }

  private ClockEntry lastOf(Kind... kinds) {
    for (int i = ledger.size() - 1; i >= 0; i--) {
      for (Kind kind : kinds) {
        if (ledger.get(i).kind() == kind) {
          return ledger.get(i);
        }
      }
    }
    throw new IllegalStateException("No " + List.of(kinds) + " in the ledger of clock " + clockId);
  }

  private static String verb(Kind kind) {
    return switch (kind) {
      case STARTED -> "démarré";
      case PAUSED -> "mis en pause";
      case RESUMED -> "repris";
      case RESTARTED -> "redémarré";
      case STOPPED -> "arrêté";
    };
  }

  /**
   * The last days of the cycles that passed before {@code now}: each cycle a restart ended after its last day (a
   * repeating window, restarted when its timer fired), and the current one if its last day is before now's date.
   * A cycle restarted on or before its last day (the dossier moved) did not pass. In time order.
   */
  public List<LocalDate> passedLastDays(Instant now) {
    List<LocalDate> passed = new ArrayList<>();
    for (int i = 1; i < ledger.size(); i++) {
      ClockEntry entry = ledger.get(i);
      if (entry.kind() == Kind.RESTARTED) {
        ClockReading before = of(clockId, terms, ledger.subList(0, i)).read(entry.at());
        if (before.lastDay() != null && before.lastDay().isBefore(date(entry.at(), terms.zone()))) {
          passed.add(before.lastDay());
        }
      }
    }
    ClockReading current = read(now);
    if (current.lastDay() != null && current.lastDay().isBefore(date(now, terms.zone()))) {
      passed.add(current.lastDay());
    }
    return passed;
  }

  /** What the clock says at {@code now}. */
  public ClockReading read(Instant now) {
    return compute(now).reading();
  }

  private record Figures(ClockReading reading, Count count, ClockEntry cycleStart) {
  }

  private Figures compute(Instant now) {
    Objects.requireNonNull(now, "now");
    if (state == ClockState.NOT_STARTED) {
      return new Figures(new ClockReading(clockId, state, null, null, Duration.ZERO, null, false,
          List.of(), null), null, null);
    }
    ClockEntry cycleStart = lastOf(Kind.STARTED, Kind.RESTARTED);
    Instant start = cycleStart.at();
    Instant end = state == ClockState.STOPPED ? lastOf(Kind.STOPPED).at() : now;
    ZoneId zone = terms.zone();

    List<Pause> pauses = countedPauses(start);
    List<Suspension> suspensions = new ArrayList<>();
    for (Pause pause : pauses) {
      Instant to = pause.to() == null || pause.to().isAfter(end) ? end : pause.to();
      LocalDate from = date(pause.from(), zone);
      LocalDate until = date(to, zone);
      if (!until.isBefore(from)) {
        suspensions.add(new Suspension(from, until));
      }
    }
    Count count = FrenchTimeLimits.count(date(start, zone), terms.budget(), terms.workingDays(), suspensions);
    Instant due = FrenchTimeLimits.expiry(count.lastDay(), zone);

    Instant reference = state == ClockState.STOPPED ? end : now;
    ClockReading reading = new ClockReading(clockId, state, start, due, Duration.ofDays(count.suspendedDays()),
        Duration.between(reference, due), !reference.isBefore(due), pauses, count.lastDay());
    return new Figures(reading, count, cycleStart);
  }

  /** Pauses of the whole ledger that reach into the cycle, clipped to its start. */
  private List<Pause> countedPauses(Instant cycleStart) {
    List<Pause> pauses = new ArrayList<>();
    ClockEntry open = null;
    for (ClockEntry entry : ledger) {
      if (entry.kind() == Kind.PAUSED) {
        open = entry;
      } else if (open != null && (entry.kind() == Kind.RESUMED || entry.kind() == Kind.STOPPED)) {
        addIfInCycle(pauses, open, entry.at(), cycleStart);
        open = null;
      }
    }
    if (open != null) {
      addIfInCycle(pauses, open, null, cycleStart);
    }
    return pauses;
  }

  private static void addIfInCycle(List<Pause> pauses, ClockEntry pausedEntry, Instant to,
      Instant cycleStart) {
    Instant from = pausedEntry.at();
    boolean endedBeforeCycle = to != null
        && (to.isBefore(cycleStart) || (to.equals(cycleStart) && from.isBefore(cycleStart)));
    if (!endedBeforeCycle) {
      Instant counted = from.isBefore(cycleStart) ? cycleStart : from;
      pauses.add(new Pause(counted, to, pausedEntry.reason()));
    }
  }

  /** {@link #describe(Instant, Locale)} in English. */
  public String describe(Instant now) {
    return describe(now, Locale.ENGLISH);
  }

  /**
   * A few lines for a reviewer, in French or English, the last day written as the law says it
   * ({@link LegalDates}), such as:
   * <pre>
   * Ouvert le 1er septembre 2026 (Paris). 60 jours, suspendu 13 jours. Jusqu’au 13 novembre 2026 inclus. Il reste 22 jours après aujourd’hui.
   * Suspendu du 1er octobre 2026 au 13 octobre 2026 (13 jours, l’un et l’autre inclus) : Complements requested
   *
   * Started 1 September 2026 (Paris). 60 days, paused 13 days. Until 13 November 2026 included. 22 days left after today.
   * Paused 1 October 2026 → 13 October 2026 (13 days, both included): Complements requested
   * </pre>
   */
  public String describe(Instant now, Locale locale) {
    return describe(now, locale, false);
  }

  /**
   * {@link #describe(Instant, Locale)} for a text written once, when a task opens, and read on later days: the days
   * left are those of the day it opened, and say so (a report that said « Il reste 60 jours après aujourd’hui » was
   * read five days later, walk 11), such as « Il restait 60 jours après le 4 décembre 2026, jour où cette tâche s’est
   * ouverte. »
   */
  public String describeOnOpening(Instant openedAt, Locale locale) {
    return describe(openedAt, locale, true);
  }

  private String describe(Instant now, Locale locale, boolean onOpening) {
    boolean en = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    Figures figures = compute(now);
    ClockReading reading = figures.reading();
    ZoneId zone = terms.zone();
    String budget = LegalDates.length(terms.budget().period(), locale);
    if (state == ClockState.NOT_STARTED) {
      return en
          ? "Not started. Once started, it runs " + budget + " from the day after it opens, to the end of its last day"
              + (terms.workingDays() ? ", moved to the next French working day if that is a weekend or public holiday"
                  : "") + "."
          : "Pas encore ouvert. Une fois ouvert, il court " + budget + " à compter du lendemain de son ouverture,"
              + " jusqu’à la fin de son dernier jour" + (terms.workingDays()
                  ? ", reporté au premier jour ouvré suivant si c’est un samedi, un dimanche ou un jour férié" : "")
              + ".";
    }
    StringBuilder text = new StringBuilder();
    ClockEntry cycleStart = figures.cycleStart();
    boolean restarted = cycleStart.kind() == Kind.RESTARTED;
    text.append(en ? (restarted ? "Restarted " : "Started ") : (restarted ? "Relancé le " : "Ouvert le "))
        .append(written(reading.startedAt(), locale)).append(" (").append(city(zone)).append(')');
    if (restarted) {
      text.append(en ? ": " : " : ").append(withoutFinalStop(cycleStart.reason()));
    }
    text.append(". ").append(capitalised(budget));
    text.append(reading.pausedTime().isZero() ? (en ? ", not paused. " : ", sans suspension. ")
        : (en ? ", paused " : ", suspendu ") + LegalDates.days(reading.pausedTime().toDays(), locale) + ". ");
    LocalDate lastDay = reading.lastDay();
    text.append(capitalised(LegalDates.until(lastDay, locale)));
    if (figures.count().extended()) {
      LocalDate unextended = figures.count().lastDayBeforeExtension();
      text.append(en ? " (moved from " : " (reporté du ").append(LegalDates.dayAndDate(unextended, locale))
          .append(en ? ", not a working day)" : ", jour non ouvré)");
    }
    text.append(". ");
    if (state == ClockState.STOPPED) {
      ClockEntry stop = lastOf(Kind.STOPPED);
      LocalDate stopped = date(stop.at(), zone);
      text.append(en ? "Stopped " : "Arrêté le ").append(LegalDates.date(stopped, locale));
      if (stop.reason() != null && !stop.reason().isBlank()) {
        text.append(" (").append(withoutFinalStop(stop.reason())).append(')');
      }
      long margin = lastDay.toEpochDay() - stopped.toEpochDay();
      String days = LegalDates.days(Math.abs(margin), locale);
      text.append(margin == 0 ? (en ? ", on the last day." : ", le dernier jour.")
          : en ? ", " + days + (margin > 0 ? " before" : " after") + " the last day."
          : ", " + days + (margin > 0 ? " avant" : " après") + " le dernier jour.");
    } else {
      long left = lastDay.toEpochDay() - date(now, zone).toEpochDay();
      String days = LegalDates.days(Math.abs(left), locale);
      String opened = written(now, locale);
      if (onOpening) {
        text.append(en ? (left > 0 ? capitalised(days) + " left after " + opened + ", the day this task opened."
                : left == 0 ? capitalised(opened) + ", the day this task opened, was its last day."
                : "Overdue by " + days + " on " + opened + ", the day this task opened.")
            : (left > 0 ? "Il restait " + days + " après le " + opened + ", jour où cette tâche s’est ouverte."
                : left == 0 ? "Le " + opened + ", jour où cette tâche s’est ouverte, était son dernier jour."
                : "Dépassé de " + days + " le " + opened + ", jour où cette tâche s’est ouverte."));
      } else {
        text.append(en ? (left > 0 ? capitalised(days) + " left after today."
                : left == 0 ? "Last day today." : "Overdue by " + days + ".")
            : (left > 0 ? "Il reste " + days + " après aujourd’hui."
                : left == 0 ? "Dernier jour aujourd’hui." : "Dépassé de " + days + "."));
      }
    }
    for (Pause pause : reading.pauses()) {
      text.append('\n');
      if (pause.to() == null) {
        String count = LegalDates.days(datesFromTo(pause.from(), now, zone), locale);
        text.append(onOpening
            ? (en ? "Paused since " + written(pause.from(), locale) + " (" + count + " on " + written(now, locale)
                + ", the day this task opened, both included)"
                : "Suspendu depuis le " + written(pause.from(), locale) + " (" + count + " au " + written(now, locale)
                + ", jour où cette tâche s’est ouverte, l’un et l’autre inclus)")
            : en ? "Paused since " + written(pause.from(), locale) + " (" + count + " so far, today included)"
            : "Suspendu depuis le " + written(pause.from(), locale) + " (" + count + " à ce jour, aujourd’hui inclus)");
      } else {
        String count = LegalDates.days(datesFromTo(pause.from(), pause.to(), zone), locale);
        text.append(en ? "Paused " + written(pause.from(), locale) + " → " + written(pause.to(), locale) + " ("
                + count + ", both included)"
            : "Suspendu du " + written(pause.from(), locale) + " au " + written(pause.to(), locale) + " (" + count
                + ", l’un et l’autre inclus)");
      }
      if (pause.reason() != null && !pause.reason().isBlank()) {
        text.append(en ? ": " : " : ").append(pause.reason());
      }
    }
    return text.toString();
  }

  private String written(Instant instant, Locale locale) {
    return LegalDates.date(date(instant, terms.zone()), locale);
  }

  /** How many dates from one instant's to the other's, both included (0 if the second is earlier). */
  private static long datesFromTo(Instant from, Instant to, ZoneId zone) {
    return Math.max(0, date(to, zone).toEpochDay() - date(from, zone).toEpochDay() + 1);
  }

  private static LocalDate date(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate();
  }

  /** "Europe/Paris" → "Paris". */
  private static String city(ZoneId zone) {
    String id = zone.getId();
    return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String withoutFinalStop(String text) {
    String stripped = text.strip();
    return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegulatoryClock clock
        && clockId.equals(clock.clockId)
        && terms.equals(clock.terms)
        && ledger.equals(clock.ledger);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clockId, terms, ledger);
  }

  @Override
  public String toString() {
    return "RegulatoryClock[" + clockId + ", " + state + ", " + terms + ", " + ledger + "]";
  }
}
