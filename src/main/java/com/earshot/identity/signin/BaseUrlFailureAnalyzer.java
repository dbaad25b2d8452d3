package com.earshot.identity.signin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link BaseUrlException} into Spring Boot's short report, without a stack. */
class BaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<BaseUrlException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BaseUrlException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set EARSHOT_BASE_URL to the address people open Earshot at, like"
            + " https://earshot.acme.com (see README.md, Configuration).",
        cause);
  }
}
