package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list's filters and orders, on dossiers made up for the purpose, and the CSV's cells. */
class BoardFilterTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  static DossierSummary dossier(String number, String company, String pathway, boolean open, LocalDate nextDue,
      boolean overdue, String started) {
    return new DossierSummary(number, pathway, pathway.toUpperCase(), company, "Device 1.0", open,
        Instant.parse(started), open ? null : Instant.parse(started), null, List.of(), List.of(), nextDue, overdue);
  }

  static final DossierSummary LATE = dossier("DMN-2027-AAAAA", "MediSoft SAS", "pecan", true, TODAY.minusDays(2),
      true, "2027-01-01T10:00:00Z");
  static final DossierSummary SOON = dossier("DMN-2027-BBBBB", "TéléCardio SARL", "ans-certification", true,
      TODAY.plusDays(7), false, "2027-02-01T10:00:00Z");
  static final DossierSummary LATER = dossier("DMN-2027-CCCCC", "MediSoft SAS", "ans-certification", true,
      TODAY.plusDays(8), false, "2026-12-01T10:00:00Z");
  static final DossierSummary CLOSED = dossier("DMN-2026-DDDDD", "MediSoft SAS", "ans-certification", false, null,
      false, "2026-11-01T10:00:00Z");
  static final List<DossierSummary> ALL = List.of(CLOSED, LATER, SOON, LATE);

  static BoardFilter filter(String q, String pathway, String state, Boolean overdue, Boolean soon, String company,
      String sort) {
    return new BoardFilter(q, pathway, state, overdue, soon, company, sort, null);
  }

  @Test
  void shouldShowEverythingSoonestDueFirstWhenNothingIsAsked() {
    assertThat(filter(null, null, null, null, null, null, null).apply(ALL, TODAY))
        .containsExactly(LATE, SOON, LATER, CLOSED);
  }

  @Test
  void shouldFilterOnEachField() {
    assertThat(filter(null, null, null, true, null, null, null).apply(ALL, TODAY)).containsExactly(LATE);
    assertThat(filter(null, null, null, null, true, null, null).apply(ALL, TODAY))
        .as("7 days from today, today and the 7th day included; not a passed day").containsExactly(SOON);
    assertThat(filter(null, null, "closed", null, null, null, null).apply(ALL, TODAY)).containsExactly(CLOSED);
    assertThat(filter(null, null, "open", null, null, null, null).apply(ALL, TODAY)).doesNotContain(CLOSED)
        .hasSize(3);
    assertThat(filter(null, "pecan", null, null, null, null, null).apply(ALL, TODAY)).containsExactly(LATE);
    assertThat(filter(null, null, null, null, null, "TéléCardio SARL", null).apply(ALL, TODAY)).containsExactly(SOON);
    assertThat(filter("  cccc ", null, null, null, null, null, null).apply(ALL, TODAY)).containsExactly(LATER);
    assertThat(filter("télécardio", null, null, null, null, null, null).apply(ALL, TODAY)).containsExactly(SOON);
    assertThat(new BoardFilter(null, null, null, null, null, null, null, true).apply(ALL, TODAY,
        java.util.Set.of(LATER.number(), "DMN-2027-ZZZZZ"))).containsExactly(LATER);
  }

  @Test
  void shouldSortAsAsked() {
    assertThat(filter(null, null, null, null, null, null, "number").apply(ALL, TODAY))
        .containsExactly(CLOSED, LATE, SOON, LATER);
    assertThat(filter(null, null, null, null, null, null, "started").apply(ALL, TODAY))
        .containsExactly(SOON, LATE, LATER, CLOSED);
    assertThat(filter(null, null, null, null, null, null, "company").apply(ALL, TODAY).get(3)).isEqualTo(SOON);
    assertThat(filter(null, null, null, null, null, null, "<script>").sortOrDefault()).isEqualTo("due");
  }

  @Test
  void shouldWriteCsvCellsThatASpreadsheetNeverRunsAsFormulas() {
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell("+33 1")).isEqualTo("\"'+33 1\"");
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell("-1")).isEqualTo("\"'-1\"");
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell("a;b\nc")).isEqualTo("\"a;b c\"");
    assertThat(fr.parcours.shared.SpreadsheetCsv.cell(null)).isEqualTo("\"\"");
  }
}
