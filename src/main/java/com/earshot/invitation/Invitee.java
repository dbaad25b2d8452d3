package com.earshot.invitation;

import java.time.LocalDateTime;

/**
 * One invited address and how far its tester got. Times are UTC.
 *
 * @param started any session in the playground
 * @param finished A/B: a complete round (both agents submitted in one round); tuning: one submit
 */
record Invitee(
    String email,
    LocalDateTime invitedAt,
    LocalDateTime lastSentAt,
    int timesSent,
    LocalDateTime remindedAt,
    boolean started,
    boolean finished) {}
