package com.earshot.evaluation;

/** What a tester is given when they open a playground. */
public sealed interface Assignment {

  /** A model to talk to: a new session, or the open one resumed. */
  record Given(EvaluationSession session) implements Assignment {}

  /** Both models evaluated in this round. */
  record RoundComplete(int round, boolean canStartAnother) implements Assignment {}

  /** Nothing to give, and why. */
  record Closed(Reason reason) implements Assignment {}

  enum Reason {
    /** The model this tester needs next has reached its limit (or its slots are reserved). */
    LIMIT_REACHED,
    /** The tester did every round the playground allows. */
    ROUNDS_DONE,
    /** Inactive, restricted to others, or gone. */
    NOT_AVAILABLE
  }
}
