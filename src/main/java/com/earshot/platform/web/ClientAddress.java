package com.earshot.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client's IP address for the current request. Forwarded headers count only when they come from
 * a trusted proxy: Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native}, trusted
 * proxies in {@code server.tomcat.remoteip.internal-proxies}) has already applied them. It takes a
 * forwarded value as it is, so one that is not an IP address ({@code X-Forwarded-For: x}) gives no
 * address (null) rather than text that PostgreSQL's {@code inet} would refuse.
 */
public final class ClientAddress {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  /** What an IPv6 literal is written with; it starts so that Java never asks DNS about it. */
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

  private ClientAddress() {}

  public static Optional<String> current() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      return Optional.ofNullable(of(attributes.getRequest()));
    }
    return Optional.empty();
  }

  /** The address, or null when what the request names is not an IP address. */
  public static String of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    return address != null && isIpAddress(address) ? address : null;
  }

  private static boolean isIpAddress(String text) {
    if (IPV4.matcher(text).matches()) {
      return true;
    }
    if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(text); // with a colon, read as a literal or refused
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
