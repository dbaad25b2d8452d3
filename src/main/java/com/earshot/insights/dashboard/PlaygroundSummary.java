package com.earshot.insights.dashboard;

import com.earshot.insights.dashboard.Tallies.Metrics;
import com.earshot.platform.web.Percent;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundStatus;
import com.earshot.playground.PlaygroundType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;

/** A row of Manage › Playgrounds: the playground and its headline numbers. */
record PlaygroundSummary(
    UUID id,
    String name,
    PlaygroundType type,
    boolean active,
    PlaygroundStatus status,
    Progress modelA,
    Progress modelB,
    long submittedSessions,
    long testers,
    long abandonedSessions,
    LocalDateTime lastActivity) {

  static PlaygroundSummary of(Playground playground, Metrics metrics) {
    return new PlaygroundSummary(
        playground.id(),
        playground.name(),
        playground.type(),
        playground.active(),
        playground.status(),
        Progress.of(playground, ModelKey.MODEL_A),
        playground.type() == PlaygroundType.AB_TESTING
            ? Progress.of(playground, ModelKey.MODEL_B)
            : null,
        metrics.submitted(),
        metrics.testers(),
        metrics.abandoned(),
        metrics.lastActivity());
  }

  /** Of the sessions that ended, the percentage never submitted; null before any ended. */
  public BigDecimal dropOutPercent() {
    return Percent.of(abandonedSessions, submittedSessions + abandonedSessions);
  }

  /** Submitted evaluations (the model's counter) against the limit (null: unlimited). */
  record Progress(int submitted, Integer limit) {

    static Progress of(Playground playground, ModelKey key) {
      return playground
          .model(key)
          .map(model -> new Progress(model.submitted(), model.maxEvaluations()))
          .orElse(new Progress(0, null));
    }
  }
}
