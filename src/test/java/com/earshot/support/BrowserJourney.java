package com.earshot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * A journey through the real pages in a real browser: the whole application on a free port, on the
 * shared test PostgreSQL, sending its mail to the {@link MailInbox}; Chromium driven by Playwright
 * ({@link BrowserExtension}). Test methods take a {@link Journey} parameter.
 *
 * <p>{@link #ADMIN_EMAIL} is configured as an admin address, to show the first admin's sign-in;
 * other journeys sign admins in with {@link Journey#signInAsNewAdmin}. Every class with this
 * annotation (and nothing more) shares one application context.
 *
 * <p>Pages with an agent load {@link #WIDGET_SCRIPT}, the local stand-in for the ElevenLabs widget
 * script ({@code src/test/resources/static/test-widget.js}): it defines {@code <elevenlabs-convai>}
 * with a "Start a call" button that fires the widget's call event, so journeys need no internet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "earshot.sign-in.admin-emails=" + BrowserJourney.ADMIN_EMAIL,
      "earshot.widget.script-url=" + BrowserJourney.WIDGET_SCRIPT
    })
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, MailInbox.Initializer.class})
@ExtendWith(BrowserExtension.class)
public @interface BrowserJourney {

  /** Listed in {@code earshot.sign-in.admin-emails}: an admin from the first sign-in. */
  String ADMIN_EMAIL = "journey-admin@example.com";

  /** {@code earshot.widget.script-url}: the stand-in for the ElevenLabs widget script. */
  String WIDGET_SCRIPT = "/test-widget.js";
}
