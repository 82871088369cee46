package fr.parcours.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a what-if's changed deadlines table changes, as the report states it above the two columns. */
class DeadlineChangesTest {

  @Test
  void shouldNameTheOneRowAChangedTableShortens() throws Exception {
    String table = Files.readString(Path.of("bpmn/deadlines.dmn"));
    String entry = "<outputEntry id=\"LiteralExpression_PecanCnedimtsComplements_Duration\">\n          <text>\"P30D\"</text>";
    assertThat(table).contains(entry);
    DeadlineTable inForce = DeadlineTableReader.read(table.getBytes(StandardCharsets.UTF_8), "dépôt");
    DeadlineTable changed = DeadlineTableReader.read(table.replace(entry, entry.replace("P30D", "P15D"))
        .getBytes(StandardCharsets.UTF_8), "modifiée");

    assertThat(WhatIfSimulation.changes(inForce, changed)).singleElement().asString()
        .startsWith("CNEDIMTS_COMPLEMENTS (PECAN) : P30D").contains(" → P15D");
    assertThat(WhatIfSimulation.changes(inForce, inForce)).isEmpty();
  }

  /** A length the agency sets (« >= P10D ») made a fixed one reads as such, not as « P10D → P15D ». */
  @Test
  void shouldSayALengthTheAgencySetWasOne() throws Exception {
    String table = Files.readString(Path.of("bpmn/deadlines.dmn"));
    String entry = "<outputEntry id=\"LiteralExpression_BrandCnedimtsComplements_Duration\">\n          <text>\"&gt;= P10D\"</text>";
    assertThat(table).contains(entry);
    DeadlineTable inForce = DeadlineTableReader.read(table.getBytes(StandardCharsets.UTF_8), "dépôt");
    DeadlineTable changed = DeadlineTableReader.read(table.replace(entry, entry.replace("&gt;= P10D", "P15D"))
        .getBytes(StandardCharsets.UTF_8), "modifiée");

    assertThat(WhatIfSimulation.changes(inForce, changed)).singleElement().asString()
        .startsWith("CNEDIMTS_COMPLEMENTS (BRAND_NAME) : au moins P10D fixé par l’agence qui demande")
        .contains(" → P15D, ");
  }
}
