package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/tracks/cnedimts-opinion.bpmn on its own, without Spring, called by a stub pathway that catches what the
 * track throws, as a real pathway does: an opinion after complements, an unfavourable opinion, complements that
 * never came, an opinion overdue. The class fails below 100 % of the track's diagram.
 */
@Deployment(resources = {"bpmn/tracks/cnedimts-opinion.bpmn", "bpmn/deadlines.dmn"})
class CnedimtsOpinionTrackTest extends TrackTestBase {

  /** A pathway reduced to its call of the track and what it catches. */
  static final String CALLER = "caller-of-cnedimts-opinion";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = TrackEngine.withFullCoverage(CALLER);

  @BeforeEach
  void deployTheCaller() {
    BpmnModelInstance caller = Bpmn.createExecutableProcess(CALLER).camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("Call_Opinion").calledElement("cnedimts-opinion")
        .camundaIn("vendorGroup", "vendorGroup").camundaIn("pathway", "pathway")
        .camundaIn("draftOpinionFirst", "draftOpinionFirst")
        .camundaOut("cnedimtsDecision", "cnedimtsDecision")
        .camundaOut("opinionOverdue", "opinionOverdue")
        .endEvent("Caller_OpinionFavourable")
        .moveToActivity("Call_Opinion").boundaryEvent("Caller_CatchUnfavourable").error("OPINION_UNFAVOURABLE")
        .endEvent("Caller_OpinionUnfavourable")
        .moveToActivity("Call_Opinion").boundaryEvent("Caller_CatchLapsed").error("CNEDIMTS_COMPLEMENTS_LAPSED")
        .endEvent("Caller_ComplementsLapsed")
        .done();
    track.engine().getRepositoryService().createDeployment().addModelInstance(CALLER + ".bpmn", caller).deploy();
  }

  ProcessInstance opinion(ProcessInstance caller) {
    return track.engine().getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .singleResult();
  }

  ProcessInstance call() {
    return call("PECAN");
  }

  ProcessInstance call(String pathway) {
    return track.start(CALLER, Map.of("vendorGroup", "vendor-medisoft", "pathway", pathway));
  }

  /** Called as the brand-name pathway calls it: the opinion goes to the vendor as a draft first. */
  ProcessInstance callWithDraftOpinion() {
    return track.start(CALLER, Map.of("vendorGroup", "vendor-medisoft", "pathway", "BRAND_NAME",
        "draftOpinionFirst", true));
  }

  @Test
  void shouldAskTheCommissionForTheVendorsTimeOnlyWhenThePathwayLetsItSetIt() {
    // Given the track called by a brand-name pathway (row CNEDIMTS_COMPLEMENTS, BRAND_NAME: >= P10D, "at least 10
    // days", seed 000) and by PECAN (30 days, set by the table)
    Task brandName = track.task(opinion(call("BRAND_NAME")), "Task_ExamineApplication");
    Task pecan = track.task(opinion(call("PECAN")), "Task_ExamineApplication");

    // Then the examination's form shows the length field, with its minimum, for the brand name only
    AskedLengthForm.assertOfferedOnlyTo(track.engine().getTaskService(), brandName, pecan);
    AskedLengthForm.assertAsks("examine-application", "cnedimtsDecision", "CNEDIMTS_COMPLEMENTS");
  }

