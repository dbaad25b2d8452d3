package com.earshot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP over a plain socket, for requests an ordinary client will not send: every header exactly as
 * given, {@code Host} included (java.net.http refuses to set it), from a chosen local address (all
 * of 127.0.0.0/8 is this machine) to an app on {@code 127.0.0.1}. Keeps cookies as a browser does.
 * HTTP/1.0, one request per connection: the response is read to its end, never chunked.
 */
public final class RawHttp {

  private final String from;
  private final int port;
  private final CookieJar cookies = new CookieJar();

  /** A client at {@code from} (an address of this machine) for the app on {@code port}. */
  public RawHttp(String from, int port) {
    this.from = from;
    this.port = port;
  }

  public Response get(String path, Map<String, String> headers) {
    return send("GET " + path, headers, "");
  }

  public Response post(String path, Map<String, String> form, Map<String, String> headers) {
    Map<String, String> withType = new LinkedHashMap<>(headers);
    withType.put("Content-Type", "application/x-www-form-urlencoded");
    return send("POST " + path, withType, HttpBrowser.urlEncoded(form));
  }

  /**
   * Asks for a sign-in link for {@code email} as the sign-in page does (its form, then the form's
   * POST), with {@code headers} on both requests; returns the POST's answer.
   */
  public Response requestSignInLink(String email, Map<String, String> headers) {
    Response page = get("/login", headers);
    String csrf = HttpBrowser.csrfIn(page.body());
    if (page.status() != 200 || csrf == null) {
      throw new AssertionError("No sign-in form with a CSRF field: " + page);
    }
    return post("/login", Map.of("email", email, "_csrf", csrf), headers);
  }

  private Response send(String requestLine, Map<String, String> headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\n");
    if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
      request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    cookies.header().ifPresent(cookie -> request.append("Cookie: ").append(cookie).append("\r\n"));
    request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      Response response = Response.parse(socket.getInputStream());
      cookies.remember(response.headers("Set-Cookie"));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: its status, header lines ({@code Name: value}) and body. */
  public record Response(int status, List<String> headerLines, String body) {

    static Response parse(InputStream in) throws IOException {
      String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = whole.indexOf("\r\n\r\n");
      String[] head = (end < 0 ? whole : whole.substring(0, end)).split("\r\n");
      int status = Integer.parseInt(head[0].split(" ")[1]);
      List<String> lines = new ArrayList<>(List.of(head).subList(1, head.length));
      return new Response(status, lines, end < 0 ? "" : whole.substring(end + 4));
    }

    /** Every value of the header {@code name}, in order. */
    public List<String> headers(String name) {
      return headerLines.stream()
          .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).trim())
          .toList();
    }

    /** The first value of the header {@code name}, or an empty string. */
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? "" : values.get(0);
    }
  }
}
