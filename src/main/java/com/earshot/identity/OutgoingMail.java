package com.earshot.identity;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Mail Earshot sends (sign-in links, invitations): by SMTP when a mail host is configured,
 * otherwise as lines in the application log, so that a local Earshot works without a mail server.
 *
 * <p>Links in mail are built from the configured base URL alone, never from a request: its Host and
 * X-Forwarded-* headers are the sender's to choose (see {@code SignInLinkMailer}, which refuses to
 * start with a mail server but no base URL). Without one (local use) links point at this server on
 * localhost.
 */
@Component
public class OutgoingMail {

  private static final Logger log = LoggerFactory.getLogger(OutgoingMail.class);

  private final JavaMailSender mailSender;
  private final IdentityProperties properties;
  private final Environment environment;

  OutgoingMail(
      ObjectProvider<JavaMailSender> mailSender,
      IdentityProperties properties,
      Environment environment) {
    this.mailSender =
        environment.containsProperty("spring.mail.host") ? mailSender.getIfAvailable() : null;
    this.properties = properties;
    this.environment = environment;
  }

  /** Whether mail goes to an SMTP server (rather than to the log). */
  public boolean delivers() {
    return mailSender != null;
  }

  /** The absolute address of a path of this app, as links in mail give it. */
  public UriComponentsBuilder link(String path) {
    return UriComponentsBuilder.fromUriString(baseUrl()).path(path);
  }

  /**
   * Sends one message to {@code to}, or, without a mail server, logs {@code logLine} instead (with
   * {} for the recipient and each of {@code logArguments}).
   *
   * @throws MailException when the SMTP server does not take the message
   */
  public void send(
      String to, String subject, String text, String html, String logLine, Object... logArguments) {
    if (mailSender == null) {
      Object[] arguments = new Object[logArguments.length + 1];
      arguments[0] = to;
      System.arraycopy(logArguments, 0, arguments, 1, logArguments.length);
      log.info(logLine, arguments);
      return;
    }
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(properties.mailFrom());
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(text, html);
      mailSender.send(message);
    } catch (MessagingException e) {
      throw new MailPreparationException(e.getMessage(), e);
    }
  }

  private String baseUrl() {
    if (properties.baseUrl() != null) {
      return properties.baseUrl();
    }
    // The port it listens on, known once it has started (a free one when server.port is 0).
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }
}
