package com.earshot.insights.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Each tally next to the same numbers grouped from the rows (for a playground {@code :p}): what the
 * tallies test and the insights benchmark compare with {@code EXCEPT ALL} both ways.
 */
public final class TallyQueries {

  private TallyQueries() {}

  /** A count of the rows in one query's result and not in the other's, either way: 0 if equal. */
  public static String rowsDiffering(String one, String other) {
    return "SELECT (SELECT count(*) FROM ("
        + one
        + " EXCEPT ALL "
        + other
        + ") x) + (SELECT count(*) FROM ("
        + other
        + " EXCEPT ALL "
        + one
        + ") y)";
  }

  public static final String ANSWERS_FROM_ROWS =
      """
      SELECT e.question_id, e.model_key, s.configuration_version, s.position, e.created_at::date,
             e.answer_value, e.rating, count(*), max(e.created_at)
      FROM evaluations e JOIN evaluation_sessions s ON s.id = e.session_id
      WHERE e.playground_id = :p
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      """;

  public static final String ANSWERS_FROM_TALLIES =
      """
      SELECT question_id, model_key, configuration_version, position, day, answer_value, rating,
             answers, last_answer_at
      FROM answer_tallies WHERE playground_id = :p
      """;

  public static final String SESSIONS_FROM_ROWS =
      """
      SELECT model_key, configuration_version, position, submitted_at::date, count(*), max(submitted_at)
      FROM evaluation_sessions WHERE playground_id = :p AND status = 'submitted'
      GROUP BY 1, 2, 3, 4
      """;

  public static final String SESSIONS_FROM_TALLIES =
      """
      SELECT model_key, configuration_version, position, day, submitted, last_submitted_at
      FROM session_tallies WHERE playground_id = :p
      """;

  public static final String PAIRS_FROM_ROWS =
      """
      SELECT b.question_id, second.model_key, (b.rating - a.rating)::smallint, count(*)
      FROM evaluation_sessions first
      JOIN evaluation_sessions second ON second.playground_id = first.playground_id
           AND second.user_id = first.user_id AND second.round_number = first.round_number
           AND second.position = 2
      JOIN evaluations a ON a.session_id = CASE WHEN first.model_key = 'model_a' THEN first.id ELSE second.id END
      JOIN evaluations b ON b.session_id = CASE WHEN first.model_key = 'model_b' THEN first.id ELSE second.id END
           AND b.question_id = a.question_id
      WHERE first.playground_id = :p AND first.position = 1
        AND first.status = 'submitted' AND second.status = 'submitted'
        AND a.rating IS NOT NULL AND b.rating IS NOT NULL
      GROUP BY 1, 2, 3
      """;

  public static final String PAIRS_FROM_TALLIES =
      """
      SELECT question_id, second_model_key, difference, pairs
      FROM rating_pair_tallies WHERE playground_id = :p
      """;

  /**
   * The submitted sessions of {@code :p} that the statistics leave out, from their flags and
   * decisions (V25), not from V34's {@code left_out_sessions}.
   */
  private static final String LEFT_OUT =
      """
      (SELECT s.id FROM evaluation_sessions s
       LEFT JOIN session_exclusions x ON x.session_id = s.id
       WHERE s.playground_id = :p AND s.status = 'submitted'
         AND (x.decision = 'excluded'
              OR (x.decision IS NULL
                  AND EXISTS (SELECT 1 FROM session_flags f WHERE f.session_id = s.id))))
      """;

  public static final String LEFT_OUT_SESSIONS_FROM_ROWS = "SELECT id FROM " + LEFT_OUT + " l";

  public static final String LEFT_OUT_SESSIONS_FROM_TALLIES =
      "SELECT session_id FROM left_out_sessions WHERE playground_id = :p";

  public static final String LEFT_OUT_ANSWERS_FROM_ROWS =
      """
      SELECT e.question_id, e.model_key, s.configuration_version, s.position, e.created_at::date,
             e.answer_value, e.rating, count(*)
      FROM evaluations e JOIN evaluation_sessions s ON s.id = e.session_id
      WHERE e.session_id IN %s
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      """
          .formatted(LEFT_OUT);

