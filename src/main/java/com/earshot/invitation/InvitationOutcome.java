package com.earshot.invitation;

/** What became of an invitation or reminder sent to some addresses. */
sealed interface InvitationOutcome {

  /**
   * Mailed to {@code sent} addresses; {@code notSentAgain} were mailed within the resend window and
   * {@code skipped} did not need it (a reminder to someone who finished).
   */
  record Sent(int sent, int notSentAgain, int skipped) implements InvitationOutcome {}

  /** Nothing sent, for a reason the admin can fix in what they typed. */
  record Refused(String message) implements InvitationOutcome {}

  /** Nothing sent: too many invitations from this admin just now. */
  record Limited(long retryAfterMinutes) implements InvitationOutcome {}
}
