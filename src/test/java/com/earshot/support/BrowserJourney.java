package com.earshot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A journey through the real pages in a real browser: the application as every {@link EarshotTest}
 * has it (on a free port, sending its mail to the {@link MailInbox}), Chromium driven by Playwright
 * ({@link BrowserExtension}). Test methods take a {@link Journey} parameter.
 *
 * <p>{@link #ADMIN_EMAIL} is configured as an admin address, to show the first admin's sign-in;
 * other journeys sign admins in with {@link Journey#signInAsNewAdmin}.
 *
 * <p>The app runs with its real widget settings: pages with an agent load ElevenLabs' widget from
 * its pinned URL, which the browser is answered with the vendored copy of that very file, and
 * ElevenLabs itself is answered by {@link ElevenLabsInBrowser}: journeys need no internet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EarshotTest
@ExtendWith(BrowserExtension.class)
public @interface BrowserJourney {

  /** Listed in {@code earshot.sign-in.admin-emails}: an admin from the first sign-in. */
  String ADMIN_EMAIL = "journey-admin@example.com";
}
