package com.earshot.identity.signin;

import com.earshot.identity.IdentityProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Delivers sign-in links: by SMTP when a mail host is configured, otherwise as one line in the
 * application log, so that a local Earshot works without a mail server.
 *
 * <p>A link is built from the configured base URL alone, never from the request that asked for it:
 * its Host and X-Forwarded-* headers are the sender's to choose, and a link built from them would
 * mail a genuine token to any host an attacker names. So with a mail server the base URL is
 * required; without one (local use) links point at this server on localhost.
 */
@Component
class SignInLinkMailer {

  private static final Logger log = LoggerFactory.getLogger(SignInLinkMailer.class);

  private final JavaMailSender mailSender;
  private final TemplateEngine templates;
  private final IdentityProperties properties;
  private final Environment environment;

  SignInLinkMailer(
      ObjectProvider<JavaMailSender> mailSender,
      TemplateEngine templates,
      IdentityProperties properties,
      Environment environment) {
    this.mailSender =
        environment.containsProperty("spring.mail.host") ? mailSender.getIfAvailable() : null;
    this.templates = templates;
    this.properties = properties;
    this.environment = environment;
    if (this.mailSender != null && properties.baseUrl() == null) {
      throw new BaseUrlException(
          "EARSHOT_BASE_URL must be set when sign-in links are mailed (SPRING_MAIL_HOST is set):"
              + " the links point at it, never at the address a request names.");
    }
    if (properties.baseUrl() != null && !isAbsoluteHttpUrl(properties.baseUrl())) {
      throw new BaseUrlException(
          "EARSHOT_BASE_URL must be an absolute http:// or https:// address, like"
              + " https://earshot.acme.com.");
    }
  }

  /**
   * Sends the link that signs {@code email} in with {@code token}.
   *
   * @throws MailException when the SMTP server does not take the message
   */
  void send(String email, String token) {
    String link =
        UriComponentsBuilder.fromUriString(baseUrl())
            .path("/login/ott")
            .queryParam("token", token)
            .toUriString();
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

  /** A scheme of http or https and a host; no user info, query or fragment to confuse a reader. */
  private static boolean isAbsoluteHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
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
