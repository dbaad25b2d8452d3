package com.earshot.insights.dashboard;

/**
 * The head-to-head preferences of an A/B playground (issue 16 §1), counted over the rounds that
 * count: by model, the two ties, and, for the position check (is the agent met first preferred more
 * often?), the decisive answers by the position of the agent chosen.
 *
 * @param preferredA rounds whose tester would rather talk to model A again
 * @param preferredB likewise model B
 * @param bothGood rounds answered "Both equally good"
 * @param bothBad rounds answered "Both bad"
 * @param preferredFirst decisive rounds whose tester chose the agent they met first
 * @param preferredSecond decisive rounds whose tester chose the agent they met second
 * @param roundsLeftOut preferences not counted: a session of their round is left out of the
 *     statistics (flagged or excluded), unless those were asked to be counted
 */
public record PreferenceTally(
    long preferredA,
    long preferredB,
    long bothGood,
    long bothBad,
    long preferredFirst,
    long preferredSecond,
    long roundsLeftOut) {

  public static final PreferenceTally NONE = new PreferenceTally(0, 0, 0, 0, 0, 0, 0);

  public PreferenceTally {
    if (preferredA + preferredB != preferredFirst + preferredSecond) {
      throw new IllegalArgumentException(
          "Every decisive preference is for a model and for a position");
    }
  }

  /** Rounds that chose one agent: A or B, first or second. */
  public long decisive() {
    return preferredA + preferredB;
  }

  /** Every preference counted, ties included. */
  public long total() {
    return decisive() + bothGood + bothBad;
  }
}
