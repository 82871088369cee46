package fr.parcours.notification;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The addresses a mail links to, under the address vendors open Parcours at: {@code parcours.public-url}
 * (environment {@code PARCOURS_PUBLIC_URL}, e.g. {@code https://parcours.example.fr}). The demo profile and the
 * tests derive it from the server's port; anywhere else Parcours refuses to start without it, since a mail
 * would otherwise send vendors to an address they cannot open.
 */
@Component
public class PublicLinks {

  /** Tasklist, as the Camunda webapp serves it. */
  static final String TASKLIST = "/camunda/app/tasklist/default/";
  /** The dossier's open task for the person who opens it ({@link DossierTaskPage}). */
  static final String DOSSIER_TASK = "/dossiers/%s/tache";
  /** Where the dossier stands (dossierpage.DossierPages, a feature above this one). */
  static final String DOSSIER = "/dossiers/%s";
  /** The evidence page of a dossier (evidence.EvidencePage, a feature above this one). */
  static final String EVIDENCE = "/evidence/%s";
  static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/%s/runtime";

  static final String PROPERTY = "parcours.public-url";

  private final Environment environment;

  /** Refuses to start without the setting. */
  PublicLinks(Environment environment) {
    this.environment = environment;
    check(environment.getProperty(PROPERTY));
  }

  /** Read when a mail is written, so that a port chosen at start-up ({@code local.server.port}) is known. */
  private String base() {
    return check(environment.getProperty(PROPERTY));
  }

  static String check(String publicUrl) {
    String url = publicUrl == null ? "" : publicUrl.trim();
    if (url.isEmpty()) {
      throw new IllegalStateException("Le réglage parcours.public-url est vide : donnez à PARCOURS_PUBLIC_URL"
          + " l’adresse où les industriels ouvrent Parcours (par exemple https://parcours.example.fr), par laquelle"
          + " commencent les liens des courriels, puis redémarrez.");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalStateException("Le réglage parcours.public-url vaut « " + url + " », qui n’est pas une"
          + " adresse http(s) comme https://parcours.example.fr : corrigez PARCOURS_PUBLIC_URL, puis redémarrez.");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Where the vendor opens the dossier's task that waits for them: Tasklist, on that task. */
  public String dossierTask(String dossierId) {
    return base() + DOSSIER_TASK.formatted(dossierId);
  }

  /**
   * The same for a mail sent from one part of the dossier (a process key, {@code sesame-filing}): the task of that
   * part, where a PECAN dossier holds one of hers on each side.
   */
  public String dossierTask(String dossierId, String processKey) {
    return processKey == null ? dossierTask(dossierId) : dossierTask(dossierId) + "/" + processKey;
  }

  /** The dossier's page: where it stands, its windows, what happened, its mails. */
  public String dossier(String dossierId) {
    return base() + DOSSIER.formatted(dossierId);
  }

  /** A process instance's page in Cockpit, where an administrator sees its incident and retries it. */
  public String cockpitInstance(String processInstanceId) {
    return base() + COCKPIT_INSTANCE.formatted(processInstanceId);
  }

  /** The dossier's evidence page. */
  public String evidence(String dossierId) {
    return base() + EVIDENCE.formatted(dossierId);
  }

  /** The vendor's devices and their certificates ({@code /devices}). */
  public String devices() {
    return base() + "/devices";
  }

  /** Tasklist's list of tasks. */
  public String tasklist() {
    return base() + TASKLIST;
  }

  /** Tasklist opened on one task. */
  String tasklistTask(String taskId) {
    return tasklist() + "#/?task=" + taskId;
  }
}
