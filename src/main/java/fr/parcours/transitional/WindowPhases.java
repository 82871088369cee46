package fr.parcours.transitional;

import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows.Window;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The ANS windows as they stand: the catalogue's ({@code catalogue/ans-windows.json}), with the day a window's nominal
 * phase opens when an ANS reviewer recorded it on {@code /ans-windows} (table {@code parcours_ans_window_opening},
 * migration V9). Parcours cannot know that day in advance: the nominal phase opens once the decree on the health
 * insurance's coverage and the text that makes the HAS technical specifications opposable are published (seed 004
 * §6.5), and the ANS records it then, naming those texts; Parcours keeps who recorded it and when.
 */
@Service
public class WindowPhases {

  /** Longest text naming the published texts (the table's column). */
  static final int MAX_REFERENCE = 500;
  /** Longest reason given for a correction or a withdrawal (the table's column). */
  static final int MAX_REASON = 1000;
  /** A change of an opening: its day or texts corrected, or the opening withdrawn. */
  static final String CORRECTED = "CORRECTED";
  static final String WITHDRAWN = "WITHDRAWN";

  /** A nominal opening as recorded. */
  public record Opening(String windowId, LocalDate opensOn, String legalReference, Instant recordedAt,
      String recordedBy, int dossiersTold) {
  }

  /**
   * A correction or withdrawal of a window's nominal opening, as kept (table parcours_ans_window_opening_change).
   *
   * @param kind {@value #CORRECTED} or {@value #WITHDRAWN}
   * @param before the opening as it stood (with who recorded it and when)
   * @param opensOn the day it now opens; null when withdrawn
   * @param legalReference the texts it now rests on; null when withdrawn
   */
  public record Change(String windowId, String kind, Opening before, LocalDate opensOn, String legalReference,
      String reason, Instant changedAt, String changedBy, int dossiersTold) {
    public boolean withdrawn() {
      return WITHDRAWN.equals(kind);
    }
  }

  private final AnsWindows catalogue;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  WindowPhases(AnsWindows catalogue, JdbcTemplate jdbc, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.catalogue = catalogue;
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
  }

  /** The windows with every recorded opening. */
  public AnsWindows current() {
    AnsWindows windows = catalogue;
    for (Opening opening : openings()) {
      if (catalogue.windows().stream().anyMatch(w -> w.id().equals(opening.windowId())
          && w.nominalOpensOn() == null)) {
        windows = windows.withNominalOpening(opening.windowId(), opening.opensOn());
      }
    }
    return windows;
  }

  /**
   * The window a candidature names, as it stands.
   *
   * @throws BadInputException in French when there is none of that id
   */
  public Window find(String id) {
    return current().find(id);
  }

  /** Today, in France. */
  public LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  /** The nominal openings recorded on the page, by window. */
  public List<Opening> openings() {
    return jdbc.query("SELECT window_id, nominal_opens_on, legal_reference, recorded_at, recorded_by, dossiers_told"
        + " FROM parcours_ans_window_opening ORDER BY window_id", (rs, row) -> new Opening(rs.getString(1),
            rs.getDate(2).toLocalDate(), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
            rs.getInt(6)));
  }

  public Optional<Opening> opening(String windowId) {
    return openings().stream().filter(o -> o.windowId().equals(windowId)).findFirst();
  }

  /**
   * Records the day a window's nominal phase opens. Refused in French, nothing stored: a window the catalogue does not
   * name, one whose catalogue already gives the day, one already recorded, no day, a day not after the transitional
   * phase opened, no published text named or one too long.
   */
  Opening open(String windowId, LocalDate opensOn, String legalReference, String recordedBy, int dossiersTold) {
    Window window = catalogue.find(windowId);
    if (window.nominalOpensOn() != null) {
      throw new BadInputException("La phase nominale du guichet « " + window.label() + " » ouvre le "
          + LegalDates.date(window.nominalOpensOn(), Locale.FRENCH) + ", comme le dit le catalogue des guichets"
          + " (catalogue/ans-windows.json) : rien n’a été enregistré. Pour changer ce jour, le responsable des"
          + " processus corrige le catalogue.");
    }
    Optional<Opening> already = opening(windowId);
    if (already.isPresent()) {
      throw alreadyRecorded(window, already.get());
    }
    checkDay(window, opensOn);
    String reference = checkedReference(legalReference);
    Opening opening = new Opening(window.id(), opensOn, reference, ClockUtil.getCurrentTime().toInstant(),
        recordedBy, dossiersTold);
    try {
      jdbc.update("INSERT INTO parcours_ans_window_opening (window_id, nominal_opens_on, legal_reference,"
          + " recorded_at, recorded_by, dossiers_told) VALUES (?, ?, ?, ?, ?, ?)", opening.windowId(),
          Date.valueOf(opensOn), reference, Timestamp.from(opening.recordedAt()), recordedBy, dossiersTold);
    } catch (DuplicateKeyException raced) {
      throw alreadyRecorded(window, opening(windowId).orElseThrow());
    }
    return opening;
  }

