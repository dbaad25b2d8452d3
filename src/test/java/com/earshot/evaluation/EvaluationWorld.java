package com.earshot.evaluation;

import com.earshot.identity.Role;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows an evaluation test starts from, written as the superuser past row-level security, and
 * what the test then reads back. Every playground and tester is new, so tests sharing the database
 * never meet each other's rows. Models get names and agent ids that say nothing of their key, so a
 * page that leaked them would be noticed.
 */
final class EvaluationWorld {

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  Person tester(String name) {
    return fixtures.testerPerson(name);
  }

  /** {@code count} new testers, written at once. */
  List<Person> testers(String name, int count) {
    String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    return db.sql(
            """
            INSERT INTO users (email, role)
            SELECT ? || n || '@example.com', 'tester' FROM generate_series(1, ?) AS n
            RETURNING id, email
            """)
        .params(prefix, count)
        .query(
            (rs, row) ->
                new Person(rs.getObject("id", UUID.class), rs.getString("email"), Role.TESTER))
        .list();
  }

  UUID admin() {
    return fixtures.admin("owner");
  }

  /** An active, public A/B playground whose models allow {@code maxA} and {@code maxB}. */
  UUID abPlayground(int maxA, int maxB) {
    UUID playground = fixtures.playground(admin(), "ab_testing", true, null);
    disguiseModels(playground);
    fixtures.limit(playground, "model_a", maxA);
    fixtures.limit(playground, "model_b", maxB);
    return playground;
  }

  /** An active, public tuning playground; {@code max} null: unlimited. */
  UUID tuningPlayground(Integer max) {
    UUID playground = fixtures.playground(admin(), "tuning", true, null);
    disguiseModels(playground);
    fixtures.limit(playground, "model_a", max);
    return playground;
  }

  /** An active A/B playground open only to {@code emails}. */
  UUID restrictedAbPlayground(List<String> emails) {
    UUID playground = fixtures.playground(admin(), "ab_testing", true, emails);
    disguiseModels(playground);
    return playground;
  }

  void capRounds(UUID playground, int maxRounds) {
    db.sql("UPDATE playgrounds SET max_rounds_per_tester = ? WHERE id = ?")
        .params(maxRounds, playground)
        .update();
  }

  void requireCall(UUID playground) {
    db.sql("UPDATE playgrounds SET require_call = true WHERE id = ?").param(playground).update();
  }

  void deactivate(UUID playground) {
    db.sql("UPDATE playgrounds SET is_active = false, status = 'paused' WHERE id = ?")
        .param(playground)
        .update();
  }

