package com.earshot.playground;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ElevenLabs widget script comes from ({@code EARSHOT_WIDGET_SCRIPTURL}): the public one
 * by default; a path on Earshot itself (tests use a local stand-in) or another https URL.
 */
@ConfigurationProperties("earshot.widget")
public record WidgetSettings(
    @DefaultValue("https://unpkg.com/@elevenlabs/convai-widget-embed") String scriptUrl) {

  public WidgetSettings {
    URI uri = URI.create(scriptUrl);
    boolean local = uri.getScheme() == null && scriptUrl.startsWith("/");
    if (!local && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "earshot.widget.script-url must be an https URL or a path on Earshot: " + scriptUrl);
    }
  }
}
