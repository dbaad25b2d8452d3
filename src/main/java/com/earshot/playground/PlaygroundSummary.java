package com.earshot.playground;

import com.earshot.platform.web.Percent;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;

/** A row of Manage › Playgrounds. */
record PlaygroundSummary(
    UUID id,
    String name,
    PlaygroundType type,
    boolean active,
    Progress modelA,
    Progress modelB,
    long submittedSessions,
    long testers,
    long abandonedSessions,
    LocalDateTime lastActivity) {

  /** Of the sessions that ended, the percentage never submitted; null before any ended. */
  public BigDecimal dropOutPercent() {
    return Percent.of(abandonedSessions, submittedSessions + abandonedSessions);
  }

  /** Submitted evaluations against the limit (null: unlimited). */
  record Progress(int submitted, Integer limit) {

    int percent() {
      return limit == null || limit == 0 ? 0 : Math.min(100, submitted * 100 / limit);
    }
  }
}
