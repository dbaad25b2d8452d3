package com.earshot.insights.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A playground's answers and sessions, row by row through a server-side cursor: PostgreSQL sends
 * {@link #FETCH_SIZE} rows at a time, and only inside a transaction (with autocommit on, the driver
 * would read the whole result first). Row-level security limits both to what the caller may see.
 */
@Repository
class ExportQueries {

  static final int FETCH_SIZE = 500;

  /** Sessions in the order they ended (or began, if they never did), then by id. */
  private static final String SESSION_ORDER = "coalesce(s.submitted_at, s.started_at), s.id";

  private final JdbcClient jdbc;

  ExportQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What each row is handed to: it may write to the download. */
  @FunctionalInterface
  interface Each<T> {
    void accept(T row) throws IOException;
  }

  /** A session as exported; times are UTC; the model name is the one its version had (V30). */
  record SessionRow(
      UUID playgroundId,
      UUID id,
      String status,
      String testerEmail,
      String modelKey,
      String modelName,
      int configurationVersion,
      int round,
      int position,
      LocalDateTime startedAt,
      LocalDateTime expiresAt,
      LocalDateTime submittedAt,
      LocalDateTime callStartedAt,
      String conversationId,
      CallColumns call) {}

  /**
   * One answer with its session and question.
   *
   * @param answerLabel the label of the chosen option (select questions), as the option reads now
   */
  record AnswerRow(
      SessionRow session,
      UUID questionId,
      int questionOrder,
      String questionText,
      String questionType,
      String answerValue,
      String answerLabel,
      Integer rating,
      String answerText,
      LocalDateTime answeredAt) {}

  /** A session with one of its answers; the answer's fields are null for a session without any. */
  record SessionAnswerRow(
      SessionRow session, UUID questionId, String answerValue, Integer rating, String answerText) {}

  void eachAnswer(UUID playground, Each<AnswerRow> each) {
    jdbc.sql(
            """
            SELECT s.playground_id, s.id AS session_id, s.status, u.email, s.model_key,
                   coalesce(v.model_name, m.model_name) AS model_name, s.configuration_version, s.round_number, s.position,
                   s.started_at, s.expires_at, s.submitted_at, s.call_started_at,
                   s.conversation_id, %s,
                   q.id AS question_id, q.order_index, q.question_text, q.question_type,
                   e.answer_value, chosen.label AS answer_label, e.rating, e.answer_text,
                   e.created_at AS answered_at
            FROM evaluations e
            JOIN evaluation_sessions s ON s.id = e.session_id
            JOIN questions q ON q.id = e.question_id
            %s
            JOIN users u ON u.id = s.user_id
            JOIN model_configurations m
              ON m.playground_id = s.playground_id AND m.model_key = s.model_key
            LEFT JOIN model_versions v
              ON v.playground_id = s.playground_id AND v.model_key = s.model_key
             AND v.configuration_version = s.configuration_version
            LEFT JOIN LATERAL (
              SELECT option ->> 'label' AS label
              FROM jsonb_array_elements(CASE WHEN jsonb_typeof(q.options) = 'array'
                                             THEN q.options END) AS option
              WHERE option ->> 'value' = e.answer_value
              LIMIT 1
            ) chosen ON true
            WHERE e.playground_id = ?
            ORDER BY %s, q.order_index, q.created_at, q.id
            """
                .formatted(CallColumns.SELECT, CallColumns.JOINS, SESSION_ORDER))
        .withFetchSize(FETCH_SIZE)
        .param(playground)
        .query(
            (RowCallbackHandler)
                rs ->
                    handOver(
                        each,
                        new AnswerRow(
                            session(rs),
                            rs.getObject("question_id", UUID.class),
                            rs.getInt("order_index"),
                            rs.getString("question_text"),
                            rs.getString("question_type"),
                            rs.getString("answer_value"),
                            rs.getString("answer_label"),
                            (Integer) rs.getObject("rating"),
                            rs.getString("answer_text"),
                            rs.getObject("answered_at", LocalDateTime.class))));
  }

