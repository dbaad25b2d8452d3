package com.earshot.insights.dashboard;

import com.earshot.insights.plan.StudyPlan;
import com.earshot.insights.statistics.Proportions.Proportion;
import java.util.List;

/**
 * What an A/B test's Insights lead with: the summary in words, each sentence linked to the section
 * that shows it; the primary measure judged by a confidence sequence (valid however often the page
 * is read); how many secondary tests there are (each corrected for their number, Holm); whether the
 * assignment looks as random as it is (sample-ratio mismatch); and the head-to-head preference.
 *
 * @param testersPerAgent the fewer of the agents' counted ratings (or submitted sessions)
 * @param interim a plan is set and not reached, or none is set
 */
record Study(
    StudyPlan plan,
    long testersPerAgent,
    boolean interim,
    Lead primary,
    int secondaryTests,
    int secondaryDiffering,
    RatioCheck sampleRatio,
    Preference preference,
    List<Sentence> summary) {

  /** A sentence of the summary and the id of the section it comes from. */
  record Sentence(String text, String anchor, boolean warning) {}

  /**
   * The primary measure's verdict: decided only when the always-valid interval leaves out "no
   * difference".
   */
  record Lead(String subject, String anchor, String sentence, String method, boolean decided) {}

  /** Whether sessions are spread over the agents as random assignment would spread them. */
  record RatioCheck(String sentence, String method, boolean mismatch) {}

  /**
   * The head-to-head votes: for A, for B, both equally good, both bad; the share for B among the
   * decisive votes with its Wilson interval, an exact test against ½, and whether the agent met
   * first was preferred more often than chance allows.
   */
  record Preference(
      long forA,
      long forB,
      long bothGood,
      long bothBad,
      Proportion shareForB,
      double pValue,
      String sentence,
      String method,
      boolean significant,
      String position) {

    long decisive() {
      return forA + forB;
    }

    long total() {
      return forA + forB + bothGood + bothBad;
    }
  }
}