  /** An assigned session (reservation 30 minutes) on {@code modelKey} for each tester, in order. */
  List<UUID> assignedSessions(UUID playground, String modelKey, List<Person> testers) {
    List<UUID> sessions = new java.util.ArrayList<>();
    for (Person tester : testers) {
      sessions.add(null);
    }
    Map<UUID, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < testers.size(); i++) {
      index.put(testers.get(i).id(), i);
    }
    db.sql(
            """
            INSERT INTO evaluation_sessions
              (playground_id, user_id, model_key, status, configuration_version, expires_at)
            SELECT ?, u, ?, 'assigned', 1, now() + interval '30 minutes'
            FROM unnest(?::uuid[]) AS u
            RETURNING id, user_id
            """)
        .params(
            playground,
            modelKey,
            "{"
                + String.join(",", testers.stream().map(tester -> tester.id().toString()).toList())
                + "}")
        .query(
            (rs, row) ->
                sessions.set(
                    index.get(rs.getObject("user_id", UUID.class)), rs.getObject("id", UUID.class)))
        .list();
    return sessions;
  }

  /** The session's reservation ran out a minute ago (its status unchanged). */
  void lapse(UUID session) {
    db.sql("UPDATE evaluation_sessions SET expires_at = now() - interval '1 minute' WHERE id = ?")
        .param(session)
        .update();
  }

  String name(UUID playground) {
    return db.sql("SELECT name FROM playgrounds WHERE id = ?")
        .param(playground)
        .query(String.class)
        .single();
  }

  String modelName(UUID playground, String modelKey) {
    return db.sql(
            "SELECT model_name FROM model_configurations WHERE playground_id = ? AND model_key = ?")
        .params(playground, modelKey)
        .query(String.class)
        .single();
  }

  String agentId(UUID playground, String modelKey) {
    return db.sql(
            "SELECT embed_code FROM model_configurations WHERE playground_id = ? AND model_key = ?")
        .params(playground, modelKey)
        .query(String.class)
        .single();
  }

  // Questions

  UUID select(UUID playground, String modelKey, String... values) {
    return fixtures.selectQuestion(playground, modelKey, values);
  }

  UUID text(UUID playground, String modelKey) {
    return fixtures.question(playground, modelKey, "input_string", null);
  }

  UUID rating(UUID playground, String modelKey) {
    return fixtures.question(playground, modelKey, "rating", null);
  }

  void optional(UUID question) {
    db.sql("UPDATE questions SET required = false WHERE id = ?").param(question).update();
  }

  /** A posted form: question id, answer, question id, answer… as {@code q-<id>} fields. */
  static Map<String, String> form(Object... idsAndAnswers) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < idsAndAnswers.length; i += 2) {
      form.put("q-" + idsAndAnswers[i], String.valueOf(idsAndAnswers[i + 1]));
    }
    return form;
  }

  // What the database holds

  /** A session as the superuser reads it. */
  record SessionRow(
      UUID id,
      UUID userId,
      String modelKey,
      String status,
      int round,
      int position,
      boolean submittedAtSet,
      boolean callStartedAtSet,
      String conversationId) {}

  SessionRow session(UUID id) {
    return db.sql("SELECT * FROM evaluation_sessions WHERE id = ?")
        .param(id)
        .query(EvaluationWorld::sessionRow)
        .single();
  }

  /** The tester's sessions in a playground, oldest first. */
  List<SessionRow> sessions(UUID playground, UUID tester) {
    return db.sql(
            """
            SELECT * FROM evaluation_sessions WHERE playground_id = ? AND user_id = ?
            ORDER BY started_at, round_number, position
            """)
        .params(playground, tester)
        .query(EvaluationWorld::sessionRow)
        .list();
  }

  long sessionCount(UUID playground) {
    return db.sql("SELECT count(*) FROM evaluation_sessions WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  /** The session's widget user-id: what ElevenLabs records as its conversations' user_id. */
  String callReference(UUID session) {
    return db.sql("SELECT call_reference::text FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(String.class)
        .single();
  }

  String status(UUID session) {
    return session(session).status();
  }

  /** The evaluation rows of a session. */
  long answers(UUID session) {
    return db.sql("SELECT count(*) FROM evaluations WHERE session_id = ?")
        .param(session)
        .query(Long.class)
        .single();
  }

  /** Every session of a playground: "status, n answers". One query, however many sessions. */
  Map<UUID, String> sessionsWithAnswers(UUID playground) {
    Map<UUID, String> sessions = new java.util.HashMap<>();
    db.sql(
            """
            SELECT s.id, s.status || ', ' || count(e.id) || ' answers' AS summary
            FROM evaluation_sessions s LEFT JOIN evaluations e ON e.session_id = s.id
            WHERE s.playground_id = ? GROUP BY s.id
            """)
        .param(playground)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> sessions.put(rs.getObject("id", UUID.class), rs.getString("summary")));
    return sessions;
  }

  long answersIn(UUID playground) {
    return db.sql("SELECT count(*) FROM evaluations WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  /** The stored answers of a session, by question: the value, text or rating as text. */
  Map<UUID, String> storedAnswers(UUID session) {
    Map<UUID, String> answers = new LinkedHashMap<>();
    db.sql(
            """
            SELECT question_id, coalesce(answer_value, answer_text, rating::text) AS answer
            FROM evaluations WHERE session_id = ? ORDER BY created_at
            """)
        .param(session)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> answers.put(rs.getObject("question_id", UUID.class), rs.getString("answer")));
    return answers;
  }

  int counter(UUID playground, String modelKey) {
    return db.sql(
            "SELECT current_count FROM evaluation_counters WHERE playground_id = ? AND model_key = ?")
        .params(playground, modelKey)
        .query(Integer.class)
        .single();
  }

  long submitted(UUID playground, String modelKey) {
    return db.sql(
            """
            SELECT count(*) FROM evaluation_sessions
            WHERE playground_id = ? AND model_key = ? AND status = 'submitted'
            """)
        .params(playground, modelKey)
        .query(Long.class)
        .single();
  }

  private void disguiseModels(UUID playground) {
    for (String key : List.of("model_a", "model_b")) {
      String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      db.sql(
              """
              UPDATE model_configurations SET model_name = ?, embed_code = ?
              WHERE playground_id = ? AND model_key = ?
              """)
          .params("Secret label " + secret, "agent_" + secret, playground, key)
          .update();
    }
  }

  private static SessionRow sessionRow(java.sql.ResultSet rs, int row)
      throws java.sql.SQLException {
    return new SessionRow(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("model_key"),
        rs.getString("status"),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getObject("submitted_at") != null,
        rs.getObject("call_started_at") != null,
        rs.getString("conversation_id"));
  }
}
