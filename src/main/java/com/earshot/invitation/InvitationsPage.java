package com.earshot.invitation;

import com.earshot.playground.Playground;
import java.util.List;

/**
 * A playground's invitations page: its tester link, the addresses on its access list that can be
 * invited, and every invitee with how far they got.
 */
record InvitationsPage(
    Playground playground,
    String testerLink,
    List<String> accessListAddresses,
    List<Invitee> invitees,
    int maxPerSend) {

  public long started() {
    return invitees.stream().filter(Invitee::started).count();
  }

  public long finished() {
    return invitees.stream().filter(Invitee::finished).count();
  }

  /** Invitees who have not finished: whom a reminder is for. */
  public long unfinished() {
    return invitees.size() - finished();
  }

  /** The access list's individual addresses (its @domain entries cannot be mailed). */
  static List<String> addressesOn(Playground playground) {
    return playground.isPublic()
        ? List.of()
        : playground.restrictedEmails().stream().filter(entry -> !entry.startsWith("@")).toList();
  }
}
