package com.earshot.insights.dashboard;

import com.earshot.playground.ModelKey;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's reads: the seed's views as computed from the tallies (V16), and the tallies
 * themselves. Each is a few thousand rows at most, however many sessions a playground has.
 * Row-level security gives them only to the admin who owns the playground.
 */
@Repository
class Tallies {

  private final JdbcClient jdbc;

  Tallies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The row of {@code playground_metrics}. */
  record Metrics(
      long testers,
      long answers,
      long submitted,
      long open,
      long abandoned,
      LocalDateTime lastActivity) {}

  /** A row of {@code question_metrics}: answers with one option value, by one model. */
  record OptionCount(
      UUID question, ModelKey model, String value, long count, BigDecimal percentage) {}

  /** Answers with one value (option, rating, or neither for free text) in one slice. */
  record AnswerTally(
      UUID question,
      ModelKey model,
      int version,
      int position,
      LocalDate day,
      String value,
      Integer rating,
      long answers) {}

  record SessionTally(ModelKey model, int version, int position, LocalDate day, long submitted) {}

  /** Paired ratings of a question whose difference (B − A) was {@code difference}. */
  record PairTally(UUID question, int difference, long pairs) {}

  Optional<Metrics> metrics(UUID playground) {
    return jdbc.sql("SELECT * FROM insights_playground_metrics(?)")
        .param(playground)
        .query((rs, row) -> metrics(rs))
        .optional();
  }

  /** The rows of {@code playground_metrics} of each of the playgrounds, in one statement. */
  Map<UUID, Metrics> metrics(List<UUID> playgrounds) {
    Map<UUID, Metrics> metrics = new HashMap<>();
    if (playgrounds.isEmpty()) {
      return metrics;
    }
    jdbc.sql(
            """
            SELECT m.* FROM unnest(?::uuid[]) AS p (id)
            CROSS JOIN LATERAL insights_playground_metrics(p.id) m
            """)
        .param(playgrounds.toArray(UUID[]::new))
        .query(
            rs -> {
              metrics.put(rs.getObject("id", UUID.class), metrics(rs));
            });
    return metrics;
  }

  List<OptionCount> optionCounts(UUID playground) {
    return jdbc.sql("SELECT * FROM insights_question_metrics(?) WHERE answer_value IS NOT NULL")
        .param(playground)
        .query(
            (rs, row) ->
                new OptionCount(
                    rs.getObject("id", UUID.class),
                    ModelKey.fromDatabase(rs.getString("model_key")),
                    rs.getString("answer_value"),
                    rs.getLong("response_count"),
                    rs.getBigDecimal("percentage")))
        .list();
  }

  List<AnswerTally> answers(UUID playground) {
    return jdbc.sql(
            """
            SELECT question_id, model_key, configuration_version, position, day, answer_value,
                   rating, answers
            FROM answer_tallies WHERE playground_id = ?
            """)
        .param(playground)
        .query(Tallies::answerTally)
        .list();
  }

  /**
   * Per model, its sessions given back, with a reported problem, and whose widget failed; only
   * those sessions are read (a partial index holds them).
   */
  /** Sessions per model that ended without a submit: lapsed or given back (the status index). */
  Map<ModelKey, Long> givenUp(UUID playground) {
    Map<ModelKey, Long> givenUp = new java.util.EnumMap<>(ModelKey.class);
    jdbc.sql(
            """
            SELECT model_key, count(*) AS given_up FROM evaluation_sessions
            WHERE playground_id = ? AND status IN ('expired', 'given_back')
            GROUP BY model_key
            """)
        .param(playground)
        .query(
            rs -> {
              givenUp.put(ModelKey.fromDatabase(rs.getString("model_key")), rs.getLong("given_up"));
            });
    return givenUp;
  }

  Map<ModelKey, Dashboard.Trouble> trouble(UUID playground) {
    Map<ModelKey, Dashboard.Trouble> trouble = new java.util.EnumMap<>(ModelKey.class);
    jdbc.sql(
            """
            SELECT model_key,
                   count(*) FILTER (WHERE status = 'given_back') AS given_back,
                   count(*) FILTER (WHERE problem_reported_at IS NOT NULL) AS problems,
                   count(*) FILTER (WHERE widget_failed_at IS NOT NULL) AS widget_failures
            FROM evaluation_sessions
            WHERE playground_id = ?
              AND (status = 'given_back' OR widget_failed_at IS NOT NULL
                   OR problem_reported_at IS NOT NULL)
            GROUP BY model_key
            """)
        .param(playground)
        .query(
            rs -> {
              trouble.put(
                  ModelKey.fromDatabase(rs.getString("model_key")),
                  new Dashboard.Trouble(
                      rs.getLong("given_back"),
                      rs.getLong("problems"),
                      rs.getLong("widget_failures")));
            });
    return trouble;
  }

  List<SessionTally> sessions(UUID playground) {
    return jdbc.sql(
            """
            SELECT model_key, configuration_version, position, day, submitted
            FROM session_tallies WHERE playground_id = ?
            """)
        .param(playground)
        .query(Tallies::sessionTally)
        .list();
  }

  List<PairTally> pairs(UUID playground) {
    return jdbc.sql(
            """
            SELECT question_id, difference, sum(pairs) AS pairs
            FROM rating_pair_tallies WHERE playground_id = ?
            GROUP BY question_id, difference
            """)
        .param(playground)
        .query(Tallies::pairTally)
        .list();
  }

  private static Metrics metrics(ResultSet rs) throws SQLException {
    return new Metrics(
        rs.getLong("total_testers"),
        rs.getLong("total_evaluations"),
        rs.getLong("submitted_sessions"),
        rs.getLong("open_sessions"),
        rs.getLong("abandoned_sessions"),
        rs.getObject("last_activity", LocalDateTime.class));
  }

  /** A row of (question_id, model_key, configuration_version, position, day, …, answers). */
  static AnswerTally answerTally(ResultSet rs, int row) throws SQLException {
    return new AnswerTally(
        rs.getObject("question_id", UUID.class),
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getInt("configuration_version"),
        rs.getInt("position"),
        rs.getObject("day", LocalDate.class),
        rs.getString("answer_value"),
        (Integer) rs.getObject("rating"),
        rs.getLong("answers"));
  }

  /** A row of (model_key, configuration_version, position, day, submitted). */
  static SessionTally sessionTally(ResultSet rs, int row) throws SQLException {
    return new SessionTally(
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getInt("configuration_version"),
        rs.getInt("position"),
        rs.getObject("day", LocalDate.class),
        rs.getLong("submitted"));
  }

  /** A row of (question_id, difference, pairs). */
  static PairTally pairTally(ResultSet rs, int row) throws SQLException {
    return new PairTally(
        rs.getObject("question_id", UUID.class), rs.getInt("difference"), rs.getLong("pairs"));
  }
}
