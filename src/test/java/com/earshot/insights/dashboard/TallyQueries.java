package com.earshot.insights.dashboard;

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
}