  public static final String LEFT_OUT_ANSWERS_FROM_TALLIES =
      """
      SELECT question_id, model_key, configuration_version, position, day, answer_value, rating,
             answers
      FROM left_out_answer_tallies WHERE playground_id = :p AND answers <> 0
      """;

  public static final String LEFT_OUT_SESSIONS_BY_DAY_FROM_ROWS =
      """
      SELECT model_key, configuration_version, position, submitted_at::date, count(*)
      FROM evaluation_sessions WHERE id IN %s
      GROUP BY 1, 2, 3, 4
      """
          .formatted(LEFT_OUT);

  public static final String LEFT_OUT_SESSIONS_BY_DAY_FROM_TALLIES =
      """
      SELECT model_key, configuration_version, position, day, submitted
      FROM left_out_session_tallies WHERE playground_id = :p AND submitted <> 0
      """;

  /** The pairs of {@link #PAIRS_FROM_ROWS} one of whose sessions is left out. */
  public static final String LEFT_OUT_PAIRS_FROM_ROWS =
      PAIRS_FROM_ROWS.replace(
          "GROUP BY 1, 2, 3",
          "AND (first.id IN %1$s OR second.id IN %1$s)\nGROUP BY 1, 2, 3".formatted(LEFT_OUT));

  public static final String LEFT_OUT_PAIRS_FROM_TALLIES =
      """
      SELECT question_id, second_model_key, difference, pairs
      FROM left_out_pair_tallies WHERE playground_id = :p AND pairs <> 0
      """;

  /** Testers who answered in {@code :p}, none of whose answered sessions counts. */
  public static final String LEFT_OUT_TESTERS_FROM_ROWS =
      """
      SELECT DISTINCT e.user_id FROM evaluations e
      WHERE e.playground_id = :p
        AND NOT EXISTS (SELECT 1 FROM evaluations o
                        WHERE o.playground_id = :p AND o.user_id = e.user_id
                          AND o.session_id NOT IN %s)
      """
          .formatted(LEFT_OUT);

  public static final String LEFT_OUT_TESTERS_FROM_TALLIES =
      "SELECT user_id FROM left_out_testers WHERE playground_id = :p";

  /** The votes of the rounds one of whose sessions is left out. */
  public static final String LEFT_OUT_PREFERENCES_FROM_ROWS =
      """
      SELECT v.verdict, v.first_model_key, v.preferred_model_key, count(*)
      FROM preferences v
      WHERE v.playground_id = :p
        AND EXISTS (SELECT 1 FROM evaluation_sessions s
                    WHERE s.playground_id = :p AND s.user_id = v.user_id
                      AND s.round_number = v.round_number AND s.id IN %s)
      GROUP BY 1, 2, 3
      """
          .formatted(LEFT_OUT);

  public static final String LEFT_OUT_PREFERENCES_FROM_TALLIES =
      """
      SELECT verdict, first_model_key, preferred_model_key, votes
      FROM left_out_preference_tallies WHERE playground_id = :p AND votes <> 0
      """;

  /** Each left-out query from the rows and from V34's tallies, by what it counts. */
  public static final Map<String, List<String>> LEFT_OUT_QUERIES =
      Map.of(
          "sessions",
          List.of(LEFT_OUT_SESSIONS_FROM_ROWS, LEFT_OUT_SESSIONS_FROM_TALLIES),
          "answers",
          List.of(LEFT_OUT_ANSWERS_FROM_ROWS, LEFT_OUT_ANSWERS_FROM_TALLIES),
          "submitted by day",
          List.of(LEFT_OUT_SESSIONS_BY_DAY_FROM_ROWS, LEFT_OUT_SESSIONS_BY_DAY_FROM_TALLIES),
          "rating pairs",
          List.of(LEFT_OUT_PAIRS_FROM_ROWS, LEFT_OUT_PAIRS_FROM_TALLIES),
          "testers",
          List.of(LEFT_OUT_TESTERS_FROM_ROWS, LEFT_OUT_TESTERS_FROM_TALLIES),
          "preferences",
          List.of(LEFT_OUT_PREFERENCES_FROM_ROWS, LEFT_OUT_PREFERENCES_FROM_TALLIES));
}
