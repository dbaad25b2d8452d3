package com.earshot.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GreenMail SMTP server for the whole test JVM, on a free port, started on first use: a real
 * mail server the app delivers to. Every test mails its own unique addresses, so tests read their
 * own messages by recipient and never need an empty mailbox.
 */
public final class TestMail {

  private static final Pattern SIGN_IN_LINK =
      Pattern.compile("(https?://[^\\s\"<>]*)/login/ott\\?token=([A-Za-z0-9_\\-]+)");

  private static GreenMail server;

  private TestMail() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mail-stop"));
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  /** What the app needs to send mail here. */
  public static Map<String, Object> properties() {
    return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port());
  }

  /** The messages delivered so far to {@code email}, oldest first. */
  public static List<Mail> to(String email) {
    return Arrays.stream(server().getReceivedMessages())
        .filter(message -> isFor(message, email))
        .map(Mail::of)
        .toList();
  }

  private static boolean isFor(MimeMessage message, String email) {
    try {
      Address[] recipients = message.getAllRecipients();
      return recipients != null
          && Arrays.stream(recipients)
              .anyMatch(
                  address ->
                      address instanceof InternetAddress internet
                          && email.equalsIgnoreCase(internet.getAddress()));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A received message, with its plain-text and HTML bodies. */
  public record Mail(String from, String subject, String text, String html) {

    static Mail of(MimeMessage message) {
      try {
        List<String> texts = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        collect(message, texts, htmls);
        return new Mail(
            message.getFrom()[0].toString(),
            message.getSubject(),
            texts.isEmpty() ? null : String.join("\n", texts),
            htmls.isEmpty() ? null : String.join("\n", htmls));
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void collect(Part part, List<String> texts, List<String> htmls)
        throws MessagingException, IOException {
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          collect(multipart.getBodyPart(i), texts, htmls);
        }
      } else if (part.isMimeType("text/plain")) {
        texts.add((String) part.getContent());
      } else if (part.isMimeType("text/html")) {
        htmls.add((String) part.getContent());
      }
    }

    /** The sign-in link in the plain-text body. */
    public String link() {
      return linkMatcher().group();
    }

    /** The token of the sign-in link in the plain-text body. */
    public String token() {
      return linkMatcher().group(2);
    }

    private Matcher linkMatcher() {
      Matcher matcher = SIGN_IN_LINK.matcher(text == null ? "" : text);
      if (!matcher.find()) {
        throw new AssertionError("No sign-in link in the mail's text:\n" + text);
      }
      return matcher;
    }
  }
}
