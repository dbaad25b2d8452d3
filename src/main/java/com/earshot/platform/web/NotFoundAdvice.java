package com.earshot.platform.web;

import com.earshot.platform.security.AccessDeniedEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A route that names a playground, session or other resource answers 404 both when there is none
 * and when it is someone else's, and audits both alike as access denied (coalesced per minute).
 * Telling them apart would take a look past row-level security, and a record, a page or a time that
 * differed would tell the asker that the resource exists; the audited path names the id for whoever
 * investigates.
 *
 * <p>Handlers take their ids as {@link UUID}s ({@code @PathVariable UUID id}): one that is not a
 * UUID (or blank) names nothing either, so it answers the same 404 here rather than Spring's 400.
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

  /** An id that is not a UUID; any other value of the wrong type stays Spring's 400. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  void malformedId(
      MethodArgumentTypeMismatchException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (!isId(e.getParameter())) {
      throw e; // the same exception: Spring's default resolver answers it
    }
    notFound(request, response);
  }

  /** A blank id converts to no UUID at all. */
  @ExceptionHandler(MissingPathVariableException.class)
  void blankId(
      MissingPathVariableException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException, MissingPathVariableException {
    if (!e.isMissingAfterConversion() || !isId(e.getParameter())) {
      throw e;
    }
    notFound(request, response);
  }

  /** A UUID, or a list of them (the questions' order). */
  private static boolean isId(MethodParameter parameter) {
    ResolvableType type = ResolvableType.forMethodParameter(parameter);
    if (Collection.class.isAssignableFrom(type.toClass())) {
      type = type.asCollection().getGeneric(0);
    }
    return type.toClass() == UUID.class;
  }
}
