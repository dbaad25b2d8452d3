package com.earshot.identity.signin;

import com.earshot.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last lines of the start-up log: where to open Earshot, and where its sign-in links go. A
 * newcomer running {@code ./mvnw spring-boot:run} otherwise scrolls through a page of log to learn
 * that the link they asked for is in that same log.
 */
@Component
class StartupMessage {

  private static final Logger log = LoggerFactory.getLogger(StartupMessage.class);

  private final IdentityProperties properties;
  private final boolean mailsLinks;

  StartupMessage(IdentityProperties properties, Environment environment) {
    this.properties = properties;
    this.mailsLinks = environment.containsProperty("spring.mail.host");
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web
        && web.getWebServer() != null) {
      log.info(text(web.getWebServer().getPort()));
    }
  }

  String text(int port) {
    String address =
        properties.baseUrl() != null ? properties.baseUrl() : "http://localhost:" + port;
    StringBuilder text = new StringBuilder("Earshot is ready: open ").append(address).append('.');
    text.append(
        mailsLinks
            ? " Sign-in links are mailed."
            : " Sign-in links will appear in this log (no mail server is configured:"
                + " SPRING_MAIL_HOST mails them).");
    if (properties.adminEmails().isEmpty()) {
      text.append(" To be an admin, start with EARSHOT_ADMIN_EMAILS=you@example.com.");
    }
    return text.toString();
  }
}
