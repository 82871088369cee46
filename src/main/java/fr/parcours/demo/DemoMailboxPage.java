package fr.parcours.demo;

import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo mailbox, {@code /demo/mailbox}: every mail Parcours sent, newest first, with its text and HTML
 * parts and its attachments. Demo only. It holds every company's mails, so it opens only for the users of
 * Cockpit (the process owner, the administrator), signed in to the webapps; a vendor reads the mails of her
 * own dossiers in their journal ({@code /api/dossiers/{id}/notifications}).
 */
@Lazy
@Controller
@Profile("demo")
@ConditionalOnBean(DemoMailbox.class)
class DemoMailboxPage {

  private final DemoMailbox mailbox;
  private final ProcessEngine engine;
  private final java.time.ZoneId zone;

  DemoMailboxPage(DemoMailbox mailbox, ProcessEngine engine,
      @org.springframework.beans.factory.annotation.Value("${parcours.zone:Europe/Paris}") String zone) {
    this.mailbox = mailbox;
    this.engine = engine;
    this.zone = java.time.ZoneId.of(zone);
  }

  /**
   * When a mail arrived, in the procedure's zone as every page writes times ("03/12/2026 18:12:05 (heure de Paris)"):
   * the page wrote the server's UTC, an hour off the dossier pages in winter (walk of 3 December 2026).
   */
  String arrivedAt(java.util.Date received) {
    return received == null ? "" : java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
        .format(received.toInstant().atZone(zone)) + ("Europe/Paris".equals(zone.getId()) ? " (heure de Paris)"
        : " (" + zone.getId() + ")");
  }

  @GetMapping("/demo/mailbox")
  String mailbox(HttpServletRequest request, HttpServletResponse response, Model model) {
    UserAuthentication user = WebappSession.user(request, engine.getName());
    if (user == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("refusal", "Connectez-vous d’abord à Cockpit (en tant que paul ou admin), puis rouvrez"
          + " cette page : la boîte aux lettres de la démonstration contient les courriels de toutes les entreprises.");
      return "demo/mailbox";
    }
    if (!WebappSession.mayOpen(engine.getAuthorizationService(), user.getIdentityId(), user.getGroupIds(),
        WebappSession.COCKPIT)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("refusal", "La boîte aux lettres de la démonstration contient les courriels de toutes"
          + " les entreprises : seuls les utilisateurs de Cockpit (paul, admin) la lisent, et " + user.getIdentityId()
          + " n’en est pas un. Connectez-vous en tant que paul ou admin.");
      return "demo/mailbox";
    }
    java.util.List<DemoMailbox.Mail> mails = mailbox.mails();
    model.addAttribute("mails", mails);
    model.addAttribute("arrivedAt", mails.stream().collect(java.util.stream.Collectors.toMap(DemoMailbox.Mail::number,
        mail -> arrivedAt(mail.received()))));
    return "demo/mailbox";
  }
}
