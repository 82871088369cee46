package fr.parcours.transitional;

import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows.Window;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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

  /** A nominal opening as recorded. */
  public record Opening(String windowId, LocalDate opensOn, String legalReference, Instant recordedAt,
      String recordedBy, int dossiersTold) {
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
    if (opensOn == null) {
      throw new BadInputException("Ouverture de la phase nominale : choisissez le jour où le guichet ouvre en phase"
          + " nominale (aaaa-mm-jj) ; rien n’a été enregistré.");
    }
    if (window.transitionalOpensOn() != null && !opensOn.isAfter(window.transitionalOpensOn())) {
      throw new BadInputException("Ouverture de la phase nominale : le " + LegalDates.date(opensOn, Locale.FRENCH)
          + " ne vient pas après l’ouverture de la phase transitoire du guichet, le "
          + LegalDates.date(window.transitionalOpensOn(), Locale.FRENCH) + ". Choisissez un jour postérieur ; rien"
          + " n’a été enregistré.");
    }
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

  private static BadInputException alreadyRecorded(Window window, Opening opening) {
    return new BadInputException("La phase nominale du guichet « " + window.label() + " » est déjà enregistrée :"
        + " elle ouvre le " + LegalDates.date(opening.opensOn(), Locale.FRENCH) + " (enregistré par "
        + opening.recordedBy() + "). Rien n’a été changé.");
  }
}
