package com.earshot.playground;

import com.earshot.support.AuditRow;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The world of the authoring tests: admins and testers with their own rows, signed in for MockMvc
 * or acting directly on the services, and what the database holds, read as the superuser (past
 * row-level security) and always filtered by the test's own ids.
 */
final class Authoring {

  /** The snippet ElevenLabs gives, word for word. */
  static final String SNIPPET =
      "<elevenlabs-convai agent-id=\"agent_01jx7abc\"></elevenlabs-convai>"
          + "<script src=\"https://unpkg.com/@elevenlabs/convai-widget-embed\" async"
          + " type=\"text/javascript\"></script>";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  Person admin(String name) {
    return fixtures.adminPerson(name);
  }

  Person tester(String name) {
    return fixtures.testerPerson(name);
  }

  // --- what the database holds --------------------------------------------------------------

  List<UUID> playgroundsOf(Person admin) {
    return db.sql("SELECT id FROM playgrounds WHERE created_by = ? ORDER BY created_at, id")
        .param(admin.id())
        .query(UUID.class)
        .list();
  }

  PlaygroundRow playground(UUID id) {
    return db.sql("SELECT * FROM playgrounds WHERE id = ?")
        .param(id)
        .query(
            (rs, row) ->
                new PlaygroundRow(
                    rs.getString("name"),
                    rs.getString("type"),
                    rs.getString("description"),
                    rs.getString("support_text"),
                    rs.getBoolean("is_active"),
                    rs.getString("status"),
                    textArray(rs, "restricted_emails"),
                    rs.getObject("created_by", UUID.class),
                    rs.getObject("created_at", LocalDateTime.class),
                    rs.getObject("updated_at", LocalDateTime.class)))
        .single();
  }

  record PlaygroundRow(
      String name,
      String type,
      String description,
      String supportText,
      boolean active,
      String status,
      List<String> restrictedEmails,
      UUID createdBy,
      LocalDateTime createdAt,
      LocalDateTime updatedAt) {}

  /** The models with their counters (a model without a counter shows a null count). */
  List<ModelRow> models(UUID playground) {
    return db.sql(
            """
            SELECT m.*, c.current_count, c.created_at AS counter_created_at
            FROM model_configurations m
            LEFT JOIN evaluation_counters c USING (playground_id, model_key)
            WHERE m.playground_id = ? ORDER BY m.model_key
            """)
        .param(playground)
        .query(
            (rs, row) ->
                new ModelRow(
                    rs.getObject("id", UUID.class),
                    rs.getString("model_key"),
                    rs.getString("model_name"),
                    rs.getString("embed_code"),
                    (Integer) rs.getObject("max_evaluations"),
                    rs.getInt("configuration_version"),
                    (Integer) rs.getObject("current_count"),
                    rs.getObject("created_at", LocalDateTime.class),
                    rs.getObject("counter_created_at", LocalDateTime.class)))
        .list();
  }

  ModelRow model(UUID playground, String key) {
    return models(playground).stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
  }

  record ModelRow(
      UUID id,
      String key,
      String name,
      String embedCode,
      Integer maxEvaluations,
      int configurationVersion,
      Integer count,
      LocalDateTime createdAt,
      LocalDateTime counterCreatedAt) {}

  List<QuestionRow> questions(UUID playground) {
    return db.sql(
            """
            SELECT id, model_key, question_text, question_type::text AS type, options::text AS options,
                   order_index, required
            FROM questions WHERE playground_id = ? ORDER BY order_index, created_at
            """)
        .param(playground)
        .query(
            (rs, row) ->
                new QuestionRow(
                    rs.getObject("id", UUID.class),
                    rs.getString("model_key"),
                    rs.getString("question_text"),
                    rs.getString("type"),
                    rs.getString("options") == null
                        ? null
                        : JSON.readValue(
                            rs.getString("options"),
                            new TypeReference<List<Map<String, Object>>>() {}),
                    rs.getInt("order_index"),
                    rs.getBoolean("required")))
        .list();
  }

  List<UUID> questionIds(UUID playground) {
    return questions(playground).stream().map(QuestionRow::id).toList();
  }

  QuestionRow question(UUID playground, UUID id) {
    return questions(playground).stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
  }

  record QuestionRow(
      UUID id,
      String modelKey,
      String text,
      String type,
      List<Map<String, Object>> options,
      int orderIndex,
      boolean required) {}

  long count(String table, UUID playground) {
    return db.sql("SELECT count(*) FROM " + table + " WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  boolean exists(UUID playground) {
    return db.sql("SELECT count(*) FROM playgrounds WHERE id = ?")
            .param(playground)
            .query(Long.class)
            .single()
        == 1;
  }

  /** A tester who submitted an answer to {@code question} about {@code key}. */
  UUID answered(UUID playground, UUID question, String key, Object value) {
    UUID tester = fixtures.tester("answering");
    UUID session = fixtures.submittedSession(playground, tester, key);
    return fixtures.answer(session, question, value);
  }

  // --- the audit log -------------------------------------------------------------------------

  /** Every audit row written by {@code user}, oldest first. */
  List<AuditRow> auditBy(Person user) {
    return AuditRow.by(db, user.id());
  }

  /** When each audit row by {@code user} was written, oldest first. */
  List<LocalDateTime> auditTimesOf(Person user) {
    return AuditRow.timesBy(db, user.id());
  }

  private static List<String> textArray(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }
}
