package com.earshot.platform.web;

import com.earshot.platform.database.UnknownCommitOutcomeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The page for a request the database could not serve (503, Retry-After): whether anything may have
 * been saved, and a Try again that sends the request again with everything it carried, so that
 * nothing typed is lost. Used by {@link DatabaseTroubleAdvice} for failures in a controller and by
 * {@link DatabaseOutageFilter} for those before one (reading the HTTP session).
 */
final class DatabaseTroublePage {

  static final String VIEW = "error/503";

  private DatabaseTroublePage() {}

  /**
   * Whether {@code failure} comes from the database being out of reach (the kinds {@link
   * DatabaseTroubleAdvice} handles), rather than from a wrong statement.
   */
  static boolean isCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException
          || cause instanceof TransientDataAccessException
          || cause instanceof TransactionSystemException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the status and Retry-After, and returns the page's model.
   *
   * @param repeatable whether sending the request again is known to be safe ({@link Idempotent})
   */
  static Map<String, Object> answer(
      HttpServletRequest request,
      HttpServletResponse response,
      Throwable failure,
      boolean repeatable) {
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(HttpHeaders.RETRY_AFTER, "10");
    Map<String, Object> model = new HashMap<>();
    model.put("maybeSaved", maybeSaved(failure));
    model.put("repeatable", repeatable);
    Retry retry = Retry.of(request);
    if (retry != null) {
      model.put("retry", retry);
    }
    return model;
  }

  private static boolean maybeSaved(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownCommitOutcomeException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request again, as a form: its method, its path and every field it sent (its query, for a
   * GET). Only what the request itself carried goes in, its CSRF token included, and no fresh
   * token: a forged request stays forged when someone presses Try again.
   */
  record Retry(boolean post, String path, List<Field> fields) {

    record Field(String name, String value) {}

    static Retry of(HttpServletRequest request) {
      String method = request.getMethod();
      String path = request.getRequestURI();
      // Only a path on this site: "//host" or a backslash would send the form elsewhere.
      if (!("GET".equals(method) || "POST".equals(method))
          || !path.startsWith("/")
          || path.startsWith("//")
          || path.contains("\\")) {
        return null;
      }
      List<Field> fields = new ArrayList<>();
      try {
        request
            .getParameterMap()
            .forEach(
                (name, values) -> {
                  for (String value : values) {
                    fields.add(new Field(name, value));
                  }
                });
      } catch (RuntimeException e) {
        return null; // a body that cannot be read cannot be sent again
      }
      return new Retry("POST".equals(method), path, fields);
    }
  }
}
