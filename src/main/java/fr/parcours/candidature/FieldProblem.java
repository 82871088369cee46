package fr.parcours.candidature;

/**
 * One thing wrong with a candidature dossier.
 *
 * @param field the process variable (form key) at fault; a row of a list is named with a 1-based index,
 *              as the form shows it: {@code groupMembers[2].memberSiren}
 * @param label the field's label as the vendor sees it in the form ("Membre 2 du groupement : SIREN")
 * @param words what is wrong and how to fix it, one sentence, plain text, in French and in English
 */
public record FieldProblem(String field, String label, CandidatureWords words) {

  /** What is wrong, in French. */
  public String message() {
    return words.french();
  }
}
