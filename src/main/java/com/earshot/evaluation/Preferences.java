package com.earshot.evaluation;

import com.earshot.playground.ModelKey;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Testers' head-to-head preferences, one per round (V31). Row-level security shows a tester only
 * their own; the database refuses one for a round that is not complete.
 */
@Repository
class Preferences {

  private final JdbcClient jdbc;

  Preferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(UUID playground, UUID user, int round) {
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM preferences
                           WHERE playground_id = ? AND user_id = ? AND round_number = ?)
            """)
        .params(playground, user, round)
        .query(Boolean.class)
        .single();
  }

  /**
   * Stores the preference of the current user's round, unless one is stored already (a repeated
   * submit): then nothing changes, and the first one stands.
   */
  void insert(
      UUID playground,
      int round,
      PreferenceVerdict verdict,
      ModelKey firstModel,
      ModelKey preferredModel,
      String reason) {
    jdbc.sql(
            """
            INSERT INTO preferences (playground_id, user_id, round_number, verdict,
                                     preferred_model_key, first_model_key, reason)
            VALUES (?, app_current_user_id(), ?, ?, ?, ?, ?)
            ON CONFLICT (playground_id, user_id, round_number) DO NOTHING
            """)
        .params(
            playground,
            round,
            verdict.databaseValue(),
            preferredModel == null ? null : preferredModel.databaseValue(),
            firstModel.databaseValue(),
            reason)
        .update();
  }
}
