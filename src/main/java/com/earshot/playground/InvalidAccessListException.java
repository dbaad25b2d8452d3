package com.earshot.playground;

import java.util.List;

/** Entries that are neither an email address nor an {@code @domain}. */
class InvalidAccessListException extends IllegalArgumentException {

  InvalidAccessListException(List<String> invalid) {
    super(
        (invalid.size() == 1 ? "This entry is" : "These entries are")
            + " neither an email address nor an @domain: "
            + String.join(", ", invalid.stream().limit(20).toList())
            + (invalid.size() > 20 ? " and " + (invalid.size() - 20) + " more" : "")
            + ".");
  }

  InvalidAccessListException(String message) {
    super(message);
  }
}
