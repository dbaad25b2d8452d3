package com.earshot.insights.responses;

import com.earshot.platform.database.LikePattern;
import com.earshot.playground.ModelKey;
import java.util.UUID;

/**
 * The open answers an admin asked for: every filter optional.
 *
 * @param search a case-insensitive substring of the answer, matched literally; empty: every answer
 * @param model the evaluated model, or null for every model
 * @param question a free-text question of the playground, or null for every one
 */
record ResponseFilter(String search, ModelKey model, UUID question) {

  ResponseFilter {
    // PostgreSQL text cannot hold NUL, and no answer contains one: dropping it changes no match.
    search = search == null ? "" : search.replace("\u0000", "");
  }

  public boolean searching() {
    return !search.isEmpty();
  }

  /** The search as a LIKE pattern that matches it literally. */
  String likePattern() {
    return LikePattern.containing(search);
  }

  boolean admits(UUID questionId, ModelKey modelKey) {
    return (question == null || question.equals(questionId))
        && (model == null || model == modelKey);
  }
}