  /**
   * Corrects the day or the texts of a window's opening recorded by mistake, keeping what it was, who changed it, when
   * and why. Refused in French, nothing stored: a window without a recorded opening, no reason, no day or one not
   * after the transitional phase opened, no text, nothing changed. Whether dossiers already rely on the opening is the
   * caller's check ({@link NominalPhaseCorrection}).
   */
  Change correct(String windowId, LocalDate opensOn, String legalReference, String reason, String changedBy,
      int dossiersTold) {
    Window window = catalogue.find(windowId);
    Opening before = recorded(window);
    String why = checkedReason(reason);
    checkDay(window, opensOn);
    String reference = checkedReference(legalReference);
    if (opensOn.equals(before.opensOn()) && reference.equals(before.legalReference())) {
      throw new BadInputException("Correction : le jour (" + LegalDates.date(opensOn, Locale.FRENCH) + ") et les"
          + " textes sont ceux déjà enregistrés ; changez l’un ou l’autre, ou retirez l’ouverture. Rien n’a été"
          + " changé.");
    }
    Change change = new Change(window.id(), CORRECTED, before, opensOn, reference, why,
        ClockUtil.getCurrentTime().toInstant(), changedBy, dossiersTold);
    keep(change);
    jdbc.update("UPDATE parcours_ans_window_opening SET nominal_opens_on = ?, legal_reference = ?, recorded_at = ?,"
        + " recorded_by = ? WHERE window_id = ?", Date.valueOf(opensOn), reference, Timestamp.from(change.changedAt()),
        changedBy, window.id());
    return change;
  }

  /**
   * Withdraws a window's opening recorded by mistake: the window is back in its transitional phase, and what it was,
   * who withdrew it, when and why are kept. Refused in French, nothing stored: a window without a recorded opening,
   * no reason.
   */
  Change withdraw(String windowId, String reason, String changedBy, int dossiersTold) {
    Window window = catalogue.find(windowId);
    Opening before = recorded(window);
    Change change = new Change(window.id(), WITHDRAWN, before, null, null, checkedReason(reason),
        ClockUtil.getCurrentTime().toInstant(), changedBy, dossiersTold);
    keep(change);
    jdbc.update("DELETE FROM parcours_ans_window_opening WHERE window_id = ?", window.id());
    return change;
  }

