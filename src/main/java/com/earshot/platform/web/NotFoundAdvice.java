package com.earshot.platform.web;

import com.earshot.platform.security.AccessDeniedEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A route that names a playground, session or other resource answers 404 both when there is none
 * and when it is someone else's, and audits both alike as access denied (coalesced per minute).
 * Telling them apart would take a look past row-level security, and a record, a page or a time that
 * differed would tell the asker that the resource exists; the audited path names the id for whoever
 * investigates.
 */
@ControllerAdvice
class NotFoundAdvice {

  private final ApplicationEventPublisher events;

  NotFoundAdvice(ApplicationEventPublisher events) {
    this.events = events;
  }

  @ExceptionHandler(NotFoundException.class)
  void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
    events.publishEvent(new AccessDeniedEvent(request.getMethod(), request.getRequestURI()));
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}
