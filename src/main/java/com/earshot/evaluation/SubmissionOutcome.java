package com.earshot.evaluation;

import com.earshot.playground.Playground;
import java.util.Map;

/** What became of a submit. Every outcome but {@link Saved} stored nothing. */
public sealed interface SubmissionOutcome {

  /**
   * Stored (or, on a repeated submit, stored before: nothing changed).
   *
   * @param playground the playground as this submit's transaction read it (under row-level
   *     security), so that assigning the next agent need not read it again; null when the submit
   *     did not read it (a repeated submit)
   */
  record Saved(EvaluationSession session, Playground playground) implements SubmissionOutcome {}

  /** Some answers break the rules: a message per question id, everything typed kept. */
  record Invalid(Map<String, String> errors, Map<String, String> answers, String message)
      implements SubmissionOutcome {}

  /** The model reached its limit (or the reservation lapsed and no slot is free). */
  record LimitReached(Map<String, String> answers, boolean lapsed) implements SubmissionOutcome {}

  /** The playground was deactivated (or closed to this tester) meanwhile. */
  record Unavailable(Map<String, String> answers) implements SubmissionOutcome {}
}
