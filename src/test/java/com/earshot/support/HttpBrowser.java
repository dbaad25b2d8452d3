package com.earshot.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser over real HTTP, for tests whose subject is what goes over the wire (cookies,
 * statuses, timings) rather than the page: it keeps the cookies responses set ({@link CookieJar})
 * and, like a browser, sends a host's cookies to each of its ports, and asks for HTML. It follows
 * no redirect. {@link RawHttp} sends what this client will not.
 */
public final class HttpBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** The cookies this browser holds. */
  public final CookieJar cookies = new CookieJar();

  public HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return get(url, Map.of());
  }

  public HttpResponse<String> get(String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  /** Posts {@code form} as a browser posts a form ({@link #urlEncoded}). */
  public HttpResponse<String> post(
      String url, Map<String, String> form, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(form))),
        headers);
  }

  /** A form's fields as a browser posts them: URL-encoded, in the map's order. */
  static String urlEncoded(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  /** The CSRF token of the (first) form in {@code page}. */
  public static String csrfOf(HttpResponse<String> page) {
    String token = csrfIn(page.body());
    assertThat(token).as("a CSRF field in %s", page.uri()).isNotNull();
    return token;
  }

  /** The CSRF token of the (first) form in {@code html}, or null without one. */
  static String csrfIn(String html) {
    Matcher matcher = CSRF.matcher(html);
    return matcher.find() ? matcher.group(1) : null;
  }

  public static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
      throws IOException, InterruptedException {
    request.timeout(Duration.ofMinutes(2));
    request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    headers.forEach(request::setHeader);
    cookies.header().ifPresent(cookie -> request.header("Cookie", cookie));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    cookies.remember(response.headers().allValues("Set-Cookie"));
    return response;
  }
}
