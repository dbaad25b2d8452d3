package com.earshot.platform.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a redirect carries to the next page (a notice, the address a sign-in link went to) travels
 * in a short-lived cookie instead of the HTTP session, so that an anonymous visitor costs no
 * session row. The cookie is signed (HMAC-SHA256) with the key every instance reads from {@code
 * cookie_signing_key}: any instance accepts it, nobody can forge one, and one that was tampered
 * with, garbled or has expired is ignored. Values are Strings, Booleans and Integers. The cookie
 * stays well under a browser's 4 KB: long texts are cut, and older messages make room for newer.
 */
@Component("flashMapManager") // the name DispatcherServlet looks up
class CookieFlashMapManager extends AbstractFlashMapManager {

  static final String COOKIE = "EARSHOT_FLASH";

  /** The longest cookie value written: browsers keep at most 4096 bytes of name and value. */
  static final int MAX_VALUE = 3000;

  /** The longest text kept per attribute; a longer one is cut and ends in "…". */
  static final int MAX_TEXT = 500;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String CURRENT = CookieFlashMapManager.class.getName() + ".CURRENT";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final JsonMapper json;

  @Autowired
  CookieFlashMapManager(JdbcClient jdbc, JsonMapper json) {
    // Read once at start-up: later, a database outage must not cost a page its message.
    this(jdbc.sql("SELECT secret FROM cookie_signing_key").query(byte[].class).single(), json);
  }

  CookieFlashMapManager(byte[] key, JsonMapper json) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.json = json;
  }

  @Override
  protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    List<FlashMap> current = (List<FlashMap>) request.getAttribute(CURRENT);
    if (current != null) {
      // Changed earlier in this request: the request's own cookie is out of date.
      return new ArrayList<>(current);
    }
    Cookie cookie = WebUtils.getCookie(request, COOKIE);
    return cookie == null ? null : decode(cookie.getValue());
  }

  @Override
  protected void updateFlashMaps(
      List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
    List<FlashMap> kept = new ArrayList<>(flashMaps);
    kept.removeIf(FlashMap::isExpired);
    kept.sort(Comparator.comparingLong(FlashMap::getExpirationTime));
    String value = encode(kept);
    while (value.length() > MAX_VALUE) {
      FlashMap dropped = kept.remove(0);
      logger.warn("A flash message did not fit in its cookie and was dropped: " + dropped.keySet());
      value = encode(kept);
    }
    request.setAttribute(CURRENT, kept);
    if (response.isCommitted()) {
      logger.warn("The response was sent before its flash cookie could be");
      return;
    }
    ResponseCookie cookie =
        ResponseCookie.from(COOKIE, kept.isEmpty() ? "" : value)
            .path(request.getContextPath().isEmpty() ? "/" : request.getContextPath())
            .maxAge(kept.isEmpty() ? 0 : getFlashMapTimeout())
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Lax")
            .build();
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
  }

  @Override
  protected Object getFlashMapsMutex(HttpServletRequest request) {
    return null; // nothing is shared between requests: each has its own cookie
  }

  /** {@code payload.signature}, both base64url; an empty list encodes as the empty string. */
  private String encode(List<FlashMap> flashMaps) {
    if (flashMaps.isEmpty()) {
      return "";
    }
    List<Map<String, Object>> stored = new ArrayList<>();
    for (FlashMap flashMap : flashMaps) {
      Map<String, Object> values = new LinkedHashMap<>();
      flashMap.forEach((name, value) -> values.put(name, storable(name, value)));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", flashMap.getTargetRequestPath());
      entry.put("params", flashMap.getTargetRequestParams());
      entry.put("expires", flashMap.getExpirationTime());
      entry.put("values", values);
      stored.add(entry);
    }
    byte[] payload = json.writeValueAsBytes(stored);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
  }

  private static Object storable(String name, Object value) {
    if (value instanceof String text) {
      return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
    if (value == null || value instanceof Boolean || value instanceof Integer) {
      return value;
    }
    throw new IllegalArgumentException(
        "Flash attribute "
            + name
            + " must be a String, Boolean or Integer, not "
            + value.getClass());
  }

  /** The cookie's flash maps, or null when it is not one this app signed and can read. */
  private List<FlashMap> decode(String value) {
    int dot = value.indexOf('.');
    if (dot < 0) {
      return null;
    }
    try {
      byte[] payload = DECODER.decode(value.substring(0, dot));
      // Compared as text, not as decoded bytes: base64 has several spellings of the same bytes
      // (its last character's spare bits), and only the one this app wrote is its signature.
      byte[] expected = ENCODER.encodeToString(sign(payload)).getBytes(StandardCharsets.US_ASCII);
      byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, given)) {
        logger.debug("A flash cookie with a wrong signature was ignored");
        return null;
      }
      List<FlashMap> flashMaps = new ArrayList<>();
      for (Object stored : json.readValue(payload, List.class)) {
        FlashMap flashMap = flashMap((Map<?, ?>) stored);
        if (!flashMap.isExpired()) { // the signed expiry holds, whatever the browser kept
          flashMaps.add(flashMap);
        }
      }
      return flashMaps;
    } catch (RuntimeException e) {
      // Garbled, or signed by an older version that stored something else: not worth a 500.
      logger.debug("An unreadable flash cookie was ignored: " + e.getMessage());
      return null;
    }
  }

  private static FlashMap flashMap(Map<?, ?> stored) {
    FlashMap flashMap = new FlashMap();
    flashMap.setTargetRequestPath((String) stored.get("path"));
    ((Map<?, ?>) stored.get("params"))
        .forEach(
            (name, values) ->
                ((List<?>) values)
                    .forEach(
                        param -> flashMap.addTargetRequestParam((String) name, (String) param)));
    flashMap.setExpirationTime(((Number) stored.get("expires")).longValue());
    ((Map<?, ?>) stored.get("values"))
        .forEach((name, value) -> flashMap.put((String) name, storable((String) name, value)));
    return flashMap;
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update("earshot-flash\n".getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
