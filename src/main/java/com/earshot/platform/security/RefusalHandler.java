package com.earshot.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A stale or forged form (missing CSRF token) gets 403 and a page that says to reload. A signed-in
 * user asking for what their role does not allow gets 404, as for anything they may not see. Both
 * refusals are published for the audit log.
 */
class RefusalHandler implements AccessDeniedHandler {

  private final ApplicationEventPublisher events;

  RefusalHandler(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
      throws IOException {
    if (refusal instanceof CsrfException) {
      events.publishEvent(new CsrfRejectedEvent(request.getMethod(), request.getRequestURI()));
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    events.publishEvent(new AccessDeniedEvent(request.getMethod(), request.getRequestURI()));
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}
