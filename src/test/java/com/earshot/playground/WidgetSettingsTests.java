package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.security.ContentSecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The widget testers meet is the version the journeys ran, checked by the browser against its hash;
 * other sources are the admin's to choose, within reason; and its page's policy admits what that
 * widget loads, by exact sources, and nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class WidgetSettingsTests {

  private static final Duration EIGHT_SECONDS = Duration.ofSeconds(8);

  @Test
  void shouldPinTheTestedVersionWithTheHashOfTheCopyTheJourneysRun() throws Exception {
    WidgetSettings settings =
        new WidgetSettings(WidgetSettings.PINNED_SCRIPT_URL, null, EIGHT_SECONDS);
    byte[] tested;
    try (InputStream in =
        getClass().getResourceAsStream("/elevenlabs/convai-widget-embed-0.5.4.js")) {
      tested = in.readAllBytes();
    }

    assertThat(settings.integrity())
        .isEqualTo(WidgetSettings.PINNED_INTEGRITY)
        .isEqualTo(sri(tested));
    assertThat(WidgetSettings.PINNED_SCRIPT_URL).contains("@0.5.4/");
    assertThat(new String(tested, StandardCharsets.UTF_8))
        .as("the bundle names its own version")
        .contains("\"0.5.4\"");
    assertThat(getClass().getResource("/elevenlabs/LICENSE"))
        .as("its licence beside it")
        .isNotNull();
  }

  @Test
  void shouldLetACustomScriptGiveItsOwnIntegrityOrNone() {
    assertThat(
            new WidgetSettings("https://cdn.acme.example/widget.js", "", EIGHT_SECONDS).integrity())
        .isNull();
    assertThat(
            new WidgetSettings(
                    "https://cdn.acme.example/widget.js", " sha256-abc+/= ", EIGHT_SECONDS)
                .integrity())
        .isEqualTo("sha256-abc+/=");
    WidgetSettings selfHosted = new WidgetSettings("/widget/index.js", null, EIGHT_SECONDS);
    assertThat(selfHosted.selfHosted()).isTrue();
    assertThat(selfHosted.integrity()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:5173/widget.js",
        "http://127.0.0.1/widget.js",
        "http://[::1]:8081/dist/index.js"
      })
  void shouldAcceptALoopbackHttpScriptForLocalDevelopment(String url) {
    assertThat(new WidgetSettings(url, null, EIGHT_SECONDS).scriptUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://cdn.acme.example/widget.js",
        "http://localhost.acme.example/widget.js",
        "ftp://cdn.acme.example/widget.js",
        "//cdn.acme.example/widget.js",
        "cdn.acme.example/widget.js",
        "https://admin:secret@cdn.acme.example/widget.js",
        ""
      })
  void shouldRefuseAnyOtherScriptUrlInOneSentence(String url) {
    assertThatThrownBy(() -> new WidgetSettings(url, null, EIGHT_SECONDS))
        .isInstanceOf(WidgetSettingsException.class)
        .hasMessageStartingWith(
            "EARSHOT_WIDGET_SCRIPTURL must be an https:// URL, a path on Earshot (/…), or, for local"
                + " development, an http:// URL on localhost, 127.0.0.1 or [::1]")
        .hasMessageNotContaining("secret");
  }

  @Test
  void shouldRefuseAMalformedIntegrityAndAnUnreasonableTimeout() {
    assertThatThrownBy(() -> new WidgetSettings("/widget.js", "md5-abc", EIGHT_SECONDS))
        .hasMessageContaining("EARSHOT_WIDGET_INTEGRITY must be a Subresource Integrity value");
    assertThatThrownBy(() -> new WidgetSettings("/widget.js", null, Duration.ofMillis(100)))
        .hasMessageContaining("EARSHOT_WIDGET_LOADTIMEOUT must be between 1s and 2m");
  }

  @Test
  void shouldRefuseToStartWithAPlainHttpScriptSayingWhyInOneSentence(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(WidgetSettingsOnly.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                        Map.of(
                            "earshot.widget.script-url",
                            "http://cdn.acme.example/widget.js",
                            "spring.main.banner-mode",
                            "off"))
                    .run()
                    .close())
        .hasRootCauseInstanceOf(WidgetSettingsException.class);

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "EARSHOT_WIDGET_SCRIPTURL must be an https:// URL, a path on Earshot (/…), or, for local"
                + " development, an http:// URL on localhost, 127.0.0.1 or [::1];"
                + " http://cdn.acme.example is not.")
        .doesNotContain("\tat com.earshot");
  }

  /** The settings as Earshot binds them at start, without the rest of Earshot. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WidgetSettings.class)
  static class WidgetSettingsOnly {}

  // --- the page's policy ----------------------------------------------------------------------

  @Test
  void shouldAdmitExactlyWhatThePinnedWidgetLoads() {
    String policy = page(pinned(), "agent_01jx7abc").policy();

    assertThat(policy)
        .isEqualTo(
            "default-src 'self';"
                + " script-src 'self' https://unpkg.com/@elevenlabs/convai-widget-embed@0.5.4/dist/index.js"
                + " blob:"
                + " https://cdn.jsdelivr.net/npm/@alexanderolsen/libsamplerate-js@2.1.2/dist/libsamplerate.worklet.js;"
                + " style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data: https://storage.googleapis.com/eleven-public-cdn/images/;"
                + " font-src 'self';"
                + " connect-src 'self' https://api.us.elevenlabs.io wss://api.us.elevenlabs.io"
                + " wss://livekit.rtc.elevenlabs.io https://livekit.rtc.elevenlabs.io;"
                + " media-src 'self'; worker-src 'self'; frame-ancestors 'none'; object-src 'none';"
                + " base-uri 'none'; form-action 'self'");
  }

  @Test
  void shouldAdmitTheResidencyHostASignedUrlsHostAndTheAvatarTheEmbedCodeNames() {
    assertThat(
            page(
                    pinned(),
                    "<elevenlabs-convai agent-id=\"agent_x1\" server-location=\"eu-residency\""
                        + " avatar-image-url=\"https://cdn.acme.example/faces/a.png?v=2\">"
                        + "</elevenlabs-convai>")
                .policy())
        .contains(
            "connect-src 'self' https://api.eu.residency.elevenlabs.io"
                + " wss://api.eu.residency.elevenlabs.io wss://livekit",
            "img-src 'self' data: https://storage.googleapis.com/eleven-public-cdn/images/"
                + " https://cdn.acme.example/faces/a.png;")
        .doesNotContain("api.us.elevenlabs.io");
    assertThat(
            page(
                    pinned(),
                    "<elevenlabs-convai signed-url=\"wss://api.elevenlabs.io/v1/convai/conversation"
                        + "?agent_id=agent_x1&amp;conversation_signature=s\"></elevenlabs-convai>")
                .policy())
        .contains(
            "connect-src 'self' https://api.us.elevenlabs.io wss://api.us.elevenlabs.io"
                + " wss://api.elevenlabs.io wss://livekit");
    assertThat(page(pinned(), "agent_x1").configUrl())
        .isEqualTo("https://api.us.elevenlabs.io/v1/convai/agents/agent_x1/widget");
  }

  @Test
  void shouldAdmitASelfHostedScriptThroughSelfAndLoadNoWidgetForAnInvalidEmbedCode() {
    WidgetSettings selfHosted = new WidgetSettings("/widget/index.js", null, EIGHT_SECONDS);
    assertThat(page(selfHosted, "agent_x1").policy())
        .contains("script-src 'self' blob: https://cdn.jsdelivr.net/")
        .doesNotContain("/widget/index.js", "unpkg");

    ModelConfiguration invalid =
        new ModelConfiguration(ModelKey.MODEL_A, "A", "<div>", null, 10, 1, 0, LocalDateTime.now());
    WidgetPage none = pinned().page(invalid, "ref");
    assertThat(none.element()).isNull();
    assertThat(none.policy()).isEqualTo(ContentSecurityPolicy.base());
  }

  @Test
  void shouldGiveTheWidgetTheSessionsReferenceAndPlaceItInItsBox() {
    assertThat(page(pinned(), "agent_x1").element())
        .isEqualTo(
            "<elevenlabs-convai agent-id=\"agent_x1\" placement=\"bottom\" user-id=\"ref-1\">"
                + "</elevenlabs-convai>");
    assertThat(
            page(
                    pinned(),
                    "<elevenlabs-convai agent-id=\"agent_x1\" placement=\"top\" user-id=\"ann@acme.com\">"
                        + "</elevenlabs-convai>")
                .element())
        .as("the admin's placement is kept; their user-id is not")
        .contains("placement=\"top\"", "user-id=\"ref-1\"")
        .doesNotContain("ann@acme.com");
  }

  private static WidgetSettings pinned() {
    return new WidgetSettings(WidgetSettings.PINNED_SCRIPT_URL, null, EIGHT_SECONDS);
  }

  private static WidgetPage page(WidgetSettings settings, String embedCode) {
    ModelConfiguration model =
        new ModelConfiguration(
            ModelKey.MODEL_A,
            "A",
            embedCode,
            EmbedCodeParser.parse(embedCode),
            10,
            1,
            0,
            LocalDateTime.now());
    return settings.page(model, "ref-1");
  }

  private static String sri(byte[] file) throws NoSuchAlgorithmException, IOException {
    return "sha384-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(file));
  }
}
