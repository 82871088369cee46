package fr.parcours.security;

import fr.parcours.shared.FormFields;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A field's value judged as form-js 1.x (Tasklist 7.24) judges it before it lets a form be sent (its {@code Validator}):
 * a text against the form's pattern (found anywhere, as JavaScript's {@code RegExp.test}) and, for an email address,
 * against form-js's own expression; a number against its least and greatest value and its decimals; a text's least
 * length once trimmed. Each refusal names the field by its label and says what the form expects, in French first.
 */
final class DeclaredRules {

  private static final Logger LOG = LoggerFactory.getLogger(DeclaredRules.class);

  /** form-js's email expression (validationType "email"). */
  static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}"
      + "[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

  private DeclaredRules() {
  }

  /** What is wrong with this value of the field, by the form's declarations; empty when nothing. */
  static Optional<String> problem(FormFields.Field field, Object value) {
    FormFields.Declared declared = field.declared();
    String label = field.label().isBlank() ? field.key() : field.label();
    String shown = String.valueOf(value).length() > 40 ? String.valueOf(value).substring(0, 40) + "…"
        : String.valueOf(value);
    String expected = declared.description().isBlank() ? "" : " (" + declared.description().strip() + ")";
    if (value instanceof String text) {
      if (declared.pattern() != null && !matches(declared.pattern(), text)) {
        return Optional.of("« " + label + " » : « " + shown + " » n’a pas la forme que le formulaire attend"
            + expected + " ; corrigez-le dans le formulaire. (Field '" + field.key() + "' must match the pattern "
            + declared.pattern() + ".)");
      }
      if ("email".equals(declared.validationType()) && !EMAIL.matcher(text).find()) {
        return Optional.of("« " + label + " » : « " + shown + " » n’est pas une adresse électronique, comme"
            + " prenom.nom@entreprise.fr ; corrigez-la dans le formulaire. (Field '" + field.key() + "' must be a"
            + " valid email address.)");
      }
      if (declared.minLength() != null && text.strip().length() < declared.minLength()) {
        return Optional.of("« " + label + " » compte " + text.strip().length() + " caractères ; le formulaire en"
            + " demande " + declared.minLength() + " au moins : complétez-le. (Field '" + field.key() + "' takes at"
            + " least " + declared.minLength() + " characters.)");
      }
    }
    if ("number".equals(field.type())) {
      BigDecimal number = number(value);
      if (number == null) {
        return Optional.of("« " + label + " » : « " + shown + " » n’est pas un nombre ; saisissez un nombre dans le"
            + " formulaire. (Field '" + field.key() + "' takes a number.)");
      }
      if (declared.decimalDigits() != null && Math.max(number.stripTrailingZeros().scale(), 0)
          > declared.decimalDigits()) {
        return Optional.of("« " + label + " » : « " + shown + " » a trop de décimales ; le formulaire prend "
            + (declared.decimalDigits() == 0 ? "un nombre entier" : declared.decimalDigits() + " décimales au plus")
            + ". (Field '" + field.key() + "' takes at most " + declared.decimalDigits() + " decimal digits.)");
      }
      if (field.min() != null && number.compareTo(BigDecimal.valueOf(field.min())) < 0) {
        return Optional.of("« " + label + " » : " + shown + " est moins que le plus petit nombre que le formulaire"
            + " prend, " + plain(field.min()) + " ; saisissez " + plain(field.min()) + " ou plus. (Field '"
            + field.key() + "' takes at least " + plain(field.min()) + ".)");
      }
      if (declared.max() != null && number.compareTo(BigDecimal.valueOf(declared.max())) > 0) {
        return Optional.of("« " + label + " » : " + shown + " dépasse le plus grand nombre que le formulaire prend, "
            + plain(declared.max()) + " ; saisissez " + plain(declared.max()) + " ou moins. (Field '" + field.key()
            + "' takes at most " + plain(declared.max()) + ".)");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a required field is left empty, as form-js judges it (its {@code Validator}): no value or an empty text, a
   * box not ticked, a list with nothing chosen. A text of spaces is a value to form-js, and so here.
   */
  static boolean missing(FormFields.Field field, Object value) {
    if (value == null || value instanceof String text && text.isEmpty()) {
      return true;
    }
    if ("checkbox".equals(field.type())) {
      return Boolean.FALSE.equals(value);
    }
    if (value instanceof java.util.Collection<?> list) {
      return list.isEmpty();
    }
    // a list sent as JSON text, or held as a JSON value
    return ("checklist".equals(field.type()) || "taglist".equals(field.type()))
        && String.valueOf(value).replaceAll("\\s", "").equals("[]");
  }

  /**
   * Whether the form hides the field for these values (one of its conditions, or of the groups holding it, is true).
   * A condition that cannot be evaluated leaves the field shown, as in form-js.
   */
  static boolean hidden(CommandContext context, FormFields.Field field, Map<String, Object> data) {
    return hidden(feel(context), field, data);
  }

  /** The engine's FEEL engine, which evaluates the forms' conditions. */
  static FeelEngine feel(CommandContext context) {
    return ((DefaultDmnEngineConfiguration) context.getProcessEngineConfiguration().getDmnEngineConfiguration())
        .getFeelEngine();
  }

  static boolean hidden(FeelEngine feel, FormFields.Field field, Map<String, Object> data) {
    for (String condition : field.declared().hiddenWhen()) {
      try {
        Object result = feel.evaluateSimpleExpression(condition, Variables.fromMap(data).asVariableContext());
        if (Boolean.TRUE.equals(result)) {
          return true;
        }
      } catch (RuntimeException unreadable) {
        LOG.debug("Condition '{}' of field {} not evaluated: {}", condition, field.key(), unreadable.toString());
      }
    }
    return false;
  }

  /**
   * As JavaScript's {@code RegExp.test}: found anywhere; a final {@code $} is the very end of the text (Java's would
   * also match before a last line break, letting "552100554\n" through a 9-digit pattern).
   */
  private static boolean matches(String pattern, String text) {
    String javaPattern = pattern.endsWith("$") && !pattern.endsWith("\\$")
        ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern;
    try {
      return Pattern.compile(javaPattern).matcher(text).find();
    } catch (PatternSyntaxException notJava) {
      LOG.warn("Pattern {} of a form is not one Java reads: not checked", pattern);
      return true;
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number number) {
      try {
        return new BigDecimal(number.toString());
      } catch (NumberFormatException infinite) {
        return null;
      }
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  private static String plain(Double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
