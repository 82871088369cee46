package fr.parcours.has;

import fr.parcours.ans.RefusalLanguage;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.shared.BadInputException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a pathway's start form asks for its Sésame filing (the track {@code sesame-filing}): whether the vendor has a
 * Sésame account, and which optional meeting with the HAS it wants before the deposit.
 */
public final class SesameChoices {

  static final Set<String> MEETINGS = Set.of("NONE", "EARLY_MEETING", "PRE_DEPOSIT_MEETING");

  private SesameChoices() {
  }

  /** Sets the defaults (no account, no meeting) and refuses a meeting that is not one of the three choices
   * (in English too for a vendor who asked for English: {@link RefusalLanguage}). */
  public static void read(DelegateExecution execution) {
    if (execution.getVariable("hasSesameAccount") == null) {
      execution.setVariable("hasSesameAccount", false);
    }
    Object meeting = execution.getVariable("hasMeeting");
    if (meeting == null) {
      execution.setVariable("hasMeeting", "NONE");
    } else if (!MEETINGS.contains(meeting.toString())) {
      throw new BadInputException(CandidatureWords.of("sesame.meeting.unknown", meeting)
          .forVendor(RefusalLanguage.english(execution)));
    }
  }
}
