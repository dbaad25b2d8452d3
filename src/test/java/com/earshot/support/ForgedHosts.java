package com.earshot.support;

import java.util.List;
import java.util.Map;

/** Headers that name another host, as a request that wants its sign-in link there sends them. */
public final class ForgedHosts {

  public static final String HOST = "evil.example";

  private ForgedHosts() {}

  public static List<Map<String, String>> headers() {
    return List.of(
        Map.of("Host", HOST),
        Map.of("Host", HOST + ":8443", "X-Forwarded-Proto", "http"),
        Map.of("X-Forwarded-Host", HOST),
        Map.of("X-Forwarded-Host", HOST, "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"),
        Map.of("X-Forwarded-Proto", "http", "X-Forwarded-Port", "80"),
        Map.of("Forwarded", "for=203.0.113.9;host=" + HOST + ";proto=https"));
  }
}
