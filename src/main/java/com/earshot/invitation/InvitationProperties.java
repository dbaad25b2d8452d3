package com.earshot.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How invitations are sent.
 *
 * @param maxPerSend addresses one invitation (or reminder) may go to at once
 * @param sendsPerWindow invitations and reminders one admin may send in {@code rateWindow}
 * @param rateWindow the window of {@code sendsPerWindow}; at most 30 minutes, as sign-in's clean-up
 *     deletes older rate-limit hits
 * @param resendAfter how long after a mail to an address no other goes to it for the same
 *     playground
 */
@ConfigurationProperties("earshot.invitations")
public record InvitationProperties(
    @DefaultValue("200") int maxPerSend,
    @DefaultValue("10") int sendsPerWindow,
    @DefaultValue("15m") Duration rateWindow,
    @DefaultValue("24h") Duration resendAfter) {

  public InvitationProperties {
    if (maxPerSend < 1 || sendsPerWindow < 1) {
      throw new IllegalArgumentException("earshot.invitations limits must be positive");
    }
    if (rateWindow.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException(
          "earshot.invitations.rate-window must be at most 30 minutes");
    }
  }
}
