package com.earshot.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ReducedMotion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;

/**
 * One test's browsers: {@link #page()} is a desktop browser window; {@link #anotherBrowser()} and
 * {@link #phone()} open more, each with its own cookies (another person, or the same person on
 * another device). Paths are relative to the running app ({@code page.navigate("/login")}).
 *
 * <p>Each browser reaches the app from its own client address (an {@code X-Forwarded-For} that the
 * app trusts from localhost, like a proxy's), so per-address rate limits and audit rows belong to
 * this test alone, not to every browser and MockMvc test of the JVM sharing 127.0.0.1.
 *
 * <p>Every browser meets ElevenLabs' real widget through {@link ElevenLabsInBrowser} ({@link
 * #elevenLabs}), and nothing outside the app: a request to any other host is refused.
 *
 * <p>Console errors and uncaught exceptions of every page are collected; {@link BrowserExtension}
 * fails the test when there are any, unless {@linkplain #allowConsoleErrors allowed}. So are the
 * axe-core violations of every {@linkplain #step step}: the test fails at its end listing each,
 * with the step it was seen at, so one run shows every page to fix.
 */
public final class Journey implements AutoCloseable {

  public static final int DESKTOP_WIDTH = 1280;
  public static final int DESKTOP_HEIGHT = 800;
  public static final int PHONE_WIDTH = 390;
  public static final int PHONE_HEIGHT = 844;

  private final Browser browser;
  private final String baseUrl;
  private final Path screenshots;
  private final AtomicInteger shots;
  private final Map<BrowserContext, String> clientAddresses = new LinkedHashMap<>();
  private final Map<BrowserContext, ElevenLabsInBrowser> elevenLabs = new LinkedHashMap<>();
  private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
  private final List<Pattern> allowedConsoleErrors = new ArrayList<>();
  private final List<String> inaccessible = new ArrayList<>();
  private Page page;

