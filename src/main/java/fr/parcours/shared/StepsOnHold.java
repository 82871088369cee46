package fr.parcours.shared;

import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.task.Task;

/**
 * A person's open task that cannot yet do what its name offers, because it waits for something outside the dossier:
 * the pages that list what she must do say what it waits for, and what the task lets her do meanwhile, instead of
 * offering an action the task then refuses (the transitional continuation before the nominal opening, walk 10).
 * A bean; the pages ask every one.
 */
public interface StepsOnHold {

  /**
   * What this task waits for, asked as the person who reads the page; empty when it can do what it offers, or when it
   * is not this feature's task.
   */
  Optional<OnHold> onHold(Task task, Locale locale);

  /**
   * @param sentence what the step waits for and when it opens (its day when one is known), in the locale's language
   * @param meanwhile what the task lets her do until then, the words of the link to it; null when nothing
   */
  record OnHold(String sentence, String meanwhile) {
  }
}
