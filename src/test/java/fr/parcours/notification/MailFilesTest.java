package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The files a mail step needs, checked when its diagram is deployed ({@link MailStepParseListener}): every mail
 * Parcours sends has them; a template missing, without its subject or a document naming no file, is named with what
 * to do. Bad inputs: a template name with no file at all, a template without {@code <title>}, a document missing, a
 * document without its file name (the last three from test resources).
 */
class MailFilesTest {

  @Test
  void shouldFindEveryFileOfEveryMailParcoursSends() {
    for (NotificationEvent event : NotificationEvent.values()) {
      assertThat(MailFiles.missing(event)).as("%s", event).isEmpty();
    }
  }

  @Test
  void shouldNameEachMissingTemplateInEachLanguage() {
    assertThat(MailFiles.missing("no-such-mail", null)).containsExactly(
        "mails/fr/no-such-mail.html manque",
        "mails/fr/no-such-mail.txt manque (le même courriel en texte seul)",
        "mails/en/no-such-mail.html manque",
        "mails/en/no-such-mail.txt manque (le même courriel en texte seul)");
  }

  @Test
  void shouldRefuseATemplateWithoutItsSubjectAndADocumentMissingOrNamingNoFile() {
    assertThat(MailFiles.missing("untitled-for-mail-files-test", "no-such-document")).containsExactly(
        "mails/fr/untitled-for-mail-files-test.html n’a pas de <title> (l’objet du courriel) dans son <head>",
        "documents/fr/no-such-document.html manque (le PDF que porte le courriel)",
        "mails/en/untitled-for-mail-files-test.html n’a pas de <title> (l’objet du courriel) dans son <head>",
        "documents/en/no-such-document.html manque (le PDF que porte le courriel)");
    assertThat(MailFiles.missing("admissible", "unnamed-for-mail-files-test")).containsExactly(
        "documents/fr/unnamed-for-mail-files-test.html ne nomme pas son fichier : ajoutez dans son <head>"
            + " <meta name=\"file-name\" th:content=\"|…pdf|\">",
        "documents/en/unnamed-for-mail-files-test.html ne nomme pas son fichier : ajoutez dans son <head>"
            + " <meta name=\"file-name\" th:content=\"|…pdf|\">");
  }
}
