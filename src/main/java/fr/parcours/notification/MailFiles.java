package fr.parcours.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files a mail needs, as a process owner keeps them: {@code mails/<language>/<template>.html} with its
 * {@code <title>} (the subject) and {@code .txt}, in every language, and the document it carries,
 * {@code documents/<language>/<document>.html} with its file name. Checked when a diagram that sends the mail is
 * deployed, so that a file renamed, removed or left without its subject stops the deployment with the file to fix,
 * not the dossiers later, one incident per mail (the templates render only when a mail goes out).
 */
final class MailFiles {

  /** The subject line's element, with or without attributes ({@code th:text}). */
  private static final Pattern TITLE = Pattern.compile("<title[\\s>]");
  /** The document's file name ({@code <meta name="file-name" th:content="|…pdf|">}). */
  private static final Pattern FILE_NAME = Pattern.compile("<meta\\s+name=\"file-name\"");

  private MailFiles() {
  }

  /** What is missing from this mail's files, one sentence each in French; empty when every file is there. */
  static List<String> missing(NotificationEvent event) {
    return missing(event.template(), event.document());
  }

  /** What is missing from the files of the mail {@code template} carrying {@code document} (null when none). */
  static List<String> missing(String template, String document) {
    List<String> missing = new ArrayList<>();
    for (Language language : Language.values()) {
      String base = language.folder() + "/" + template;
      String html = read("mails/" + base + ".html");
      if (html == null) {
        missing.add("mails/" + base + ".html manque");
      } else if (!TITLE.matcher(html).find()) {
        missing.add("mails/" + base + ".html n’a pas de <title> (l’objet du courriel) dans son <head>");
      }
      if (read("mails/" + base + ".txt") == null) {
        missing.add("mails/" + base + ".txt manque (le même courriel en texte seul)");
      }
      if (document != null) {
        String path = "documents/" + language.folder() + "/" + document + ".html";
        String page = read(path);
        if (page == null) {
          missing.add(path + " manque (le PDF que porte le courriel)");
        } else if (!FILE_NAME.matcher(page).find()) {
          missing.add(path + " ne nomme pas son fichier : ajoutez dans son <head>"
              + " <meta name=\"file-name\" th:content=\"|…pdf|\">");
        }
      }
    }
    return missing;
  }

  /** The file's text on the classpath (where the build puts the top-level folders), or null when there is none. */
  private static String read(String path) {
    URL url = MailFiles.class.getClassLoader().getResource(path);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path, e);
    }
  }
}
