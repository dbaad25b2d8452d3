package com.earshot.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client's IP address for the current request. Forwarded headers count only when they come from
 * a trusted proxy: Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native}, trusted
 * proxies in {@code server.tomcat.remoteip.internal-proxies}) has already applied them.
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static Optional<String> current() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      return Optional.of(of(attributes.getRequest()));
    }
    return Optional.empty();
  }

  public static String of(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
