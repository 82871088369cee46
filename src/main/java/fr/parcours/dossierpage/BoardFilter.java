package fr.parcours.dossierpage;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the list of dossiers shows, as its form asks (every field optional): a text found in the number, the
 * company or the device; one pathway; open or closed dossiers; only those past a window's last day, or whose
 * next window ends within {@value #SOON_DAYS} days; one company; and the order.
 *
 * @param q text to find, any case
 * @param pathway the process key of a pathway
 * @param state {@code open} or {@code closed}
 * @param overdue only the dossiers a running window of which has passed
 * @param soon only the dossiers whose next window ends within {@value #SOON_DAYS} days
 * @param company the company's name, exactly
 * @param sort {@code due} (soonest first, the default), {@code number}, {@code company}, {@code pathway},
 *     {@code started} (latest first)
 * @param awaiting only the dossiers where an agency awaits the vendor's answer to a message
 */
public record BoardFilter(String q, String pathway, String state, Boolean overdue, Boolean soon, String company,
    String sort, Boolean awaiting) {

  public static final int SOON_DAYS = 7;
  static final List<String> SORTS = List.of("due", "number", "company", "pathway", "started");

  public String sortOrDefault() {
    return sort == null || !SORTS.contains(sort) ? "due" : sort;
  }

  public boolean onlyOverdue() {
    return Boolean.TRUE.equals(overdue);
  }

  public boolean onlySoon() {
    return Boolean.TRUE.equals(soon);
  }

  public boolean onlyAwaiting() {
    return Boolean.TRUE.equals(awaiting);
  }

  public List<DossierSummary> apply(List<DossierSummary> dossiers, LocalDate today) {
    return apply(dossiers, today, Set.of());
  }

  /** @param awaitingAnswer the numbers of the dossiers where an agency awaits the vendor's answer */
  public List<DossierSummary> apply(List<DossierSummary> dossiers, LocalDate today, Set<String> awaitingAnswer) {
    String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    return dossiers.stream()
        .filter(d -> text.isEmpty() || (d.number() + " " + d.company() + " " + d.device()).toLowerCase(Locale.ROOT)
            .contains(text))
        .filter(d -> blank(pathway) || pathway.equals(d.pathwayKey()))
        .filter(d -> blank(state) || ("open".equals(state) ? d.open() : !"closed".equals(state) || !d.open()))
        .filter(d -> !onlyOverdue() || d.overdue())
        .filter(d -> !onlySoon() || d.open() && d.dueWithin(today, SOON_DAYS))
        .filter(d -> blank(company) || company.equals(d.company()))
        .filter(d -> !onlyAwaiting() || awaitingAnswer.contains(d.number()))
        .sorted(order())
        .toList();
  }

  private Comparator<DossierSummary> order() {
    Comparator<DossierSummary> byNumber = Comparator.comparing(DossierSummary::number);
    return switch (sortOrDefault()) {
      case "number" -> byNumber;
      case "company" -> Comparator.comparing((DossierSummary d) -> d.company().toLowerCase(Locale.ROOT))
          .thenComparing(byNumber);
      case "pathway" -> Comparator.comparing(DossierSummary::pathwayName).thenComparing(byNumber);
      case "started" -> Comparator.comparing(DossierSummary::startedAt).reversed().thenComparing(byNumber);
      default -> Comparator.comparing((DossierSummary d) -> d.open() ? d.nextDue() : null,
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byNumber);
    };
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
