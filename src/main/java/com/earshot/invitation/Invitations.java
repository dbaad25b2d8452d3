package com.earshot.invitation;

/** What other modules may ask of invitations. */
public interface Invitations {

  /**
   * Whether anyone invited the signed-in user to a playground (a yes or no: testers see nothing
   * else of invitations).
   */
  boolean currentUserIsInvited();
}
