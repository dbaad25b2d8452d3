package com.earshot.platform.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Content-Security-Policy: the app's own scripts and styles only. Pages that show an agent's
 * widget add, for that page alone, the widget script itself (its URL, path included: not every
 * script of its host), its origin for what the widget loads beside it, {@code blob:} for its audio
 * worklets and the ElevenLabs API's {@code wss:} and https endpoints.
 */
public final class ContentSecurityPolicy {

  public static final String HEADER = "Content-Security-Policy";

  private static final Map<String, String> BASE = new LinkedHashMap<>();

  static {
    BASE.put("default-src", "'self'");
    BASE.put("script-src", "'self'");
    BASE.put("style-src", "'self'");
    BASE.put("img-src", "'self' data:");
    BASE.put("font-src", "'self'");
    BASE.put("connect-src", "'self'");
    BASE.put("media-src", "'self'");
    BASE.put("worker-src", "'self'");
    BASE.put("frame-ancestors", "'none'");
    BASE.put("object-src", "'none'");
    BASE.put("base-uri", "'none'");
    BASE.put("form-action", "'self'");
  }

  private ContentSecurityPolicy() {}

  /** Every page's policy. */
  public static String base() {
    return render(BASE);
  }

  /**
   * The policy of a page that embeds the agent widget loaded from {@code scriptUrl}: an https URL,
   * or a path on Earshot itself (which {@code 'self'} admits).
   */
  public static String withWidget(String scriptUrl) {
    Map<String, String> policy = new LinkedHashMap<>(BASE);
    URI uri = URI.create(scriptUrl);
    String script = "";
    String origin = "";
    if (uri.getScheme() != null) {
      origin =
          " "
              + uri.getScheme()
              + "://"
              + uri.getHost()
              + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
      // A source's path may not hold ";" or "," (they end a directive or a policy).
      script = origin + uri.getRawPath().replace(";", "%3B").replace(",", "%2C");
    }
    String api = " https://*.elevenlabs.io wss://*.elevenlabs.io";
    policy.put("script-src", "'self'" + script + " blob:");
    policy.put("style-src", "'self'" + origin);
    policy.put("img-src", "'self' data: blob:" + origin + api);
    policy.put("font-src", "'self'" + origin);
    policy.put("connect-src", "'self'" + origin + api);
    policy.put("media-src", "'self' blob:" + origin + api);
    policy.put("worker-src", "'self' blob:");
    return render(policy);
  }

  private static String render(Map<String, String> policy) {
    return policy.entrySet().stream()
        .map(directive -> directive.getKey() + " " + directive.getValue())
        .collect(Collectors.joining("; "));
  }
}
