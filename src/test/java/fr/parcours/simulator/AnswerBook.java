package fr.parcours.simulator;

import java.util.Map;

/**
 * What the people of one pathway answer in the simulator, step by step: who answers (a demo user of the step's
 * group, so that the forms' checks and the authorizations apply), and what the form receives for an ordinary
 * answer, a request for complements or a refusal. A what-if file says how long they take and how often each
 * answer is given; the answers themselves are the pathway's, written once here.
 */
interface AnswerBook {

  /** The pathway's process key (the name a what-if file gives after « parcours: »). */
  String pathway();

  /** The demo vendor user who applies. */
  String vendor();

  /** The start form of the dossier number {@code index} (0, 1, ...), valid for the pathway. */
  Map<String, Object> startForm(int index);

  /** The steps a simulated person answers, by user task id. */
  Map<String, Step> steps();

  /** How the dossier ended, from its pathway's variables once its instance has ended. */
  Ending classify(Map<String, Object> pathwayVariables);

  /** True when answering that step that way is the decision the time to decision is measured to. */
  boolean decides(String taskKey, Answer answer);

  /** An answer a person gives to a step. */
  enum Answer {
    /** The ordinary answer: the step done, the dossier moves on. */
    ORDINARY,
    /** The reviewer asks the vendor for complements. */
    COMPLEMENTS,
    /** The reviewer refuses (an unfavourable opinion or decision). */
    REFUSAL
  }

  /** How a dossier ended. */
  enum Ending {
    DECIDED("décidé (favorable)"), REFUSED("refusé"), ABANDONED("abandonné"), OPEN("encore ouvert");

    final String french;

    Ending(String french) {
      this.french = french;
    }
  }

  /**
   * One step: who answers it, the assumption used when the what-if file says nothing of it, and the form's values for
   * each answer (null where the step has no such answer).
   *
   * @param user the demo user who answers, one of the step's candidate group
   * @param who who answers, in French, as the report names them (« l'éditeur », « l'ANS »)
   * @param usual the assumption when the file has no line for the step
   * @param ordinary the form's values of the ordinary answer
   * @param complements those of a request for complements, or null
   * @param refusal those of a refusal, or null
   * @param sendsEvidence the vendor sends its evidence archive before answering (the step's check asks for it)
   */
  record Step(String user, String who, Assumption usual, Map<String, Object> ordinary,
      Map<String, Object> complements, Map<String, Object> refusal, boolean sendsEvidence) {

    Map<String, Object> values(Answer answer) {
      return switch (answer) {
        case ORDINARY -> ordinary;
        case COMPLEMENTS -> complements;
        case REFUSAL -> refusal;
      };
    }
  }

  /**
   * What a process owner assumes of one step: the time to answer, in days from the day the task opens, and the
   * shares (0 to 1) of answers that ask for complements, refuse, or come after the step's last day.
   */
  record Assumption(Distribution days, double complements, double refusals, double late) {

    static Assumption days(Distribution days) {
      return new Assumption(days, 0, 0, 0);
    }
  }
}
