package com.earshot.insights.dashboard;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@link PreferenceTally} of a playground: its votes as V33 tallies them, less those of the
 * left-out rounds as V34 tallies them, so the cost is a few rows, not the votes or the rounds left
 * out. Read under row-level security: only the playground's own admin sees its tallies.
 */
@Repository
class PreferenceTallies {

  private final JdbcClient jdbc;

  PreferenceTallies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The tally without the rounds one of whose sessions is left out when {@code subtracted} ({@code
   * LeftOut.subtracts()}), which it then counts apart.
   */
  PreferenceTally of(UUID playground, boolean subtracted) {
    return jdbc.sql(
            """
            WITH subtracted AS (
              SELECT verdict, first_model_key, votes FROM left_out_preference_tallies
              WHERE playground_id = :p),
            counted AS (
              SELECT t.verdict, t.preferred_model_key,
                     t.votes - CASE WHEN :subtracted THEN coalesce(s.votes, 0) ELSE 0 END AS votes
              FROM preference_tallies t
              LEFT JOIN subtracted s ON s.verdict = t.verdict AND s.first_model_key = t.first_model_key
              WHERE t.playground_id = :p)
            SELECT coalesce(sum(votes) FILTER (WHERE preferred_model_key = 'model_a'), 0) AS a,
                   coalesce(sum(votes) FILTER (WHERE preferred_model_key = 'model_b'), 0) AS b,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'both_good'), 0) AS both_good,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'both_bad'), 0) AS both_bad,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'first'), 0) AS first,
                   coalesce(sum(votes) FILTER (WHERE verdict = 'second'), 0) AS second,
                   CASE WHEN :subtracted THEN (SELECT coalesce(sum(votes), 0) FROM subtracted)
                        ELSE 0 END AS left_out
            FROM counted
            """)
        .param("p", playground)
        .param("subtracted", subtracted)
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
