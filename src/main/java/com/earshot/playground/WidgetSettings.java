package com.earshot.playground;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where testers' pages load the ElevenLabs widget from ({@code EARSHOT_WIDGET_SCRIPTURL}), with
 * which Subresource Integrity ({@code EARSHOT_WIDGET_INTEGRITY}), and how long the page waits for
 * it to appear ({@code EARSHOT_WIDGET_LOADTIMEOUT}). By default the exact version the browser
 * journeys run, with its hash, so the widget a tester meets is the one that was tested and cannot
 * change in the middle of an experiment. Also: a path on Earshot (self-hosted), another https URL,
 * or for local development an http URL on the loopback interface. Anything else stops the start.
 *
 * @param integrity the script's SRI value; unset: the pinned hash for the pinned URL, none for
 *     another
 */
@ConfigurationProperties("earshot.widget")
public record WidgetSettings(
    @DefaultValue(WidgetSettings.PINNED_SCRIPT_URL) String scriptUrl,
    String integrity,
    @DefaultValue("8s") Duration loadTimeout) {

  /**
   * The widget version the browser journeys run (its copy: {@code src/test/resources/elevenlabs}).
   */
  public static final String PINNED_SCRIPT_URL =
      "https://unpkg.com/@elevenlabs/convai-widget-embed@0.5.4/dist/index.js";

  /** The SHA-384 of {@link #PINNED_SCRIPT_URL}'s file, as the browser checks it. */
  public static final String PINNED_INTEGRITY =
      "sha384-L8QhIVpmoWpPM15vV1w01h3MeAacu0St/AFvgbPN89YAFeqSETsCKtpkX6yTeYJA";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final Pattern SRI =
      Pattern.compile(
          "sha(256|384|512)-[A-Za-z0-9+/]+={0,2}( sha(256|384|512)-[A-Za-z0-9+/]+={0,2})*");

  public WidgetSettings {
    scriptUrl = checkScriptUrl(scriptUrl == null ? "" : scriptUrl.strip());
    if (integrity == null || integrity.isBlank()) {
      integrity = scriptUrl.equals(PINNED_SCRIPT_URL) ? PINNED_INTEGRITY : null;
    } else if (!SRI.matcher(integrity.strip()).matches()) {
      throw new WidgetSettingsException(
          "EARSHOT_WIDGET_INTEGRITY must be a Subresource Integrity value like sha384-…"
              + " (the hash of the widget script), or empty for none.");
    } else {
      integrity = integrity.strip();
    }
    if (loadTimeout == null
        || loadTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || loadTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new WidgetSettingsException(
          "EARSHOT_WIDGET_LOADTIMEOUT must be between 1s and 2m, like 8s.");
    }
  }

  /**
   * The page that shows {@code model}'s widget.
   *
   * @param userId the widget's {@code user-id}: an opaque reference of the session, never personal
   *     data
   */
  public WidgetPage page(ModelConfiguration model, String userId) {
    return WidgetPage.of(this, model.parsed(), userId);
  }

  /** Whether the script is served by Earshot itself (then {@code 'self'} admits it). */
  public boolean selfHosted() {
    return scriptUrl.startsWith("/");
  }

  private static String checkScriptUrl(String url) {
    if (url.startsWith("/") && !url.startsWith("//")) {
      return url;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
    String host =
        uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean usable =
        !host.isEmpty()
            && uri.getRawUserInfo() == null
            && (scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host)));
    if (!usable) {
      throw new WidgetSettingsException(
          "EARSHOT_WIDGET_SCRIPTURL must be an https:// URL, a path on Earshot (/…), or, for local"
              + " development, an http:// URL on localhost, 127.0.0.1 or [::1]; "
              + (scheme.isEmpty() || host.isEmpty()
                  ? "this one is not"
                  : scheme + "://" + host + " is not")
              + ".");
    }
    return url;
  }
}
