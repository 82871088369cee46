package fr.parcours.shared;

import java.util.List;
import java.util.Locale;

/**
 * Sentences a pathway adds about one of its dossiers on the pages that show it (the dossier page, the evidence
 * page): what kind of dossier it is and what is expected, such as the case of the evidence deposit of a
 * certification cycle. A bean; the pages ask every one.
 */
public interface DossierNotes {

  /** The sentences about the dossier of this number, in the locale's language; none when it is not the pathway's. */
  List<String> about(String dossierNumber, Locale locale);
}