  @Test
  void shouldExamineAgainAfterComplementsThenPublishAFavourableOpinion() {
    ProcessInstance caller = call();
    ProcessInstance opinion = opinion(caller);

    assertThat(track.task(opinion, "Task_ExamineApplication")).hasCandidateGroup("cnedimts")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS"));
    track.runJobs(opinion); // the vendor is told what is asked, and until when
    assertThat(stubs.mails).containsExactly("CNEDIMTS_COMPLEMENTS_REQUESTED");
    assertThat(track.task(opinion, "Task_ProvideCnedimtsComplements")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.complete(opinion, "Task_ProvideCnedimtsComplements", Map.of());
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    assertThat(track.task(opinion, "Task_PublishOpinion")).hasCandidateGroup("has-reviewer");
    track.complete(opinion, "Task_PublishOpinion", Map.of());
    track.runJobs(opinion);

    assertThat(stubs.mails).containsExactly("CNEDIMTS_COMPLEMENTS_REQUESTED", "CNEDIMTS_OPINION");
    assertThat(stubs.windowsAsked).contains("CNEDIMTS_OPINION", "CNEDIMTS_COMPLEMENTS");
    assertThat(opinion).isEnded().hasPassed("EndEvent_OpinionFavourable");
    assertThat(caller).isEnded().hasPassed("Caller_OpinionFavourable").variables()
        .containsEntry("cnedimtsDecision", "FAVOURABLE");
  }

  @Test
  void shouldOpenTheSecondExaminationWithNoDecisionChosenAndTheRequestShown() {
    // Given an examination that asked for complements, with its request, and the vendor's answer (walk 14: the
    // second examination opened pre-filled with « Compléments nécessaires » and its text: a hurried « Valider »
    // asked again)
    ProcessInstance opinion = opinion(call());
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "L’étude clinique complète", "window_CNEDIMTS_COMPLEMENTS_days", 12));
    track.runJobs(opinion);
    track.complete(opinion, "Task_ProvideCnedimtsComplements", Map.of("cnedimtsComplementsAnswer", "Jointe"));

    // Then the second examination's form reads no decision, no comment and no length of complements (walk 19: the
    // first round's 12 days stood in the field), but the request and the answer
    Map<String, Object> form = track.engine().getTaskService()
        .getVariables(track.task(opinion, "Task_ExamineApplication").getId());
    assertThat(form).doesNotContainKeys("cnedimtsDecision", "cnedimtsComment", "window_CNEDIMTS_COMPLEMENTS_days")
        .containsEntry("cnedimtsComplementsAsked", "L’étude clinique complète")
        .containsEntry("cnedimtsComplementsAnswer", "Jointe");
    // and the first round's choice stays in the history
    assertThat(track.engine().getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(opinion.getId()).list())
        .anySatisfy(detail -> assertThat(((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getValue())
            .isEqualTo("COMPLEMENTS"));
  }

  @Test
  void shouldHandTheCallerAnUnfavourableOpinionAsAnErrorOnceTheVendorIsTold() {
    ProcessInstance caller = call();
    ProcessInstance opinion = opinion(caller);

    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "UNFAVOURABLE"));
    track.complete(opinion, "Task_PublishOpinion", Map.of());
    track.runJobs(opinion);

