package com.earshot.platform.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Content-Security-Policy: the app's own scripts and styles only. A page that embeds a
 * third-party component (the agent's widget) widens, for that page alone, exactly the directives
 * the component needs, by the sources it names ({@link #with}); the module that knows the component
 * says what those are.
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
   * The base policy with more sources in some directives.
   *
   * @param extra directive → source expressions added after the base's (use {@link #source} for a
   *     URL)
   */
  public static String with(Map<String, List<String>> extra) {
    Map<String, String> policy = new LinkedHashMap<>(BASE);
    extra.forEach(
        (directive, sources) -> {
          if (!BASE.containsKey(directive)) {
            throw new IllegalArgumentException("Not a directive of the base policy: " + directive);
          }
          if (!sources.isEmpty()) {
            policy.merge(directive, String.join(" ", sources), (base, more) -> base + " " + more);
          }
        });
    return render(policy);
  }

  /**
   * An absolute URL as a source expression that admits it alone: scheme, host, port and path,
   * without query or fragment (a source has neither). A path may not hold ";" or "," (they end a
   * directive or a policy), so those are escaped; a path ending in "/" admits what is below it.
   */
  public static String source(String url) {
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("Not an absolute URL: " + url);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + path.replace(";", "%3B").replace(",", "%2C");
  }

  private static String render(Map<String, String> policy) {
    return policy.entrySet().stream()
        .map(directive -> directive.getKey() + " " + directive.getValue())
        .collect(Collectors.joining("; "));
  }
}
