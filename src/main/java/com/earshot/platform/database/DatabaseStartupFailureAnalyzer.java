package com.earshot.platform.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link DatabaseStartupException} into Spring Boot's short report, without a stack. */
class DatabaseStartupFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseStartupException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseStartupException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set DATABASE_URL (or SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD) to a reachable PostgreSQL,"
            + " or unset them to use the embedded database (see README.md, Configuration).",
        cause);
  }
}
