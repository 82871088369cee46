package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.parcours.shared.BadInputException;
import fr.parcours.support.ProcessTestBase;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The CNEDiMTS track called by a brand-name dossier, in the whole application: the commission sets the vendor's
 * time for complements when it asks, at least 10 days (row CNEDIMTS_COMPLEMENTS, BRAND_NAME: {@code >= P10D},
 * seed 000); a length missing, not a number or below the minimum is refused in French, naming the minimum, and
 * the length given becomes the vendor's task's due date. The track is started as the brand-name pathway calls it,
 * with {@code pathway = BRAND_NAME} (the whole pathway: {@code brandname.BrandNameProcessTest}).
 */
class AgencySetLengthTest extends ProcessTestBase {

  static final String CNEDIMTS = "claire";

  ProcessInstance brandNameOpinion() {
    return runtimeService.startProcessInstanceByKey("cnedimts-opinion", "DMN-2026-BRAND",
        Map.of("pathway", "BRAND_NAME", "vendorGroup", "vendor-medisoft", "dossierId", "DMN-2026-BRAND",
            "contactEmail", "jean.dupont@medisoft.example"));
  }

  Throwable askComplements(ProcessInstance opinion, Object days) {
    Map<String, Object> form = new HashMap<>();
    form.put("cnedimtsDecision", "COMPLEMENTS");
    form.put("cnedimtsComment", "Clinical study protocol");
    form.put("window_CNEDIMTS_COMPLEMENTS_days", days);
    return catchThrowable(() -> complete(CNEDIMTS, opinion, "Task_ExamineApplication", form));
  }

  @Test
  void shouldRefuseALengthMissingNotANumberOrBelowTheMinimumInFrenchNamingIt() {
    // Given a brand-name dossier under examination on Monday 2 November 2026
    ProcessInstance opinion = brandNameOpinion();

    // When the commission asks for complements with 7 days, with none, with "dix" and with -3
    // Then each is refused, the task stays open and nothing else happens
    assertThat(askComplements(opinion, 7)).isInstanceOf(BadInputException.class).hasMessage(
        "Le délai accordé pour « Compléments demandés par la CNEDiMTS » doit être d’au moins 10 jours"
            + " (table des délais) :"
            + " 7 jours, jusqu’au 9 novembre 2026 inclus, c’est trop court ; donnez 10 jours ou plus.");
    assertThat(askComplements(opinion, null)).isInstanceOf(BadInputException.class).hasMessage(
        "Donnez le délai accordé au fabricant pour « Compléments demandés par la CNEDiMTS » soit en nombre de jours,"
            + " soit par un dernier"
            + " jour, l’un des deux : au moins 10 jours.");
    assertThat(askComplements(opinion, "dix")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("doit être un nombre entier de jours, pas « dix »");
    assertThat(askComplements(opinion, -3)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("doit être d’au moins 10 jours");
    assertThat(task(opinion, "Task_ExamineApplication")).isNotNull();
    assertThat(task(opinion, "Task_ProvideCnedimtsComplements")).isNull();

    // A favourable opinion asks for no length
    assertThat(catchThrowable(() -> complete(CNEDIMTS, opinion, "Task_ExamineApplication",
        Map.of("cnedimtsDecision", "FAVOURABLE")))).isNull();
  }

  @Test
  void shouldGiveTheVendorTheLengthTheCommissionSet() throws Exception {
    // Given a brand-name dossier under examination on Monday 2 November 2026
    ProcessInstance opinion = brandNameOpinion();

    // When the commission asks for complements within 15 days
    assertThat(askComplements(opinion, 15)).isNull();

    // Then the vendor has until Tuesday 17 November included, in Tasklist and in the task's form
    Task answer = task(opinion, "Task_ProvideCnedimtsComplements");
    assertThat(answer.getDueDate()).isEqualTo(lastMomentOfDay(15));
    assertThat(taskService.getVariablesLocal(answer.getId()))
        .containsEntry("dueUntil", "jusqu’au 17 novembre 2026 inclus")
        .containsEntry("dueUntilEn", "until 17 November 2026 included");
    // and in the mail that tells the vendor what is asked
    assertThat(mails("la CNEDiMTS demande des compléments")).singleElement().satisfies(mail -> assertThat(
        mail.getSubject()).endsWith("jusqu’au 17 novembre 2026 inclus"));
  }
}
