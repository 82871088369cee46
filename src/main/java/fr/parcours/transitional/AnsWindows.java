package fr.parcours.transitional;

import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ANS certification windows as the process owner wrote them in {@code catalogue/ans-windows.json}: each with
 * the day its transitional phase opened (seed 004 §4: 1 August 2022 for telemonitoring) and the day its nominal
 * phase opens, once known. The mode of a window on a day follows from these two dates, so that nobody has to switch
 * it on the day: before the first, the window is not open; from the transitional date, the ANS gives informative
 * feedback only (pathway {@code ans-transitional}); from the nominal date, it certifies (pathway
 * {@code ans-certification}). Read and checked by {@link AnsWindowsReader}.
 */
public record AnsWindows(String notice, List<Window> windows, String nominalTrackWindow) {

  /** What the ANS window does on a given day. */
  public enum Mode { NOT_OPEN, TRANSITIONAL, NOMINAL }

  /**
   * One window.
   *
   * @param id its key ({@code TELEMONITORING}), what the candidature stores
   * @param label its French name
   * @param labelEn its English name
   * @param referential the referential it certifies against
   * @param transitionalOpensOn the first day of its transitional phase; null when it has none
   * @param nominalOpensOn the first day of its nominal phase; null while it is not known (the catalogue's, or the one
   *     an ANS reviewer recorded on {@code /ans-windows}: {@link WindowPhases})
   */
  public record Window(String id, String label, String labelEn, String referential, LocalDate transitionalOpensOn,
      LocalDate nominalOpensOn) {

    /** The window's mode on that day. */
    public Mode modeOn(LocalDate day) {
      if (nominalOpensOn != null && !day.isBefore(nominalOpensOn)) {
        return Mode.NOMINAL;
      }
      if (transitionalOpensOn != null && !day.isBefore(transitionalOpensOn)) {
        return Mode.TRANSITIONAL;
      }
      return Mode.NOT_OPEN;
    }

    /** The pathway a candidature on this window starts on that day; empty when the window is not open. */
    public Optional<String> pathwayOn(LocalDate day) {
      return switch (modeOn(day)) {
        case TRANSITIONAL -> Optional.of(TransitionalProcess.KEY);
        case NOMINAL -> Optional.of(TransitionalProcess.NOMINAL_ANS_KEY);
        case NOT_OPEN -> Optional.empty();
      };
    }
  }

  public AnsWindows {
    windows = List.copyOf(windows);
  }

  /** Windows of which none is the nominal ANS track's: nominal candidatures are then not held to a window. */
  public AnsWindows(String notice, List<Window> windows) {
    this(notice, windows, null);
  }

  /**
   * The window whose certification the nominal ANS track ({@code ans-certification}, and every pathway that calls
   * it) gives: a nominal candidature is for that window, and is refused while the window is not in its nominal phase.
   * Empty when the catalogue names none.
   */
  public Optional<Window> nominalTrack() {
    return nominalTrackWindow == null ? Optional.empty() : Optional.of(find(nominalTrackWindow));
  }

  /** The same windows, one of them with the day its nominal phase opens (recorded by the ANS after start-up). */
  AnsWindows withNominalOpening(String id, LocalDate opensOn) {
    return new AnsWindows(notice, windows.stream().map(w -> w.id().equals(id) ? new Window(w.id(), w.label(),
        w.labelEn(), w.referential(), w.transitionalOpensOn(), opensOn) : w).toList(), nominalTrackWindow);
  }

  /**
   * The window a candidature names.
   *
   * @throws BadInputException in French, listing the windows, when there is none of that id
   */
  public Window find(String id) {
    return windows.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() -> new BadInputException(
        "Guichet de l’ANS : choisissez l’un des guichets ouverts par l’ANS (" + windows.stream().map(w -> "« "
            + w.label() + " »").collect(Collectors.joining(", ")) + ")" + (id == null || id.isBlank() ? "."
            : " ; « " + id + " » n’en est pas un.")));
  }
}