  /** The corrections and withdrawals of openings, oldest first. */
  public List<Change> changes() {
    return jdbc.query("SELECT window_id, change_kind, old_opens_on, old_legal_reference, old_recorded_at,"
        + " old_recorded_by, new_opens_on, new_legal_reference, reason, changed_at, changed_by, dossiers_told"
        + " FROM parcours_ans_window_opening_change ORDER BY changed_at, id", (rs, row) -> new Change(
            rs.getString(1), rs.getString(2), new Opening(rs.getString(1), rs.getDate(3).toLocalDate(),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), 0),
            rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(), rs.getString(8), rs.getString(9),
            rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getInt(12)));
  }

  private void keep(Change change) {
    jdbc.update("INSERT INTO parcours_ans_window_opening_change (id, window_id, change_kind, old_opens_on,"
        + " old_legal_reference, old_recorded_at, old_recorded_by, new_opens_on, new_legal_reference, reason,"
        + " changed_at, changed_by, dossiers_told) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        java.util.UUID.randomUUID().toString(), change.windowId(), change.kind(),
        Date.valueOf(change.before().opensOn()), change.before().legalReference(),
        Timestamp.from(change.before().recordedAt()), change.before().recordedBy(),
        change.opensOn() == null ? null : Date.valueOf(change.opensOn()), change.legalReference(), change.reason(),
        Timestamp.from(change.changedAt()), change.changedBy(), change.dossiersTold());
  }

  /** The opening recorded on the page for that window, or a French refusal saying there is none to change. */
  Opening recorded(Window window) {
    return opening(window.id()).orElseThrow(() -> new BadInputException("Aucune ouverture de la phase nominale du"
        + " guichet « " + window.label() + " » n’est enregistrée sur cette page" + (window.nominalOpensOn() == null
            ? "" : " (son jour, le " + LegalDates.date(window.nominalOpensOn(), Locale.FRENCH) + ", vient du catalogue"
                + " des guichets, que le responsable des processus corrige)") + " : il n’y a rien à corriger ni à"
        + " retirer. Rien n’a été changé."));
  }

  /**
   * How far after today a nominal opening may be recorded: the texts that open it are published months ahead at most,
   * so a day further off (2999 for 2029) is a typing mistake, refused rather than kept, which would shut the
   * transitional phase's continuation for good. Not a deadline of the procedures: it is not in deadlines.dmn.
   */
  static final Period FURTHEST_AHEAD = Period.ofYears(5);

  /** The day a nominal phase opens: after the window's transitional opening, and not further than {@link #FURTHEST_AHEAD}. */
  private void checkDay(Window window, LocalDate opensOn) {
    if (opensOn == null) {
      throw new BadInputException("Ouverture de la phase nominale : choisissez le jour où le guichet ouvre en phase"
          + " nominale (aaaa-mm-jj) ; rien n’a été enregistré.");
    }
    LocalDate latest = today().plus(FURTHEST_AHEAD);
    LocalDate transitional = window.transitionalOpensOn();
    String bounds = "Choisissez un jour " + (transitional == null ? "" : "du " + LegalDates.date(transitional
        .plusDays(1), Locale.FRENCH) + " ") + "au " + LegalDates.date(latest, Locale.FRENCH) + " ; rien n’a été"
        + " enregistré.";
    if (transitional != null && !opensOn.isAfter(transitional)) {
      throw new BadInputException("Ouverture de la phase nominale : le " + LegalDates.date(opensOn, Locale.FRENCH)
          + " ne vient pas après l’ouverture de la phase transitoire du guichet, le "
          + LegalDates.date(transitional, Locale.FRENCH) + ". " + bounds);
    }
    if (opensOn.isAfter(latest)) {
      throw new BadInputException("Ouverture de la phase nominale : le " + LegalDates.date(opensOn, Locale.FRENCH)
          + " est à plus de " + FURTHEST_AHEAD.getYears() + " ans d’aujourd’hui : c’est sans doute une faute de"
          + " frappe. " + bounds);
    }
  }

  private static String checkedReference(String legalReference) {
    String reference = legalReference == null ? "" : legalReference.strip();
    if (reference.isEmpty()) {
      throw new BadInputException("Textes publiés : nommez les textes qui ouvrent la phase nominale, avec leur date"
          + " de publication au Journal officiel (le décret de prise en charge par l’Assurance maladie et le texte"
          + " rendant opposables les spécifications techniques de la HAS, règlement § 6.5) ; rien n’a été"
          + " enregistré.");
    }
    if (reference.length() > MAX_REFERENCE) {
      throw new BadInputException("Textes publiés : " + reference.length() + " caractères, au plus " + MAX_REFERENCE
          + " ; citez les textes par leur titre et leur date de publication. Rien n’a été enregistré.");
    }
    return reference;
  }

  private static String checkedReason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new BadInputException("Raison : dites pourquoi l’ouverture enregistrée est erronée (par exemple « jour"
          + " mal saisi : le décret fixe le 1er mars 2027 ») ; elle est gardée dans l’historique et écrite aux"
          + " industriels déjà informés. Rien n’a été changé.");
    }
    if (why.length() > MAX_REASON) {
      throw new BadInputException("Raison : " + why.length() + " caractères, au plus " + MAX_REASON + " ; résumez-la."
          + " Rien n’a été changé.");
    }
    return why;
  }

  private static BadInputException alreadyRecorded(Window window, Opening opening) {
    return new BadInputException("La phase nominale du guichet « " + window.label() + " » est déjà enregistrée :"
        + " elle ouvre le " + LegalDates.date(opening.opensOn(), Locale.FRENCH) + " (enregistré par "
        + opening.recordedBy() + "). Rien n’a été changé ; si elle est erronée, corrigez-la ou retirez-la avec"
        + " « Corriger ou retirer l’ouverture enregistrée ».");
  }
}
