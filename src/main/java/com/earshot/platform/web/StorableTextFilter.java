package com.earshot.platform.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Earshot does with characters PostgreSQL cannot store, decided once for every request: U+0000
 * is removed from parameter names and values, and a lone UTF-16 surrogate (half a character, which
 * no UTF-8 can carry) becomes U+FFFD. PostgreSQL refuses U+0000 in text and in jsonb, so a stray
 * NUL in pasted text used to fail the whole form, and every retry the same way; nobody types one on
 * purpose. A cookie whose value holds U+0000, as sent or read as Base64 (how Spring Session writes
 * its session id), is dropped as if never sent: looking it up would fail the same way.
 *
 * <p>It runs for every dispatch, before Spring Session and Spring Security read the request, so the
 * sign-in form and the CSRF check see the same text as the controllers.
 */
final class StorableTextFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(
        request instanceof HttpServletRequest http ? new StorableRequest(http) : request, response);
  }

  /** {@code text} as PostgreSQL can store it: the same string when it already is. */
  static String storable(String text) {
    if (text == null || text.codePoints().allMatch(StorableTextFilter::isStorable)) {
      return text;
    }
    return text.codePoints()
        .filter(c -> c != 0)
        .map(c -> isStorable(c) ? c : '\uFFFD')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  /** Not U+0000, and not a surrogate on its own (a pair comes as one supplementary code point). */
  private static boolean isStorable(int codePoint) {
    return codePoint != 0
        && (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE);
  }

  private static boolean isStorableCookie(Cookie cookie) {
    String value = cookie.getValue();
    if (value == null) {
      return true;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      decoded = "";
    }
    return value.equals(storable(value)) && decoded.indexOf('\0') < 0;
  }

  private static final class StorableRequest extends HttpServletRequestWrapper {

    private Map<String, String[]> parameters;

    StorableRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getParameter(String name) {
      String[] values = getParameterMap().get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
      return getParameterMap().get(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      if (parameters == null) {
        Map<String, String[]> sent = super.getParameterMap();
        Map<String, String[]> storable = new LinkedHashMap<>();
        sent.forEach(
            (name, values) ->
                storable.merge(
                    storable(name),
                    Arrays.stream(values).map(StorableTextFilter::storable).toArray(String[]::new),
                    (first, more) ->
                        Stream.concat(Arrays.stream(first), Arrays.stream(more))
                            .toArray(String[]::new)));
        parameters = Collections.unmodifiableMap(storable);
      }
      return parameters;
    }

    @Override
    public Cookie[] getCookies() {
      Cookie[] cookies = super.getCookies();
      if (cookies == null
          || Arrays.stream(cookies).allMatch(StorableTextFilter::isStorableCookie)) {
        return cookies;
      }
      return Arrays.stream(cookies)
          .filter(StorableTextFilter::isStorableCookie)
          .toArray(Cookie[]::new);
    }
  }
}
