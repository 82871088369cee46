package fr.parcours.shared;

import java.util.Map;

/**
 * A rule a candidature meets before its dossier opens, brought by a feature that sits above the candidature intake
 * (which calls every such bean once it has checked the fields). A refusal is a {@link BadInputException} that says in
 * French what is wrong and what to do: the start rolls back and no dossier is left.
 */
public interface CandidatureCheck {

  /**
   * @param processKey the process the candidature starts (its pathway, or the ANS track)
   * @param variables the candidature as the start form sent it, after the intake's checks
   * @param inEnglish the vendor reads the refusal in English too, after the French (the form chose English, or her
   *                  browser is English: {@code candidature.CandidatureWords#forVendor})
   */
  void check(String processKey, Map<String, Object> variables, boolean inEnglish);
}
