package com.earshot.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Reads the session cookie once per pass through Spring Session's filter.
 *
 * <p>Spring Session saves the session when the response is committed and again when its filter
 * ends, and that second save looks the requested session up in the database anew
 * (spring-session#1731). Every page and redirect commits before the filter ends, so each cost one
 * more query, and with the database gone just then, an answer already on its way (a saved submit)
 * was broken off by the failing look-up. Asked again, this resolver knows no session id, so nothing
 * is read: the second save writes only what changed since the first (usually nothing), and the
 * cookie it then sets again is ignored, the response having been sent.
 */
final class SessionIdReadOnce implements HttpSessionIdResolver {

  private static final String READ = SessionIdReadOnce.class.getName() + ".READ";

  private final HttpSessionIdResolver cookies;

  SessionIdReadOnce(HttpSessionIdResolver cookies) {
    this.cookies = cookies;
  }

  @Override
  public List<String> resolveSessionIds(HttpServletRequest request) {
    // The filter asks with its own request wrapper, a new one per pass (an error page's included).
    if (request.getAttribute(READ) == request) {
      return List.of();
    }
    request.setAttribute(READ, request);
    return cookies.resolveSessionIds(request);
  }

  @Override
  public void setSessionId(
      HttpServletRequest request, HttpServletResponse response, String sessionId) {
    cookies.setSessionId(request, response, sessionId);
  }

  @Override
  public void expireSession(HttpServletRequest request, HttpServletResponse response) {
    cookies.expireSession(request, response);
  }
}
