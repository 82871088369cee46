package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.exceptions.TemplateEngineException;

/**
 * A mail template a process owner broke, as the incident in Cockpit tells it: in French, naming the file, the line
 * and what to do, with the engine's exception kept as the cause. Bad inputs: an expression the dossier cannot fill
 * ({@code ${dossierId.numero}} on a text), a {@code <title>} shown only for some dossiers.
 */
class MailTemplatesTest {

  @Test
  void shouldNameTheFileTheLineAndTheFixWhenAMailTemplateCannotBeFilled() {
    assertThatThrownBy(() -> new MailTemplates().render("broken-for-mail-templates-test", Language.FR,
        Map.of("dossierId", "DMN-2026-ABCDE")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le modèle de courriel mails/fr/broken-for-mail-templates-test.html n’a pas pu être rempli : à la"
            + " ligne 6, colonne 10, le moteur de modèles dit : « EL1008E: Property or field 'numero' cannot be found"
            + " on object of type 'java.lang.String' - maybe not public or not valid? ». Corrigez ce fichier, puis,"
            + " dans Cockpit, « Réessayer » sur l’incident.")
        .hasCauseInstanceOf(TemplateEngineException.class);
  }

  @Test
  void shouldSayTheSubjectIsGoneWhenTheTitleIsShownOnlyForSomeDossiers() {
    assertThat(new MailTemplates().render("vanishing-title-for-mail-templates-test", Language.FR,
        Map.of("dossierId", "DMN-2026-ABCDE", "urgent", true)).subject()).isEqualTo("Dossier DMN-2026-ABCDE : urgent");
    assertThatThrownBy(() -> new MailTemplates().render("vanishing-title-for-mail-templates-test", Language.FR,
        Map.of("dossierId", "DMN-2026-ABCDE", "urgent", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le modèle de courriel mails/fr/vanishing-title-for-mail-templates-test.html n’a plus de <title>"
            + " une fois rempli : ce titre est l’objet du courriel. Rendez-lui un <title> dans son <head> qui reste"
            + " quel que soit le dossier, puis, dans Cockpit, « Réessayer » sur l’incident.");
  }
}
