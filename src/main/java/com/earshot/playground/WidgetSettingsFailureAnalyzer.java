package com.earshot.playground;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link WidgetSettingsException} into Spring Boot's short report, without a stack. */
class WidgetSettingsFailureAnalyzer extends AbstractFailureAnalyzer<WidgetSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WidgetSettingsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Unset the EARSHOT_WIDGET_* variables to use the tested widget version, or see README.md,"
            + " Configuration.",
        cause);
  }
}
