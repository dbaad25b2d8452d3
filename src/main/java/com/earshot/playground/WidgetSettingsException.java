package com.earshot.playground;

/** A widget setting is unusable: Earshot does not start; the message says why in one sentence. */
class WidgetSettingsException extends IllegalArgumentException {

  WidgetSettingsException(String message) {
    super(message);
  }
}
