package com.earshot.insights.responses;

import com.earshot.playground.ModelKey;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One free-text answer as the open-responses page lists it. Times are UTC.
 *
 * @param round the session's round (in tuning: the tester's how-manieth evaluation)
 * @param position whether the tester met this model first (1) or second (2) in the round
 * @param versionName the model's name in the session's configuration version, null if not known
 */
record ResponseRow(
    UUID id,
    UUID questionId,
    String questionText,
    ModelKey model,
    String answer,
    String testerEmail,
    UUID sessionId,
    LocalDateTime createdAt,
    int round,
    int position,
    String versionName) {}