    assertThat(stubs.mails).containsExactly("CNEDIMTS_OPINION");
    assertThat(opinion).isEnded().hasPassed("EndEvent_OpinionUnfavourable");
    assertThat(caller).isEnded().hasPassed("Caller_OpinionUnfavourable");
  }

  @Test
  void shouldEndTheTrackWhenTheComplementsWindowPassesWithoutAnAnswer() {
    ProcessInstance caller = call();
    ProcessInstance opinion = opinion(caller);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS"));
    track.runJobs(opinion);

    track.fire(opinion, "Timer_CnedimtsComplementsWindow");

    assertThat(opinion).isEnded().hasPassed("EndEvent_CnedimtsComplementsLapsed").hasNotPassed("Task_PublishOpinion");
    assertThat(caller).isEnded().hasPassed("Caller_ComplementsLapsed");
    assertThat(stubs.mails).containsExactly("CNEDIMTS_COMPLEMENTS_REQUESTED"); // the caller tells of the abandonment
  }

  @Test
  void shouldFlagAnOverdueOpinionAndKeepTheExaminationOpen() {
    ProcessInstance caller = call();
    ProcessInstance opinion = opinion(caller);

    track.fire(opinion, "Timer_OpinionDue");

    assertThat(opinion).hasPassed("Task_FlagOverdueOpinion", "EndEvent_OverdueOpinionFlagged")
        .isWaitingAt("Task_ExamineApplication").variables().containsEntry("opinionOverdue", true);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    track.complete(opinion, "Task_PublishOpinion", Map.of());
    track.runJobs(opinion);
    assertThat(caller).isEnded().variables().containsEntry("opinionOverdue", true);
  }

  @Test
  void shouldSendTheDraftOpinionHearTheVendorAndPublishTheFinalOpinion() {
    ProcessInstance caller = callWithDraftOpinion();
    ProcessInstance opinion = opinion(caller);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE",
        "cnedimtsComment", "draft"));
    track.runJobs(opinion);

    // Then the vendor reads the draft and has the hearing-request window to answer
    assertThat(stubs.mails).containsExactly("CNEDIMTS_DRAFT_OPINION");
    assertThat(track.task(opinion, "Task_AnswerDraftOpinion")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(opinion).hasNotPassed("Task_PublishOpinion");
    track.complete(opinion, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true));

    // Then the commission sets the hearing within its window, and the vendor is told the date
    assertThat(track.task(opinion, "Task_SetHearingDate")).hasCandidateGroup("cnedimts")
        .hasDueDate(TrackEngine.Stubs.DUE);
    // the shortened window opens only when the ministers asked for it, which the hearing's date says (not the request)
    assertThat(stubs.windowsAsked).contains("CNEDIMTS_HEARING_REQUEST", "CNEDIMTS_HEARING_DATE")
        .doesNotContain("last day CNEDIMTS_HEARING_DATE_SHORTENED");
    track.complete(opinion, "Task_SetHearingDate", Map.of("hearingDateText", "15 mars 2027"));
    track.runJobs(opinion);
    assertThat(stubs.mails).containsExactly("CNEDIMTS_DRAFT_OPINION", "HEARING_DATE");

    // When the final opinion is adopted after the hearing, it is published as PECAN's is
    assertThat(track.task(opinion, "Task_AdoptFinalOpinion")).hasCandidateGroup("cnedimts");
    track.complete(opinion, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "UNFAVOURABLE"));
    track.complete(opinion, "Task_PublishOpinion", Map.of());
    track.runJobs(opinion);

    assertThat(stubs.mails).containsExactly("CNEDIMTS_DRAFT_OPINION", "HEARING_DATE", "CNEDIMTS_OPINION");
    assertThat(opinion).isEnded().hasPassed("Event_NotifyHearingDate", "EndEvent_OpinionUnfavourable");
    assertThat(caller).isEnded().hasPassed("Caller_OpinionUnfavourable");
  }

  @Test
  void shouldAdoptTheFinalOpinionWithoutHearingWhenTheVendorAsksNone() {
    ProcessInstance caller = callWithDraftOpinion();
    ProcessInstance opinion = opinion(caller);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    track.runJobs(opinion);

    track.complete(opinion, "Task_AnswerDraftOpinion", Map.of("hearingRequested", false));

    assertThat(opinion).hasNotPassed("Task_SetHearingDate").isWaitingAt("Task_AdoptFinalOpinion");
    track.complete(opinion, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "FAVOURABLE"));
    track.complete(opinion, "Task_PublishOpinion", Map.of());
    track.runJobs(opinion);
    assertThat(caller).isEnded().hasPassed("Caller_OpinionFavourable").variables()
        .containsEntry("cnedimtsDecision", "FAVOURABLE");
  }

  @Test
  void shouldAdoptTheFinalOpinionWithoutHearingWhenTheRequestWindowPasses() {
    ProcessInstance caller = callWithDraftOpinion();
    ProcessInstance opinion = opinion(caller);
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    track.runJobs(opinion);

    track.fire(opinion, "Timer_HearingRequestWindow");

    assertThat(opinion).hasPassed("Timer_HearingRequestWindow").hasNotPassed("Task_SetHearingDate")
        .isWaitingAt("Task_AdoptFinalOpinion");
    assertThat(track.task(opinion, "Task_AnswerDraftOpinion")).isNull();
  }

  @Test
  void shouldPublishWithoutDraftWhenTheCallerPassesNothing() {
    // PECAN passes no draftOpinionFirst (nor do dossiers started before the track had it)
    ProcessInstance opinion = opinion(call("PECAN"));
    track.complete(opinion, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));

    assertThat(opinion).hasPassed("Gateway_DraftOpinionFirst").hasNotPassed("Task_AnswerDraftOpinion")
        .isWaitingAt("Task_PublishOpinion");
  }
}
