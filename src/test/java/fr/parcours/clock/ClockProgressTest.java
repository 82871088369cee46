package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.deadline.DeadlineTableReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

/**
 * The listener on every task completion ("the dossier moved") does nothing on a dossier whose clocks do not move:
 * it reads no variable of a dossier when no row of the table restarts, and changes nothing in a dossier that has
 * none of the windows that restart.
 */
class ClockProgressTest {

  DeadlineCatalogue deadlines = mock(DeadlineCatalogue.class);
  Clocks clocks = new Clocks(deadlines, null, "Europe/Paris");
  DelegateTask task = mock(DelegateTask.class);

  @Test
  void shouldNotLookAtTheDossierWhenNoWindowRestarts() throws Exception {
    String shipped = Files.readString(Path.of("bpmn", "deadlines.dmn"), StandardCharsets.UTF_8);
    DeadlineTable noneRestarts = DeadlineTableReader.read(shipped.replace("\"RESTARTS\"", "\"RUNS\"")
        .getBytes(StandardCharsets.UTF_8), "test");
    assertThat(noneRestarts.restartingWindows()).isEmpty();
    when(deadlines.current()).thenReturn(noneRestarts);

    clocks.dossierMoved(task);

    verifyNoInteractions(task);
  }

  @Test
  void shouldChangeNothingInADossierWithoutAWindowThatRestarts() throws Exception {
    DeadlineTable shipped = DeadlineTableReader.read(Files.readAllBytes(Path.of("bpmn", "deadlines.dmn")), "test");
    assertThat(shipped.restartingWindows()).as("the shipped table restarts the ANS inactivity window").isNotEmpty();
    when(deadlines.current()).thenReturn(shipped);
    DelegateExecution execution = mock(DelegateExecution.class);
    DelegateExecution instance = mock(DelegateExecution.class);
    when(task.getExecution()).thenReturn(execution);
    when(execution.getProcessInstance()).thenReturn(instance);

    clocks.dossierMoved(task);

    for (String window : shipped.restartingWindows()) {
      verify(instance).hasVariableLocal(ClockStore.VARIABLE_PREFIX + window);
    }
    verify(instance, never()).getVariableNamesLocal();
    verify(instance, never()).setVariableLocal(anyString(), any());
    verify(instance, never()).setVariable(anyString(), any());
  }
}
