package fr.parcours.notification;

import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.exceptions.TemplateProcessingException;

/**
 * Where a mail or document template failed to fill, in French for the process owner who reads the incident: the
 * line and column Thymeleaf gives, and the engine's own words on what it could not do (the deepest cause).
 */
final class TemplateFaults {

  /** How the step runs again once the file is fixed: the end of every sentence here. */
  static final String RETRY = ", puis, dans Cockpit, « Réessayer » sur l’incident.";

  private TemplateFaults() {
  }

  /** « à la ligne 5, colonne 12, … » followed by the engine's reason, ending with a full stop. */
  static String where(TemplateEngineException e) {
    StringBuilder where = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TemplateProcessingException processing && processing.getLine() != null) {
        where.append("à la ligne ").append(processing.getLine());
        if (processing.getCol() != null) {
          where.append(", colonne ").append(processing.getCol());
        }
        where.append(", ");
        break;
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root instanceof TemplateProcessingException processing && processing.getLine() != null
        ? String.valueOf(processing.getMessage()).replaceFirst("\\s*\\(template: .*\\)$", "")
        : String.valueOf(root.getMessage());
    return where + "le moteur de modèles dit : « " + reason.strip() + " ».";
  }
}
