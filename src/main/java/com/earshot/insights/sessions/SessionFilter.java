package com.earshot.insights.sessions;

import com.earshot.insights.review.Flag;
import com.earshot.platform.database.LikePattern;
import com.earshot.playground.ModelKey;
import java.util.UUID;

/**
 * The filters understood from a request; a null (or empty email) filters nothing.
 *
 * @param status a stored session status: assigned, submitted, expired or given_back
 * @param email text the tester's email contains, matched literally and ignoring case
 * @param tester one tester's user id: the per-tester view
 * @param flag sessions with this flag
 */
record SessionFilter(
    ModelKey model, String status, Integer version, String email, UUID tester, Flag flag) {

  public boolean any() {
    return model != null
        || status != null
        || version != null
        || !email.isEmpty()
        || tester != null
        || flag != null;
  }

  String emailPattern() {
    return LikePattern.containing(email);
  }
}
