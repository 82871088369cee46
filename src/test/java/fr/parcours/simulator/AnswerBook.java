package fr.parcours.simulator;

import java.time.LocalDate;
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

  /** The pathway as a process owner names it, in French (the report's title). */
  String title();

  /** The demo vendor user who applies. */
  String vendor();

  /** The start form of the dossier number {@code index} (0, 1, ...), valid for the pathway. */
  Map<String, Object> startForm(int index);

  /** The steps a simulated person answers, by user task id. */
  Map<String, Step> steps();

  /**
   * How a dossier ended, from its pathway's variables: {@code ended} is false for a dossier whose instance still runs
   * at the run's end (a registration that lives on after its order is a decided dossier, not an open one).
   */
  Ending classify(Map<String, Object> pathwayVariables, boolean ended);

  /** True when answering that step that way is the decision the time to decision is measured to. */
  boolean decides(String taskKey, Answer answer);

  /** A form value that depends on the simulated day of the answer (a date the person types). */
  @FunctionalInterface
  interface Dated {
    Object on(LocalDate today);
  }

  /** The simulated day of the answer, as a date field takes it. */
  Dated TODAY = LocalDate::toString;

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
   * @param grantsLength the window whose length the reviewer sets when asking for complements, where the pathway's
   *     row of the deadlines table leaves it to the agency (« délai accordé » in a what-if file), or null
   * @param beforeDue the time to answer counts back from the step's last day rather than from its opening (a renewal
   *     filed some days before it is due, on a task that opens years ahead)
   */
  record Step(String user, String who, Assumption usual, Map<String, Object> ordinary,
      Map<String, Object> complements, Map<String, Object> refusal, boolean sendsEvidence, String grantsLength,
      boolean beforeDue) {

    Step(String user, String who, Assumption usual, Map<String, Object> ordinary, Map<String, Object> complements,
        Map<String, Object> refusal, boolean sendsEvidence) {
      this(user, who, usual, ordinary, complements, refusal, sendsEvidence, null, false);
    }

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
   * shares (0 to 1) of answers that ask for complements, refuse, or come after the step's last day; for a step whose
   * reviewer sets the vendor's time for complements, the days granted (0 where the step grants none).
   */
  record Assumption(Distribution days, double complements, double refusals, double late, int grantedDays) {

    Assumption(Distribution days, double complements, double refusals, double late) {
      this(days, complements, refusals, late, 0);
    }

    static Assumption days(Distribution days) {
      return new Assumption(days, 0, 0, 0);
    }
  }
}
