package com.earshot.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * When the database is briefly out of reach: a page that says to try again (503, Retry-After)
 * instead of an error ({@link DatabaseTroublePage}). The transaction rolled back, so nothing was
 * half-written. A connection lost in the middle of a transaction surfaces as the failed rollback or
 * commit on it ({@link TransactionSystemException}), which overrides the original error.
 */
@ControllerAdvice
class DatabaseTroubleAdvice {

  private static final Logger log = LoggerFactory.getLogger(DatabaseTroubleAdvice.class);

  @ExceptionHandler({
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class,
    TransactionSystemException.class
  })
  String databaseUnavailable(
      RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    log.warn("Database unavailable: {}", e.getMessage());
    boolean repeatable =
        request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
                instanceof HandlerMethod handler
            && handler.hasMethodAnnotation(Idempotent.class);
    model.addAllAttributes(DatabaseTroublePage.answer(request, response, e, repeatable));
    return DatabaseTroublePage.VIEW;
  }
}
