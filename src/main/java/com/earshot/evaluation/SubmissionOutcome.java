package com.earshot.evaluation;

import java.util.Map;
import java.util.Optional;

/**
 * What became of a submit: saved, with what the tester meets next; or {@link Refused}, with nothing
 * stored and everything typed kept.
 */
public sealed interface SubmissionOutcome {

  /**
   * Stored (or, on a repeated submit, stored before: nothing changed), and the tester's next
   * assignment in the playground.
   */
  record Saved(EvaluationSession session, Assignment next) implements SubmissionOutcome {

    /** The next agent of this round, when the tester goes straight on to it. */
    public Optional<EvaluationSession> nextAgent() {
      return next instanceof Assignment.Given given
              && given.session().round() == session.round()
              && given.session().position() > session.position()
          ? Optional.of(given.session())
          : Optional.empty();
    }
  }

  /**
   * Stored, but the next assignment could not be found (the database went away right after the
   * commit, say): the answers stand, and the playground tells the rest later.
   */
  record SavedNextUnknown(EvaluationSession session) implements SubmissionOutcome {}

  /** Nothing was stored; what was typed comes back. */
  sealed interface Refused extends SubmissionOutcome {
    /** The answers as typed, by question id. */
    Map<String, String> answers();
  }

  /** Some answers break the rules: a message per question id, everything typed kept. */
  record Invalid(
      EvaluationSession session,
      Map<String, String> errors,
      Map<String, String> answers,
      String message)
      implements Refused {}

  /** The model reached its limit (or the reservation lapsed and no slot is free). */
  record LimitReached(EvaluationSession session, Map<String, String> answers, boolean lapsed)
      implements Refused {}

  /** The playground was deactivated (or closed to this tester) meanwhile. */
  record Unavailable(Map<String, String> answers) implements Refused {}
}
