package com.earshot.conversation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ElevenLabs' webhook signature, {@code ElevenLabs-Signature: t=<unix secs>,v0=<hex>}: lowercase
 * hex HMAC-SHA256 of {@code "<t>.<raw body>"} with the webhook secret, parsed as ElevenLabs' SDKs
 * parse it. Compared in constant time; a timestamp older than the tolerance, or further ahead than
 * the clock skew allowed, is refused.
 */
final class WebhookSignature {

  static final Duration TOLERANCE = Duration.ofMinutes(30);
  static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

  /** The signature ({@code v0=…}) of a valid header, for the replay guard. */
  record Valid(String signature) {}

  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private WebhookSignature() {}

  static Valid check(String header, byte[] body, String secret, Instant now) throws Refused {
    if (header == null || header.isEmpty()) {
      throw new Refused("missing signature header");
    }
    String timestamp = null;
    String signature = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        timestamp = part.substring(2);
      } else if (part.startsWith("v0=")) {
        signature = part;
      }
    }
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      throw new Refused("no signature with the v0 scheme");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (signedAt.isBefore(now.minus(TOLERANCE)) || signedAt.isAfter(now.plus(FUTURE_SKEW))) {
      throw new Refused("timestamp outside the tolerance");
    }
    String expected = "v0=" + hmac(secret, timestamp, body);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused("signature does not match");
    }
    return new Valid(signature);
  }

  static String hmac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