  Journey(Browser browser, String baseUrl, Path screenshots, AtomicInteger shots) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.screenshots = screenshots;
    this.shots = shots;
  }

  /** The test's main browser: a desktop-sized window, opened on first use. */
  public Page page() {
    if (page == null) {
      page = anotherBrowser();
    }
    return page;
  }

  /** A new desktop-sized browser window that shares nothing with the others. */
  public Page anotherBrowser() {
    return open(new Browser.NewContextOptions().setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT));
  }

  /**
   * A new desktop-sized browser whose clock is in {@code timeZoneId} ("Asia/Tokyo"): the others' is
   * in UTC.
   */
  public Page anotherBrowserIn(String timeZoneId) {
    return open(
        new Browser.NewContextOptions()
            .setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT)
            .setTimezoneId(timeZoneId));
  }

  /** A new phone-sized browser (390 × 844, touch) that shares nothing with the others. */
  public Page phone() {
    return open(
        new Browser.NewContextOptions()
            .setViewportSize(PHONE_WIDTH, PHONE_HEIGHT)
            .setDeviceScaleFactor(2)
            .setIsMobile(true)
            .setHasTouch(true));
  }

  private Page open(Browser.NewContextOptions options) {
    String clientAddress = randomClientAddress();
    BrowserContext context =
        browser.newContext(
            options
                .setBaseURL(baseUrl)
                .setLocale("en-US")
                .setTimezoneId(options.timezoneId != null ? options.timezoneId : "UTC")
                // Bootstrap's collapse and fade end at once: screenshots show the final state.
                .setReducedMotion(ReducedMotion.REDUCE)
                .setExtraHTTPHeaders(Map.of("X-Forwarded-For", clientAddress)));
    clientAddresses.put(context, clientAddress);
    elevenLabs.put(context, ElevenLabsInBrowser.install(context));
    context.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())) {
            consoleErrors.add(message.text() + " (" + message.location() + ")");
          }
        });
    context.onWebError(error -> consoleErrors.add("Uncaught: " + error.error()));
    return context.newPage();
  }

  /** ElevenLabs, as {@code page}'s browser meets it. */
  public ElevenLabsInBrowser elevenLabs(Page page) {
    return elevenLabs.get(page.context());
  }

  /** The absolute address of {@code path} in the running app. */
  public String url(String path) {
    return baseUrl + path;
  }

  /** The client address the app sees for requests from {@code page}'s browser. */
  public String clientAddressOf(Page page) {
    return clientAddresses.get(page.context());
  }

  /**
   * Signs {@code email} in through the real pages, as a person would: asks for a link, takes it
   * from the mail, opens it and confirms. Ends on the page the app lands them on.
   */
  public void signIn(Page page, String email) {
    page.navigate("/login");
    page.getByLabel("Email address").fill(email);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a sign-in link"))
        .click();
    assertThat(
            page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your inbox")))
        .isVisible();
    page.navigate(MailInbox.signInPathFor(email));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true))
        .click();
    assertThat(page.locator("nav").getByText(email, new Locator.GetByTextOptions().setExact(true)))
        .isAttached();
  }

  /**
   * Makes a new admin (their row, as a fixture) and signs them in through the pages; returns their
   * email. Prefer it to {@link BrowserJourney#ADMIN_EMAIL}: links per email are rate-limited (5 in
   * 15 minutes), and every journey of the JVM would share that one address.
   */
  public String signInAsNewAdmin(Page page) {
    Fixtures fixtures = new Fixtures();
    String email = fixtures.emailOf(fixtures.admin("admin"));
    signIn(page, email);
    return email;
  }

  /**
   * Saves {@code page} (the whole length of it) as {@code
   * target/screenshots/<TestClass>/NN-<step>.png}, numbered in the order taken within the class.
   */
  public Path screenshot(Page page, String step) {
    String slug =
        step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    Path file = screenshots.resolve("%02d-%s.png".formatted(shots.incrementAndGet(), slug));
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  /**
   * A screenshot of a step, and a check that its page is well formed (no id is used twice) and
   * accessible: axe-core's violations of any impact ({@link Axe#violations(Page)}) are kept, named
   * by the step, and fail the test at its end.
   */
  public void step(Page page, String name) {
    screenshot(page, name);
    Assertions.assertThat(duplicateIds(page))
        .as("ids used twice on the page of \"%s\"", name)
        .isEmpty();
    Axe.violations(page)
        .forEach(
            violation -> inaccessible.add("\"" + name + "\" (" + page.url() + "): " + violation));
  }

  /**
   * {@link #step} at desktop width and again at phone width, failing at once on an axe-core
   * violation at either; the page is left at desktop width.
   */
  public void stepAtBothWidths(Page page, String name) {
    step(page, name);
    Assertions.assertThat(Axe.violations(page)).as("axe on \"%s\"", name).isEmpty();
    page.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
    step(page, name + " (phone)");
    Assertions.assertThat(Axe.violations(page)).as("axe on \"%s\" (phone)", name).isEmpty();
    page.setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
  }

  @SuppressWarnings("unchecked")
  private static List<String> duplicateIds(Page page) {
    return (List<String>)
        page.evaluate(
            """
            () => {
              const ids = [...document.querySelectorAll("[id]")].map(element => element.id);
              return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
            }
            """);
  }

  /** {@link #screenshot(Page, String)} of the main browser. */
  public Path screenshot(String step) {
    return screenshot(page(), step);
  }

  /** Console errors and uncaught exceptions so far, in every browser of this test. */
  public List<String> consoleErrors() {
    // A round trip to each page delivers the events still on their way.
    openPages().forEach(Page::title);
    synchronized (consoleErrors) {
      return consoleErrors.stream()
          .filter(error -> allowedConsoleErrors.stream().noneMatch(p -> p.matcher(error).find()))
          .toList();
    }
  }

  /**
   * Lets console errors matching {@code regex} pass, for a test that provokes them on purpose
   * (Chromium logs every 404 or 403 response as an error, for one).
   */
  public void allowConsoleErrors(String regex) {
    allowedConsoleErrors.add(Pattern.compile(regex));
  }

  void assertNoConsoleErrors() {
    List<String> errors = consoleErrors();
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "The browser logged errors (a Content-Security-Policy violation is one):\n  "
              + String.join("\n  ", errors));
    }
  }

  void assertAccessible() {
    if (!inaccessible.isEmpty()) {
      throw new AssertionError(
          "axe-core found violations on the pages of these steps:\n  "
              + String.join("\n  ", inaccessible));
    }
  }

  void printConsoleErrors() {
    List<String> errors = consoleErrors();
    if (!errors.isEmpty()) {
      System.err.println("Browser console errors:\n  " + String.join("\n  ", errors));
    }
    if (!inaccessible.isEmpty()) {
      System.err.println("axe-core violations:\n  " + String.join("\n  ", inaccessible));
    }
  }

  void screenshotEveryPage(String step) {
    for (Page open : openPages()) {
      try {
        System.err.println("Screenshot of the failed test: " + screenshot(open, step));
      } catch (RuntimeException e) {
        System.err.println("No screenshot of the failed test: " + e.getMessage());
      }
    }
  }

  private List<Page> openPages() {
    return clientAddresses.keySet().stream()
        .flatMap(context -> context.pages().stream())
        .filter(open -> !open.isClosed())
        .toList();
  }

  @Override
  public void close() {
    clientAddresses.keySet().forEach(BrowserContext::close);
    clientAddresses.clear();
    elevenLabs.clear();
  }

  /** An address in 198.18.0.0/15, reserved for network tests: never a real client's. */
  private static String randomClientAddress() {
    int host = ThreadLocalRandom.current().nextInt(1 << 17);
    return "198.%d.%d.%d"
        .formatted(18 + (host >> 16), (host >> 8) & 0xff, Math.max(1, host & 0xff));
  }
}
