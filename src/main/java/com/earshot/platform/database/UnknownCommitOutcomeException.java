package com.earshot.platform.database;

import org.springframework.transaction.TransactionSystemException;

/**
 * The connection was lost while committing: the server may have committed before the answer was
 * lost, or not. Whoever tells the user about it must not say that nothing was saved.
 */
public final class UnknownCommitOutcomeException extends TransactionSystemException {

  UnknownCommitOutcomeException(RuntimeException cause) {
    super(
        "The database connection was lost during a commit: it may or may not have happened", cause);
  }
}
