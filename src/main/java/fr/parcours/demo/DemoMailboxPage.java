package fr.parcours.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo mailbox, {@code /demo/mailbox}: every mail Parcours sent, newest first, with its text and HTML
 * parts and its attachments. Demo only; it shows every dossier's mails to anyone who opens it.
 */
@Controller
@Profile("demo")
@ConditionalOnBean(DemoMailbox.class)
class DemoMailboxPage {

  private final DemoMailbox mailbox;

  DemoMailboxPage(DemoMailbox mailbox) {
    this.mailbox = mailbox;
  }

  @GetMapping("/demo/mailbox")
  String mailbox(Model model) {
    model.addAttribute("mails", mailbox.mails());
    return "demo/mailbox";
  }
}
