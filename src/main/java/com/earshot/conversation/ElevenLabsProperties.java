package com.earshot.conversation;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The connection to ElevenLabs ({@code EARSHOT_ELEVENLABS_*}). Every secret is optional: without a
 * key nothing is fetched, without a webhook secret the webhook refuses every delivery, without an
 * encryption key no per-playground key can be saved.
 *
 * @param apiKey the workspace's API key ({@code EARSHOT_ELEVENLABS_APIKEY})
 * @param baseUrl the API's address ({@code EARSHOT_ELEVENLABS_BASEURL})
 * @param webhookSecret the post-call webhook's HMAC secret ({@code
 *     EARSHOT_ELEVENLABS_WEBHOOKSECRET})
 * @param keyEncryptionKey base64 of 32 bytes: AES-256-GCM for per-playground keys ({@code
 *     EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY})
 * @param fetchInterval how often each instance looks for due fetches
 * @param maxAttempts fetch attempts before a row is given up as failed
 * @param requestTimeout how long one request to ElevenLabs may take
 */
@Validated
@ConfigurationProperties("earshot.elevenlabs")
record ElevenLabsProperties(
    String apiKey,
    @NotNull @DefaultValue("https://api.elevenlabs.io") URI baseUrl,
    String webhookSecret,
    String keyEncryptionKey,
    @NotNull @DefaultValue("30s") Duration fetchInterval,
    @Min(1) @Max(1000) @DefaultValue("20") int maxAttempts,
    @NotNull @DefaultValue("10s") Duration requestTimeout) {

  ElevenLabsProperties {
    apiKey = blankToNull(apiKey);
    webhookSecret = blankToNull(webhookSecret);
    keyEncryptionKey = blankToNull(keyEncryptionKey);
  }

  @AssertTrue(message = "must be base64 of 32 bytes (AES-256), e.g. `openssl rand -base64 32`")
  boolean isKeyEncryptionKeyValid() {
    if (keyEncryptionKey == null) {
      return true;
    }
    try {
      return Base64.getDecoder().decode(keyEncryptionKey).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @AssertTrue(message = "must be an http or https address")
  boolean isBaseUrlValid() {
    return baseUrl == null
        || ("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
            && baseUrl.getHost() != null;
  }

  /** Never the secrets, whatever prints this. */
  @Override
  public String toString() {
    return "ElevenLabsProperties[baseUrl="
        + baseUrl
        + ", apiKey "
        + (apiKey == null ? "unset" : "set")
        + ", webhookSecret "
        + (webhookSecret == null ? "unset" : "set")
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
