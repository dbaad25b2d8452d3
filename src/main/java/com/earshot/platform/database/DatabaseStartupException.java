package com.earshot.platform.database;

/** The database cannot be used; the message says why and what to do, in one line. */
class DatabaseStartupException extends RuntimeException {

  public DatabaseStartupException(String message) {
    super(message);
  }

  public DatabaseStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
