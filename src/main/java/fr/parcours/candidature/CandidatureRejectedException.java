package fr.parcours.candidature;

import fr.parcours.shared.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The candidature dossier breaks the rules of {@link CandidatureValidator}. Its message is one line of plain
 * text, shown as it is in Tasklist's error notification.
 */
public class CandidatureRejectedException extends BadInputException {

  private final transient List<FieldProblem> problems;

  public CandidatureRejectedException(List<FieldProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  private static String describe(List<FieldProblem> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("A rejected candidature has at least one problem");
    }
    return problems.stream()
        .map(p -> p.label() + " : " + withoutFinalFullStop(p.message()))
        .collect(Collectors.joining(" ; ", "La candidature ne peut pas être acceptée : ", "."))
        .replaceAll("[\\r\\n\\t]+", " ");
  }

  private static String withoutFinalFullStop(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
