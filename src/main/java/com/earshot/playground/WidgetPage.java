package com.earshot.playground;

import com.earshot.platform.security.ContentSecurityPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a page that shows an agent needs: the canonical widget element, the script with its
 * integrity, what the page's health check reads, and the Content-Security-Policy that admits
 * exactly what ElevenLabs' widget (0.5.4, read in its bundle and run in the journeys) loads:
 *
 * <ul>
 *   <li>scripts: the widget script by its URL, path included; {@code blob:} for its two audio
 *       worklets (it builds them from its own code); the one libsamplerate worklet on jsDelivr it
 *       loads in browsers that cannot resample the microphone themselves (Firefox);
 *   <li>styles: {@code 'unsafe-inline'}, for the one {@code <style>} it writes into its shadow
 *       root. A hash would do today, but it covers the colours an admin sets in ElevenLabs, so the
 *       widget would turn invisible, without a word, the day someone restyles the agent;
 *   <li>images: its orb's texture and the language flags under ElevenLabs' image folder, the {@code
 *       data:} avatar of its transcript, and an {@code avatar-image-url} if the embed code names
 *       one;
 *   <li>connections: the https and wss host of the agent's {@code server-location} (and of a signed
 *       URL), and LiveKit's, for agents whose ElevenLabs settings switch WebRTC on.
 * </ul>
 *
 * Nothing else: no fonts, media or workers of other origins (it loads none).
 *
 * @param element the {@code <elevenlabs-convai>} element, or null when the embed code is invalid
 * @param configUrl the widget's configuration request, which the health check repeats to say why a
 *     widget did not load; null when unknown (a signed URL)
 */
public record WidgetPage(
    String element,
    String scriptUrl,
    String integrity,
    String configUrl,
    long loadTimeoutMillis,
    String policy) {

  static final String LIBSAMPLERATE_WORKLET =
      "https://cdn.jsdelivr.net/npm/@alexanderolsen/libsamplerate-js@2.1.2/dist/libsamplerate.worklet.js";
  static final String IMAGES = "https://storage.googleapis.com/eleven-public-cdn/images/";
  static final List<String> LIVEKIT =
      List.of("wss://livekit.rtc.elevenlabs.io", "https://livekit.rtc.elevenlabs.io");

  /**
   * @param code the model's parsed embed code, or null when it is invalid (the page then says so
   *     and loads no widget)
   * @param userId the widget's {@code user-id}: an opaque reference, never personal data
   */
  static WidgetPage of(WidgetSettings settings, EmbedCode code, String userId) {
    long timeout = settings.loadTimeout().toMillis();
    if (code == null) {
      return new WidgetPage(null, null, null, null, timeout, ContentSecurityPolicy.base());
    }
    List<String> scripts = new ArrayList<>();
    if (!settings.selfHosted()) {
      scripts.add(ContentSecurityPolicy.source(settings.scriptUrl()));
    }
    scripts.add("blob:");
    scripts.add(LIBSAMPLERATE_WORKLET);
    List<String> images = new ArrayList<>(List.of(IMAGES));
    String avatar = code.options().get("avatar-image-url");
    if (avatar != null) {
      images.add(ContentSecurityPolicy.source(avatar.strip()));
    }
    List<String> connections = new ArrayList<>(code.endpoints());
    connections.addAll(LIVEKIT);
    String policy =
        ContentSecurityPolicy.with(
            Map.of(
                "script-src", scripts,
                "style-src", List.of("'unsafe-inline'"),
                "img-src", images,
                "connect-src", connections));
    return new WidgetPage(
        code.widgetElement(userId),
        settings.scriptUrl(),
        settings.integrity(),
        code.configUrl(),
        timeout,
        policy);
  }
}
