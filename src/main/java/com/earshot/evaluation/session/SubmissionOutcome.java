package com.earshot.evaluation.session;

import java.util.Map;

/** What became of a submit. Every outcome but {@link Saved} stored nothing. */
public sealed interface SubmissionOutcome {

  /** Stored (or, on a repeated submit, stored before: nothing changed). */
  record Saved(EvaluationSession session) implements SubmissionOutcome {}

  /** Some answers break the rules: a message per question id, everything typed kept. */
  record Invalid(Map<String, String> errors, Map<String, String> answers, String message)
      implements SubmissionOutcome {}

  /** The model reached its limit (or the reservation lapsed and no slot is free). */
  record LimitReached(Map<String, String> answers, boolean lapsed) implements SubmissionOutcome {}

  /** The playground was deactivated (or closed to this tester) meanwhile. */
  record Unavailable(Map<String, String> answers) implements SubmissionOutcome {}
}
