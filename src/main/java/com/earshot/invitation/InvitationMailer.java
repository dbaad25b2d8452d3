package com.earshot.invitation;

import com.earshot.identity.OutgoingMail;
import com.earshot.playground.Playground;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * An invitation (or a reminder) to one address: the playground's name and its tester link. The name
 * is the admin's text: escaped in the HTML part ({@code mail/invitation}), plain in the text part.
 * Never a model's name (testers are blind to them).
 */
@Component
class InvitationMailer {

  private final OutgoingMail mail;
  private final TesterLinks links;
  private final TemplateEngine templates;

  InvitationMailer(OutgoingMail mail, TesterLinks links, TemplateEngine templates) {
    this.mail = mail;
    this.links = links;
    this.templates = templates;
  }

  /**
   * @throws MailException when the SMTP server does not take the message
   */
  void send(String email, Playground playground, boolean reminder) {
    String link = links.of(playground.id());
    String subject =
        (reminder ? "Reminder: " : "")
            + "You are invited to evaluate a voice agent: "
            + oneLine(playground.name());
    Context context = new Context();
    context.setVariable("name", playground.name());
    context.setVariable("link", link);
    context.setVariable("reminder", reminder);
    mail.send(
        email,
        subject,
        plainText(playground.name(), link, reminder),
        templates.process("mail/invitation", context),
        "Invitation for {} to {}: {}",
        oneLine(playground.name()),
        link);
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private static String plainText(String name, String link, boolean reminder) {
    return """
        %s

        You are invited to evaluate a voice agent on Earshot: "%s".
        You talk to the agent and answer a few questions; it takes a few minutes.

        Open this link and sign in with this email address:

        %s
        """
        .formatted(
            reminder ? "A reminder: your evaluation is still open" : "You are invited",
            oneLine(name),
            link);
  }
}
