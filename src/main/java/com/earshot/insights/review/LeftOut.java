package com.earshot.insights.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The submitted sessions a playground's statistics leave out, and why: each counted once, under "by
 * hand" when an admin excluded it, else under its first {@link Flag}.
 *
 * @param sessions the sessions left out
 * @param reasons how many under each reason, in {@link Flag} order, "by hand" last
 * @param included whether the statistics were asked to count them after all
 */
public record LeftOut(Set<UUID> sessions, Map<String, Long> reasons, boolean included) {

  static final String BY_HAND = "by hand";

  public LeftOut {
    sessions = Set.copyOf(sessions);
    reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
  }

  public static LeftOut none() {
    return new LeftOut(Set.of(), Map.of(), false);
  }

  public long count() {
    return sessions.size();
  }

  /** The sessions the statistics subtract from the tallies: none when they are included. */
  public List<UUID> subtracted() {
    return included ? List.of() : List.copyOf(sessions);
  }

  /** "12 sessions left out: 7 no call, 3 too short, 2 by hand." */
  public String sentence() {
    if (sessions.isEmpty()) {
      return "No sessions left out.";
    }
    String why =
        reasons.entrySet().stream()
            .map(reason -> reason.getValue() + " " + reason.getKey())
            .collect(Collectors.joining(", "));
    String counted = sessions.size() == 1 ? "1 session" : sessions.size() + " sessions";
    return included
        ? counted
            + (sessions.size() == 1
                ? " that would be left out is counted: "
                : " that would be left out are counted: ")
            + why
            + "."
        : counted + " left out: " + why + ".";
  }
}
