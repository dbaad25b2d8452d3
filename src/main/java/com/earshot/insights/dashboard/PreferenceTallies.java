package com.earshot.insights.dashboard;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@link PreferenceTally} of a playground, in one aggregate over its preferences (V31). Read
 * under row-level security: only the playground's own admin sees its testers' preferences.
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
              WHERE id = ANY (?::uuid[]) AND playground_id = ?)
            SELECT count(*) FILTER (WHERE counts AND p.preferred_model_key = 'model_a') AS a,
                   count(*) FILTER (WHERE counts AND p.preferred_model_key = 'model_b') AS b,
                   count(*) FILTER (WHERE counts AND p.verdict = 'both_good') AS both_good,
                   count(*) FILTER (WHERE counts AND p.verdict = 'both_bad') AS both_bad,
                   count(*) FILTER (WHERE counts AND p.verdict = 'first') AS first,
                   count(*) FILTER (WHERE counts AND p.verdict = 'second') AS second,
                   count(*) FILTER (WHERE NOT counts) AS left_out
            FROM preferences p
            LEFT JOIN left_out o ON o.user_id = p.user_id AND o.round_number = p.round_number
            CROSS JOIN LATERAL (SELECT o.user_id IS NULL AS counts) c
            WHERE p.playground_id = ?
            """)
        .params(leftOut.toArray(UUID[]::new), playground, playground)
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
