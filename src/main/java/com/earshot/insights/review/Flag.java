package com.earshot.insights.review;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Why the data says a submitted session should not count (V25's session_flags), in the order a
 * session left out is counted under: its first flag.
 */
public enum Flag {
  NO_CALL("no_call", "no call"),
  CALL_FAILED("call_failed", "call failed"),
  TOO_SHORT("too_short", "too short"),
  TOO_FAST("too_fast", "answered too fast"),
  BLINDING_BROKEN("blinding_broken", "agent named"),
  PROBLEM_REPORTED("problem_reported", "problem reported"),
  ADMIN_EVALUATED("admin_evaluated", "evaluated by an admin");

  private final String databaseValue;
  private final String label;

  Flag(String databaseValue, String label) {
    this.databaseValue = databaseValue;
    this.label = label;
  }

  public String databaseValue() {
    return databaseValue;
  }

  public String label() {
    return label;
  }

  /**
   * The flags among stored values, in flag order (a value this version does not know is skipped).
   */
  public static List<Flag> listOf(String[] values) {
    return Arrays.stream(values)
        .map(Flag::fromDatabase)
        .flatMap(Optional::stream)
        .sorted()
        .toList();
  }

  public static Optional<Flag> fromDatabase(String value) {
    return Arrays.stream(values()).filter(f -> f.databaseValue.equals(value)).findFirst();
  }
}
