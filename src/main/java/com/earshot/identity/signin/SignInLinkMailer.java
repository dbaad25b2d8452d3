package com.earshot.identity.signin;

import com.earshot.identity.IdentityProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Delivers sign-in links: by SMTP when a mail host is configured, otherwise as one line in the
 * application log, so that a local Earshot works without a mail server.
 */
@Component
class SignInLinkMailer {

  private static final Logger log = LoggerFactory.getLogger(SignInLinkMailer.class);

  private final JavaMailSender mailSender;
  private final TemplateEngine templates;
  private final IdentityProperties properties;

  SignInLinkMailer(
      ObjectProvider<JavaMailSender> mailSender,
      TemplateEngine templates,
      IdentityProperties properties,
      Environment environment) {
    this.mailSender =
        environment.containsProperty("spring.mail.host") ? mailSender.getIfAvailable() : null;
    this.templates = templates;
    this.properties = properties;
  }

  /**
   * @throws MailException when the SMTP server does not take the message
   */
  void send(String email, String link) {
    long minutes = properties.linkValidity().toMinutes();
    if (mailSender == null) {
      log.info("Sign-in link for {} (valid {} minutes): {}", email, minutes, link);
      return;
    }
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(properties.mailFrom());
      helper.setTo(email);
      helper.setSubject("Your Earshot sign-in link");
      helper.setText(plainText(link, minutes), html(email, link, minutes));
      mailSender.send(message);
    } catch (MessagingException e) {
      throw new org.springframework.mail.MailPreparationException(e.getMessage(), e);
    }
  }

  private String html(String email, String link, long minutes) {
    Context context = new Context();
    context.setVariable("email", email);
    context.setVariable("link", link);
    context.setVariable("minutes", minutes);
    return templates.process("mail/sign-in-link", context);
  }

  private static String plainText(String link, long minutes) {
    return """
        Sign in to Earshot

        Open this link to sign in. It works once, within %d minutes:

        %s

        If you did not ask to sign in to Earshot, ignore this email: nobody can sign in without
        the link.
        """
        .formatted(minutes, link);
  }
}
