package com.earshot.insights.plan;

import java.util.UUID;

/**
 * What decides an A/B study and how many testers per agent it plans for: the primary measure (a
 * question asked about both agents, or the head-to-head preference; neither: every test counts the
 * same), and the planned number of testers per agent (null: no plan, so every result is interim).
 */
public record StudyPlan(
    UUID primaryQuestion, boolean primaryIsPreference, Integer plannedTestersPerAgent) {

  public static final StudyPlan NONE = new StudyPlan(null, false, null);

  public boolean hasPrimary() {
    return primaryQuestion != null || primaryIsPreference;
  }

  public boolean isPrimary(UUID question) {
    return question.equals(primaryQuestion);
  }

  /** Whether {@code testersPerAgent} (the fewer of the agents' counts) is short of the plan. */
  public boolean interim(long testersPerAgent) {
    return plannedTestersPerAgent == null || testersPerAgent < plannedTestersPerAgent;
  }
}
