package com.earshot.playground;

import java.time.LocalDateTime;

/**
 * One of a playground's agents. {@code name} is the admin's label and never shown to testers.
 *
 * @param maxEvaluations the limit of submitted evaluations, or null for unlimited (tuning only)
 * @param submitted evaluations submitted so far (the counter)
 */
public record ModelConfiguration(
    ModelKey key,
    String name,
    String embedCode,
    EmbedCode parsed,
    Integer maxEvaluations,
    int configurationVersion,
    int submitted,
    LocalDateTime updatedAt) {}
