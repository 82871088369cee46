package fr.parcours.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a what-if's changed deadlines table changes, as the report states it above the two columns. */
class DeadlineChangesTest {

  @Test
  void shouldNameTheOneRowAChangedTableShortens() throws Exception {
    assertThat(changes("LiteralExpression_PecanCnedimtsComplements_Duration", "P30D", "P15D")).singleElement()
        .asString().startsWith("CNEDIMTS_COMPLEMENTS (PECAN) : P30D").contains(" → P15D");
    DeadlineTable inForce = DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn/deadlines.dmn")), "dépôt");
    assertThat(WhatIfSimulation.changes(inForce, inForce)).isEmpty();
  }

  /** A length the agency sets (« >= P10D ») made a fixed one reads as such, not as « P10D → P15D ». */
  @Test
  void shouldSayALengthTheAgencySetWasOne() throws Exception {
    assertThat(changes("LiteralExpression_BrandCnedimtsComplements_Duration", "&gt;= P10D", "P15D")).singleElement()
        .asString().startsWith("CNEDIMTS_COMPLEMENTS (BRAND_NAME) : au moins P10D fixé par l’agence qui demande")
        .contains(" → P15D, ");
  }

  /** The changes the report names when the table's output entry {@code id} goes from {@code from} to {@code to}. */
  private static List<String> changes(String id, String from, String to) throws Exception {
    String table = Files.readString(Path.of("bpmn/deadlines.dmn"));
    String entry = "<outputEntry id=\"" + id + "\">\n          <text>\"" + from + "\"</text>";
    assertThat(table).contains(entry);
    DeadlineTable inForce = DeadlineTableReader.read(table.getBytes(StandardCharsets.UTF_8), "dépôt");
    DeadlineTable changed = DeadlineTableReader.read(table.replace(entry, entry.replace(from, to))
        .getBytes(StandardCharsets.UTF_8), "modifiée");
    return WhatIfSimulation.changes(inForce, changed);
  }
}