  /** Every session (any status) with each of its answers: one row per answer, sessions together. */
  void eachSessionAnswer(UUID playground, Each<SessionAnswerRow> each) {
    jdbc.sql(
            """
            SELECT s.playground_id, s.id AS session_id, s.status, u.email, s.model_key,
                   coalesce(v.model_name, m.model_name) AS model_name, s.configuration_version, s.round_number, s.position,
                   s.started_at, s.expires_at, s.submitted_at, s.call_started_at,
                   s.conversation_id, %s,
                   e.question_id, e.answer_value, e.rating, e.answer_text
            FROM evaluation_sessions s
            %s
            JOIN users u ON u.id = s.user_id
            JOIN model_configurations m
              ON m.playground_id = s.playground_id AND m.model_key = s.model_key
            LEFT JOIN model_versions v
              ON v.playground_id = s.playground_id AND v.model_key = s.model_key
             AND v.configuration_version = s.configuration_version
            LEFT JOIN evaluations e ON e.session_id = s.id
            WHERE s.playground_id = ?
            ORDER BY %s
            """
                .formatted(CallColumns.SELECT, CallColumns.JOINS, SESSION_ORDER))
        .withFetchSize(FETCH_SIZE)
        .param(playground)
        .query(
            (RowCallbackHandler)
                rs ->
                    handOver(
                        each,
                        new SessionAnswerRow(
                            session(rs),
                            rs.getObject("question_id", UUID.class),
                            rs.getString("answer_value"),
                            (Integer) rs.getObject("rating"),
                            rs.getString("answer_text"))));
  }

  /**
   * A round's head-to-head preference (V31).
   *
   * @param verdict first, second, both_good or both_bad: by the order the tester met the agents
   * @param preferredModelKey the model chosen; null for a tie
   * @param firstModelKey the model met first in the round
   */
  record PreferenceRow(
      UUID playgroundId,
      String testerEmail,
      int round,
      String verdict,
      String preferredModelKey,
      String preferredModelName,
      String firstModelKey,
      String firstModelName,
      String reason,
      LocalDateTime answeredAt) {}

  /** Every preference of the playground, in the order they were given. */
  void eachPreference(UUID playground, Each<PreferenceRow> each) {
    jdbc.sql(
            """
            SELECT p.playground_id, u.email, p.round_number, p.verdict, p.preferred_model_key,
                   preferred.model_name AS preferred_model_name, p.first_model_key,
                   first.model_name AS first_model_name, p.reason, p.created_at
            FROM preferences p
            JOIN users u ON u.id = p.user_id
            JOIN model_configurations first
              ON first.playground_id = p.playground_id AND first.model_key = p.first_model_key
            LEFT JOIN model_configurations preferred
              ON preferred.playground_id = p.playground_id
             AND preferred.model_key = p.preferred_model_key
            WHERE p.playground_id = ?
            ORDER BY p.created_at, p.id
            """)
        .withFetchSize(FETCH_SIZE)
        .param(playground)
        .query(
            (RowCallbackHandler)
                rs ->
                    handOver(
                        each,
                        new PreferenceRow(
                            rs.getObject("playground_id", UUID.class),
                            rs.getString("email"),
                            rs.getInt("round_number"),
                            rs.getString("verdict"),
                            rs.getString("preferred_model_key"),
                            rs.getString("preferred_model_name"),
                            rs.getString("first_model_key"),
                            rs.getString("first_model_name"),
                            rs.getString("reason"),
                            rs.getObject("created_at", LocalDateTime.class))));
  }

  private static SessionRow session(ResultSet rs) throws SQLException {
    return new SessionRow(
        rs.getObject("playground_id", UUID.class),
        rs.getObject("session_id", UUID.class),
        rs.getString("status"),
        rs.getString("email"),
        rs.getString("model_key"),
        rs.getString("model_name"),
        rs.getInt("configuration_version"),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getObject("started_at", LocalDateTime.class),
        rs.getObject("expires_at", LocalDateTime.class),
        rs.getObject("submitted_at", LocalDateTime.class),
        rs.getObject("call_started_at", LocalDateTime.class),
        rs.getString("conversation_id"),
        CallColumns.of(rs));
  }

  private static <T> void handOver(Each<T> each, T row) {
    try {
      each.accept(row);
    } catch (IOException e) {
      // The client went away or the connection broke: stop reading, end the transaction.
      throw new UncheckedIOException(e);
    }
  }
}
