package com.earshot.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One in-process SMTP server (GreenMail) for the whole test JVM, on a free port, like {@link
 * TestDatabase}: every application context that uses it ({@link Initializer}) sends its mail here,
 * and a cached context never points at a server a finished test class has stopped. Tests read what
 * arrived for an address; every test uses its own addresses ({@link Fixtures#uniqueEmail(String)}),
 * so inboxes never mix.
 */
public final class MailInbox {

  /**
   * The public address links in mails point at ({@code earshot.sign-in.base-url}): with a mail
   * server Earshot requires one, and never builds links from the request.
   */
  public static final String BASE_URL = "https://earshot.test";

  private static final Pattern SIGN_IN_LINK =
      Pattern.compile(
          "(https?://[^\\s\"<>]*)/login/ott\\?token=([A-Za-z0-9_\\-]+)(&next=[A-Za-z0-9_/\\-]+)?");
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static GreenMail server;

  private MailInbox() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
      started.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-smtp-stop"));
      server = started;
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  /** Mail settings that send to this server, with links to {@link #BASE_URL}. */
  public static Map<String, Object> properties() {
    return Map.of(
        "spring.mail.host",
        "127.0.0.1",
        "spring.mail.port",
        port(),
        // The variable operators set, which application.yaml reads: a SpringApplicationBuilder's
        // properties rank below that file, so earshot.sign-in.base-url itself would lose there.
        "EARSHOT_BASE_URL",
        BASE_URL);
  }

  /** Every message sent to {@code address} so far, oldest first. */
  public static List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(server().getReceivedMessages())
        .filter(message -> isAddressedTo(message, address))
        .toList();
  }

  /** The newest message to {@code address}, waiting a few seconds for one to arrive. */
  public static MimeMessage lastMessageTo(String address) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      List<MimeMessage> messages = messagesTo(address);
      if (!messages.isEmpty()) {
        return messages.get(messages.size() - 1);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("No mail arrived for " + address + " within " + PATIENCE);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /** The sign-in link in the newest mail to {@code address}, as its plain-text part gives it. */
  public static String signInLinkFor(String address) {
    return Mail.of(lastMessageTo(address)).link();
  }

  /**
   * The sign-in link in the newest mail to {@code address} as a path, to open on the app under
   * test: the link points at {@link #BASE_URL}, as behind a proxy, while the app listens on a free
   * port.
   */
  public static String signInPathFor(String address) {
    String link = signInLinkFor(address);
    if (!link.startsWith(BASE_URL + "/")) {
      throw new AssertionError("The sign-in link " + link + " does not point at " + BASE_URL);
    }
    return link.substring(BASE_URL.length());
  }

  /** The messages delivered so far to {@code email}, oldest first. */
  public static List<Mail> to(String email) {
    return Arrays.stream(server().getReceivedMessages())
        .filter(message -> isAddressedTo(message, email))
        .map(Mail::of)
        .toList();
  }

  /** The message's text/plain part, decoded. */
  public static Optional<String> plainText(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return Optional.of((String) part.getContent());
      }
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          Optional<String> text = plainText(multipart.getBodyPart(i));
          if (text.isPresent()) {
            return text;
          }
        }
      }
      return Optional.empty();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read a mail part", e);
    }
  }

  private static boolean isAddressedTo(MimeMessage message, String address) {
    try {
      Address[] recipients = message.getRecipients(Message.RecipientType.TO);
      return recipients != null
          && Arrays.stream(recipients)
              .anyMatch(
                  recipient ->
                      recipient instanceof InternetAddress internet
                          && internet.getAddress().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException("Cannot read a mail's recipients", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Points a test's application context at this SMTP server. */
  public static class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("testMailServer", properties()));
    }
  }

  /** A received message, with its plain-text and HTML bodies. */
  public record Mail(String from, String subject, String text, String html) {

    public static Mail of(MimeMessage message) {
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
