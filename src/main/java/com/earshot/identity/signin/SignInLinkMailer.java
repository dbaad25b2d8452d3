package com.earshot.identity.signin;

import com.earshot.identity.IdentityProperties;
import com.earshot.identity.OutgoingMail;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Delivers sign-in links through {@link OutgoingMail}: by SMTP when a mail host is configured,
 * otherwise as one line in the application log, so that a local Earshot works without a mail
 * server.
 *
 * <p>A link is built from the configured base URL alone, never from the request that asked for it:
 * its Host and X-Forwarded-* headers are the sender's to choose, and a link built from them would
 * mail a genuine token to any host an attacker names. So with a mail server the base URL is
 * required; without one (local use) links point at this server on localhost.
 */
@Component
class SignInLinkMailer {

  private final OutgoingMail mail;
  private final TemplateEngine templates;
  private final IdentityProperties properties;

  SignInLinkMailer(OutgoingMail mail, TemplateEngine templates, IdentityProperties properties) {
    this.mail = mail;
    this.templates = templates;
    this.properties = properties;
    if (mail.delivers() && properties.baseUrl() == null) {
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
   * Sends the link that signs {@code email} in with {@code token}, and then lands on {@code
   * returnPath} (a {@link ReturnPath}, or null for wherever sign-in lands by default).
   *
   * @throws MailException when the SMTP server does not take the message
   */
  void send(String email, String token, String returnPath) {
    UriComponentsBuilder builder = mail.link("/login/ott").queryParam("token", token);
    if (returnPath != null) {
      builder.queryParam("next", returnPath);
    }
    String link = builder.encode().toUriString();
    long minutes = properties.linkValidity().toMinutes();
    mail.send(
        email,
        "Your Earshot sign-in link",
        plainText(link, minutes),
        html(email, link, minutes),
        "Sign-in link for {} (valid {} minutes): {}",
        minutes,
        link);
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
