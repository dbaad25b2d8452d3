package com.earshot.evaluation;

import static java.util.stream.Collectors.groupingBy;

import com.earshot.platform.database.DatabaseEnum;
import com.earshot.playground.ModelKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Evaluation sessions, answers and the capacity functions. Row-level security shows a tester only
 * their own sessions; counting across testers happens in the database's SECURITY DEFINER functions.
 */
@Repository
class EvaluationSessions {

  private static final String COLUMNS =
      "s.*, (s.status = 'assigned' AND s.expires_at <= now()) AS lapsed";

  private final JdbcClient jdbc;

  EvaluationSessions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The current user's own session. Row-level security also shows the owning admin their testers'
   * sessions (for Insights), which are still not theirs to open, answer or call from.
   */
  Optional<EvaluationSession> findOwn(UUID id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM evaluation_sessions s WHERE s.id = ? AND s.user_id = app_current_user_id()")
        .param(id)
        .query(EvaluationSessions::session)
        .optional();
  }

  /**
   * Where a tester stands in a playground, read by index however many sessions they have done
   * (V35): the sessions of their latest round and any still open, oldest first, and how many they
   * have submitted in all.
   */
  record Standing(List<EvaluationSession> recent, int submitted) {}

  Standing standing(UUID playground, UUID user) {
    List<EvaluationSession> recent =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM evaluation_sessions s"
                    + " WHERE s.playground_id = :p AND s.user_id = :u"
                    + " AND (s.status = 'assigned'"
                    + "      OR s.round_number = (SELECT max(round_number) FROM evaluation_sessions"
                    + "                           WHERE playground_id = :p AND user_id = :u))"
                    + " ORDER BY s.started_at, s.id")
            .param("p", playground)
            .param("u", user)
            .query(EvaluationSessions::session)
            .list();
    int submitted =
        jdbc.sql(
                "SELECT count(*) FROM evaluation_sessions"
                    + " WHERE playground_id = ? AND user_id = ? AND status = 'submitted'")
            .params(playground, user)
            .query(Integer.class)
            .single();
    return new Standing(recent, submitted);
  }

  /** The current user's sessions in a playground, oldest first. */
  List<EvaluationSession> mine(UUID playground, UUID user) {
    return mine(List.of(playground), user).getOrDefault(playground, List.of());
  }

  /** The current user's sessions in each of the playgrounds, oldest first, in one statement. */
  Map<UUID, List<EvaluationSession>> mine(List<UUID> playgrounds, UUID user) {
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM evaluation_sessions s"
                + " WHERE s.playground_id = ANY (?::uuid[]) AND s.user_id = ?"
                + " ORDER BY s.started_at, s.id")
        .params(playgrounds.toArray(UUID[]::new), user)
        .query(EvaluationSessions::session)
        .list()
        .stream()
        .collect(groupingBy(EvaluationSession::playgroundId));
  }

  /** Waits for, then holds until this transaction ends, the lock on one tester in a playground. */
  void lockTester(UUID playground, UUID user) {
    jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param(playground + "/" + user)
        .query(Integer.class)
        .single();
  }

  /** Assigned sessions whose reservation lapsed become expired: their slot is free again. */
  void expireLapsed(UUID playground, UUID user) {
    jdbc.sql(
            """
            UPDATE evaluation_sessions SET status = 'expired'
            WHERE playground_id = ? AND user_id = ? AND status = 'assigned' AND expires_at <= now()
            """)
        .params(playground, user)
        .update();
  }

  /** Locks the model's counter for this transaction and says whether a slot is free. */
  boolean reserve(UUID playground, ModelKey model) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT app_reserve_model(?, ?)")
            .params(playground, model.databaseValue())
            .query(Boolean.class)
            .single());
  }

  /** Per model: its limit (null: unlimited), submitted evaluations and live reservations. */
  Map<ModelKey, Capacity> capacity(UUID playground) {
    return capacity(List.of(playground)).getOrDefault(playground, Map.of());
  }

  /** {@link #capacity(UUID)} of each of the playgrounds, in one statement. */
  Map<UUID, Map<ModelKey, Capacity>> capacity(List<UUID> playgrounds) {
    Map<UUID, Map<ModelKey, Capacity>> capacity = new HashMap<>();
    jdbc.sql(
            """
            SELECT p.id AS playground_id, c.*
            FROM unnest(?::uuid[]) AS p (id) CROSS JOIN LATERAL app_model_capacity(p.id) c
            """)
        .param(playgrounds.toArray(UUID[]::new))
        .query(
            rs -> {
              capacity
                  .computeIfAbsent(rs.getObject("playground_id", UUID.class), id -> new HashMap<>())
                  .put(
                      ModelKey.fromDatabase(rs.getString("model_key")),
                      new Capacity(
                          (Integer) rs.getObject("max_evaluations"),
                          rs.getInt("submitted"),
                          rs.getLong("reserved")));
            });
    return capacity;
  }

  EvaluationSession insert(
      UUID playground,
      UUID user,
      ModelKey model,
      int round,
      int position,
      int configurationVersion,
      int reservationMinutes) {
    return jdbc.sql(
            """
            INSERT INTO evaluation_sessions AS s (playground_id, user_id, model_key, round_number,
                position, configuration_version, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(mins => ?))
            RETURNING %s
            """
                .formatted(COLUMNS))
        .params(
            playground,
            user,
            model.databaseValue(),
            round,
            position,
            configurationVersion,
            reservationMinutes)
        .query(EvaluationSessions::session)
        .single();
  }

  /**
   * Marks the session submitted if it was not yet, and returns it as it now is: empty when it
   * already was (a repeated or concurrent submit, which then changes nothing).
   */
  Optional<EvaluationSession> markSubmitted(UUID session) {
    return jdbc.sql(
            """
            UPDATE evaluation_sessions s SET status = 'submitted', submitted_at = now()
            WHERE s.id = ? AND s.status IN ('assigned', 'expired')
            RETURNING %s
            """
                .formatted(COLUMNS))
        .param(session)
        .query(EvaluationSessions::session)
        .optional();
  }

  boolean countSubmission(UUID session) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT app_count_submission(?)").param(session).query(Boolean.class).single());
  }

  /** One statement for all answers: the tallies it feeds are then updated once, in key order. */
  void insertAnswers(EvaluationSession session, List<Answer> answers) {
    if (answers.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO evaluations (playground_id, user_id, model_key, question_id, session_id,
                                     answer_text, answer_value, rating)
            SELECT ?, ?, ?, a.question_id, ?, a.answer_text, a.answer_value, a.rating
            FROM unnest(?::uuid[], ?::text[], ?::varchar[], ?::int[])
                 AS a (question_id, answer_text, answer_value, rating)
            """)
        .params(
            session.playgroundId(),
            session.userId(),
            session.modelKey().databaseValue(),
            session.id(),
            answers.stream().map(Answer::question).toArray(UUID[]::new),
            answers.stream().map(Answer::text).toArray(String[]::new),
            answers.stream().map(Answer::value).toArray(String[]::new),
            answers.stream().map(Answer::rating).toArray(Integer[]::new))
        .update();
  }

  /** The answers of a submitted session, by question id, as the form shows them. */
  Map<String, String> answers(UUID session) {
    Map<String, String> answers = new HashMap<>();
    jdbc.sql(
            "SELECT question_id, coalesce(answer_value, answer_text, rating::text) AS answer"
                + " FROM evaluations WHERE session_id = ?")
        .param(session)
        .query(
            rs -> {
              answers.put(rs.getString("question_id"), rs.getString("answer"));
            });
    return answers;
  }

  /**
   * A call started; the first call's start is kept. This and the two below change an open session
   * only: a submitted, given-back or expired one changes no more.
   */
  void recordCallStarted(UUID session) {
    jdbc.sql(
            """
            UPDATE evaluation_sessions SET call_started_at = coalesce(call_started_at, now())
            WHERE id = ? AND status = 'assigned'
            """)
        .param(session)
        .update();
  }

  /** The call connected, and ElevenLabs named its conversation: the first call's is kept. */
  void recordConversation(UUID session, String conversationId) {
    jdbc.sql(
            """
            UPDATE evaluation_sessions
            SET call_started_at = coalesce(call_started_at, now()),
                conversation_id = coalesce(conversation_id, ?)
            WHERE id = ? AND status = 'assigned'
            """)
        .params(conversationId, session)
        .update();
  }

  /** A call ended: the last call's end is kept. */
  void recordCallEnded(UUID session) {
    jdbc.sql(
            """
            UPDATE evaluation_sessions
            SET call_started_at = coalesce(call_started_at, now()), call_ended_at = now()
            WHERE id = ? AND status = 'assigned'
            """)
        .param(session)
        .update();
  }

  /** Records, once, that the page found the session's widget would not load, and how. */
  void recordWidgetFailure(UUID session, String failure) {
    jdbc.sql(
            """
            UPDATE evaluation_sessions
            SET widget_failed_at = now(), widget_failure = ?
            WHERE id = ? AND status = 'assigned' AND widget_failed_at IS NULL
            """)
        .params(failure, session)
        .update();
  }

  /**
   * Ends a session that was not submitted: it is given back and its slot is free. Empty when it was
   * submitted or given back already (then nothing changes).
   */
  Optional<EvaluationSession> giveBack(UUID session, String reason) {
    return jdbc.sql(
            """
            UPDATE evaluation_sessions s
            SET status = 'given_back', given_back_at = now(), given_back_reason = ?
            WHERE s.id = ? AND s.status IN ('assigned', 'expired')
            RETURNING %s
            """
                .formatted(COLUMNS))
        .params(reason, session)
        .query(EvaluationSessions::session)
        .optional();
  }

  /** Stores the tester's report (the latest wins) on a session still open to them. */
  boolean reportProblem(UUID session, Problem problem) {
    return jdbc.sql(
                """
                UPDATE evaluation_sessions
                SET problem_reported_at = now(), problem_reason = ?, problem_details = ?
                WHERE id = ? AND status IN ('assigned', 'expired')
                """)
            .params(problem.reason().databaseValue(), problem.details(), session)
            .update()
        == 1;
  }

  private static EvaluationSession session(ResultSet rs, int row) throws SQLException {
    return new EvaluationSession(
        rs.getObject("id", UUID.class),
        rs.getObject("playground_id", UUID.class),
        rs.getObject("user_id", UUID.class),
        ModelKey.fromDatabase(rs.getString("model_key")),
        DatabaseEnum.fromDatabase(EvaluationSession.Status.class, rs.getString("status")),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getInt("configuration_version"),
        rs.getObject("started_at", LocalDateTime.class),
        rs.getObject("expires_at", LocalDateTime.class),
        rs.getObject("submitted_at", LocalDateTime.class),
        rs.getObject("call_started_at", LocalDateTime.class),
        rs.getString("conversation_id"),
        rs.getBoolean("lapsed"),
        rs.getObject("call_reference", UUID.class),
        problem(rs));
  }

  private static Problem problem(ResultSet rs) throws SQLException {
    Problem.Reason reason = Problem.Reason.of(rs.getString("problem_reason"));
    return reason == null ? null : new Problem(reason, rs.getString("problem_details"));
  }
}
