package com.earshot.evaluation;

/**
 * A submit refused inside its transaction, carrying what the tester is told and what they typed.
 * Thrown out of the transaction, it rolls back whatever the submit had written so far (the session
 * marked submitted, its answers) when the guarded counter refuses the last slot.
 */
class SubmissionRefusedException extends RuntimeException {

  private final SubmissionOutcome.Refused outcome;

  SubmissionRefusedException(SubmissionOutcome.Refused outcome) {
    super(outcome.getClass().getSimpleName(), null, false, false);
    this.outcome = outcome;
  }

  SubmissionOutcome.Refused outcome() {
    return outcome;
  }
}
