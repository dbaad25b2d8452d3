package com.earshot.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A browser's cookies for a test's HTTP client: kept from Set-Cookie, sent back as Cookie. */
public final class CookieJar {

  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** Keeps the cookies that {@code setCookies} (Set-Cookie values) set, forgets those it clears. */
  public void remember(List<String> setCookies) {
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String name = pair.substring(0, equals).trim();
      String value = pair.substring(equals + 1).trim();
      if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  /** The value of a Cookie header with every cookie kept, if there is any. */
  public Optional<String> header() {
    if (cookies.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        cookies.entrySet().stream()
            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
            .collect(Collectors.joining("; ")));
  }

  public String get(String name) {
    return cookies.get(name);
  }

  public void put(String name, String value) {
    cookies.put(name, value);
  }
}
