package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stream reading that spares the model API's reading of every diagram (issue 21, start-up): it must find every
 * timer without a type, whatever its form, so that the check still names it (ElementTemplatesDeploymentTest), and
 * find none in Parcours' own diagrams, which are then not read twice.
 */
class UntypedTimerCheckTest {

  static String diagram(String timer) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bpmn:definitions"
        + " xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"p\">"
        + "<bpmn:intermediateCatchEvent id=\"Timer\">" + timer + "</bpmn:intermediateCatchEvent>"
        + "</bpmn:process></bpmn:definitions>";
  }

  static boolean untyped(String xml) {
    return UntypedTimerCheck.hasUntypedTimer(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldFindATimerWithoutTypeWrittenEmptyOrWithOtherChildren() {
    assertThat(untyped(diagram("<bpmn:timerEventDefinition/>"))).isTrue();
    assertThat(untyped(diagram("<bpmn:timerEventDefinition id=\"T\"></bpmn:timerEventDefinition>"))).isTrue();
    assertThat(untyped(diagram("<bpmn:timerEventDefinition><bpmn:documentation>d</bpmn:documentation>"
        + "</bpmn:timerEventDefinition>"))).isTrue();
    // a second timer without type after a typed one
    assertThat(untyped(diagram("<bpmn:timerEventDefinition><bpmn:timeDate>${d}</bpmn:timeDate>"
        + "</bpmn:timerEventDefinition><bpmn:timerEventDefinition/>"))).isTrue();
  }

  @Test
  void shouldPassTimersWithADateADurationOrACycle() {
    for (String type : List.of("timeDate", "timeDuration", "timeCycle")) {
      assertThat(untyped(diagram("<bpmn:timerEventDefinition><bpmn:" + type + ">${x}</bpmn:" + type + ">"
          + "</bpmn:timerEventDefinition>"))).as(type).isFalse();
    }
    assertThat(untyped(diagram(""))).isFalse();
  }

  @Test
  void shouldLeaveAnUnreadableDiagramToTheModelApiAndTheEnginesParser() {
    assertThat(untyped("<bpmn:definitions><bpmn:timerEventDefinition>")).isTrue();
    assertThat(untyped("not a diagram")).isTrue();
  }

  @Test
  void shouldFindNoTimerWithoutTypeInParcoursDiagrams() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      List<Path> diagrams = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
      assertThat(diagrams).isNotEmpty();
      for (Path file : diagrams) {
        assertThat(UntypedTimerCheck.hasUntypedTimer(Files.readAllBytes(file))).as(file.toString()).isFalse();
      }
    }
  }
}
