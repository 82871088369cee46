package fr.parcours.candidature;

import fr.parcours.shared.BadInputException;
import java.util.List;

/**
 * The candidature dossier breaks the rules of {@link CandidatureValidator}. Its message is one line of plain
 * text, shown as it is in Tasklist's error notification: in French, then in English in brackets for a vendor who
 * asked for English ({@link CandidatureWords#forVendor}).
 */
public class CandidatureRejectedException extends BadInputException {

  private final transient List<FieldProblem> problems;

  /** In French only. */
  public CandidatureRejectedException(List<FieldProblem> problems) {
    this(problems, false);
  }

  public CandidatureRejectedException(List<FieldProblem> problems, boolean inEnglish) {
    super(describe(problems).forVendor(inEnglish).replaceAll("[\\r\\n\\t]+", " "));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  private static CandidatureWords describe(List<FieldProblem> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("A rejected candidature has at least one problem");
    }
    StringBuilder french = new StringBuilder();
    StringBuilder english = new StringBuilder();
    for (FieldProblem p : problems) {
      if (!french.isEmpty()) {
        french.append(CandidatureWords.of("rejected.separator").french());
        english.append(CandidatureWords.of("rejected.separator").english());
      }
      CandidatureWords one = CandidatureWords.of("rejected.problem", p.label(), CandidatureWords.each(
          withoutFinalFullStop(p.words().french()), withoutFinalFullStop(p.words().english())));
      french.append(one.french());
      english.append(one.english());
    }
    return CandidatureWords.of("rejected", CandidatureWords.each(french.toString(), english.toString()));
  }

  private static String withoutFinalFullStop(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
