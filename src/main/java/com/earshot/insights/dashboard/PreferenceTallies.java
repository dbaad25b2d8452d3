package com.earshot.insights.dashboard;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@link PreferenceTally} of a playground: its votes as V33 tallies them, less those of the
 * left-out rounds, read from their rows by the round's key, so the cost grows with the rounds left
 * out, not with the votes. Read under row-level security: only the playground's own admin sees its
 * tallies and its testers' preferences.
 */
@Repository
class PreferenceTallies {

  private final JdbcClient jdbc;

  PreferenceTallies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The tally without the rounds one of whose sessions is in {@code leftOut} (the sessions the
   * statistics subtract, {@code LeftOut.subtracted()}), which it counts apart.
   */
  PreferenceTally of(UUID playground, List<UUID> leftOut) {
    return jdbc.sql(
            """
            WITH left_out AS (
              SELECT DISTINCT user_id, round_number FROM evaluation_sessions
              WHERE id = ANY (?::uuid[]) AND playground_id = ?),
            subtracted AS (
              SELECT p.verdict, p.first_model_key, count(*) AS votes
              FROM left_out o
              JOIN preferences p ON p.playground_id = ? AND p.user_id = o.user_id
                                AND p.round_number = o.round_number
              GROUP BY 1, 2),
            counted AS (
              SELECT t.verdict, t.preferred_model_key, t.votes - coalesce(s.votes, 0) AS votes
              FROM preference_tallies t
              LEFT JOIN subtracted s ON s.verdict = t.verdict AND s.first_model_key = t.first_model_key
              WHERE t.playground_id = ?)
            SELECT coalesce(sum(votes) FILTER (WHERE preferred_model_key = 'model_a'), 0) AS a,
                   coalesce(sum(votes) FILTER (WHERE preferred_model_key = 'model_b'), 0) AS b,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'both_good'), 0) AS both_good,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'both_bad'), 0) AS both_bad,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'first'), 0) AS first,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'second'), 0) AS second,
                   (SELECT coalesce(sum(votes), 0) FROM subtracted) AS left_out
            FROM counted
            """)
        .params(leftOut.toArray(UUID[]::new), playground, playground, playground)
        .query(
            (rs, row) ->
                new PreferenceTally(
                    rs.getLong("a"),
                    rs.getLong("b"),
                    rs.getLong("both_good"),
                    rs.getLong("both_bad"),
                    rs.getLong("first"),
                    rs.getLong("second"),
                    rs.getLong("left_out")))
        .single();
  }
}
