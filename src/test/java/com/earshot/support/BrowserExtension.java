package com.earshot.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Chromium for browser journeys: one Playwright and one headless Chromium per test class, a fresh
 * {@link Journey} (its own browser contexts: no cookies shared between tests) per test method,
 * everything closed afterwards. After each test the extension fails it if any page logged a console
 * error or threw (a Content-Security-Policy violation is one) or if axe-core found a violation at
 * any of its {@linkplain Journey#step steps}, and on failure it saves a screenshot of every open
 * page.
 *
 * <p>The browser is the system's Chromium at {@code /usr/bin/chromium} (or {@code $CHROMIUM_PATH}):
 * Debian's {@code chromium} package, which {@code .ci/run} installs. Playwright never downloads
 * one. Without it, the tests fail (they are never skipped) and say how to install it.
 */
public class BrowserExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  static final Path CHROMIUM =
      Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

  static final List<String> CHROMIUM_ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          // A microphone for the agent's widget: a fake device, no permission prompt.
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream");

  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BrowserExtension.class);

  /** What lives as long as the test class. */
  private record ClassBrowser(
      Playwright playwright, Browser browser, Path screenshots, AtomicInteger shots) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    requireChromium();
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser;
    try {
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(CHROMIUM)
                      .setHeadless(true)
                      .setArgs(CHROMIUM_ARGS));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
    Path screenshots = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName());
    deleteRecursively(screenshots);
    context
        .getStore(NAMESPACE)
        .put(
            ClassBrowser.class,
            new ClassBrowser(playwright, browser, screenshots, new AtomicInteger()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassBrowser classBrowser =
        context.getStore(NAMESPACE).remove(ClassBrowser.class, ClassBrowser.class);
    if (classBrowser != null) {
      try {
        classBrowser.browser().close();
      } finally {
        classBrowser.playwright().close();
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ClassBrowser classBrowser =
        context.getStore(NAMESPACE).get(ClassBrowser.class, ClassBrowser.class);
    String port =
        SpringExtension.getApplicationContext(context)
            .getEnvironment()
            .getRequiredProperty("local.server.port");
    context
        .getStore(NAMESPACE)
        .put(
            Journey.class,
            new Journey(
                classBrowser.browser(),
                "http://localhost:" + port,
                classBrowser.screenshots(),
                classBrowser.shots()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Journey journey = context.getStore(NAMESPACE).remove(Journey.class, Journey.class);
    if (journey == null) {
      return;
    }
    try {
      if (context.getExecutionException().isPresent()) {
        journey.screenshotEveryPage("failed-" + context.getRequiredTestMethod().getName());
        journey.printConsoleErrors();
      } else {
        journey.assertNoConsoleErrors();
        journey.assertAccessible();
      }
    } finally {
      journey.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Journey.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).get(Journey.class, Journey.class);
  }

  private static void requireChromium() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(
          "Browser journeys need Chromium at "
              + CHROMIUM
              + ", and there is none. Install it (Debian/Ubuntu, as root: apt-get update &&"
              + " apt-get install -y chromium; .ci/run does this), or point CHROMIUM_PATH at a"
              + " Chromium or Chrome executable.");
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
