package com.earshot.insights.review;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The submitted sessions a playground's statistics leave out, and why: each counted once, under "by
 * hand" when an admin excluded it, else under its first {@link Flag}.
 *
 * @param reasons how many under each reason, in {@link Flag} order, "by hand" last
 * @param included whether the statistics were asked to count them after all
 */
public record LeftOut(Map<String, Long> reasons, boolean included) {

  static final String BY_HAND = "by hand";

  public LeftOut {
    reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
  }

  public static LeftOut none() {
    return new LeftOut(Map.of(), false);
  }

  public long count() {
    return reasons.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Whether the statistics subtract the left-out sessions' share (V34) from the tallies: not when
   * they are included, nor when there is none.
   */
  public boolean subtracts() {
    return !included && count() > 0;
  }

  /** "12 sessions left out: 7 no call, 3 too short, 2 by hand." */
  public String sentence() {
    long count = count();
    if (count == 0) {
      return "No sessions left out.";
    }
    String why =
        reasons.entrySet().stream()
            .map(reason -> reason.getValue() + " " + reason.getKey())
            .collect(Collectors.joining(", "));
    String counted = count == 1 ? "1 session" : count + " sessions";
    return included
        ? counted
            + (count == 1
                ? " that would be left out is counted: "
                : " that would be left out are counted: ")
            + why
            + "."
        : counted + " left out: " + why + ".";
  }
}
