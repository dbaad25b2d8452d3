package com.earshot.playground;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Playgrounds with their models, counters and questions. Row-level security limits every query to
 * what the caller may see: an admin, their own playgrounds.
 */
@Repository
class PlaygroundRepository implements PlaygroundCatalog {

  private static final TypeReference<List<Question.Option>> OPTIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  PlaygroundRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** For testers' pages: questions come without answer counts (0), which grow with every answer. */
  @Override
  public Optional<Playground> find(UUID id) {
    return find(id, false);
  }

  /** For the editor: with each question's answer count, which decides what may still change. */
  Optional<Playground> findWithAnswerCounts(UUID id) {
    return find(id, true);
  }

  private Optional<Playground> find(UUID id, boolean answerCounts) {
    return jdbc.sql("SELECT * FROM playgrounds WHERE id = ?")
        .param(id)
        .query((rs, row) -> playground(rs, models(id), questions(id, answerCounts)))
        .optional();
  }

  @Override
  public List<Playground> visible() {
    return jdbc
        .sql("SELECT id FROM playgrounds ORDER BY created_at DESC")
        .query(UUID.class)
        .list()
        .stream()
        .map(id -> find(id, false).orElseThrow())
        .toList();
  }

  List<PlaygroundSummary> summaries() {
    return jdbc.sql(
            """
            SELECT p.id, p.name, p.type, p.is_active, p.updated_at, m.last_activity,
                   m.submitted_sessions, m.total_testers, m.abandoned_sessions,
                   a.max_evaluations AS a_max, ca.current_count AS a_count,
                   b.max_evaluations AS b_max, cb.current_count AS b_count
            FROM playgrounds p
            -- playground_metrics' row, summed from the tallies the submits keep (V16)
            JOIN LATERAL insights_playground_metrics(p.id) m ON true
            LEFT JOIN model_configurations a ON a.playground_id = p.id AND a.model_key = 'model_a'
            LEFT JOIN evaluation_counters ca ON ca.playground_id = p.id AND ca.model_key = 'model_a'
            LEFT JOIN model_configurations b ON b.playground_id = p.id AND b.model_key = 'model_b'
            LEFT JOIN evaluation_counters cb ON cb.playground_id = p.id AND cb.model_key = 'model_b'
            ORDER BY p.is_active DESC, p.created_at DESC
            """)
        .query(
            (rs, row) ->
                new PlaygroundSummary(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    PlaygroundType.fromDatabase(rs.getString("type")),
                    rs.getBoolean("is_active"),
                    progress(rs, "a"),
                    rs.getString("type").equals("ab_testing") ? progress(rs, "b") : null,
                    rs.getLong("submitted_sessions"),
                    rs.getLong("total_testers"),
                    rs.getLong("abandoned_sessions"),
                    rs.getObject("last_activity", LocalDateTime.class)))
        .list();
  }

  private static PlaygroundSummary.Progress progress(ResultSet rs, String model)
      throws SQLException {
    return new PlaygroundSummary.Progress(
        rs.getInt(model + "_count"), (Integer) rs.getObject(model + "_max"));
  }

  UUID insertPlayground(
      UUID owner,
      String name,
      PlaygroundType type,
      String description,
      String supportText,
      boolean active,
      List<String> restrictedEmails) {
    return jdbc.sql(
            """
            INSERT INTO playgrounds (name, type, description, support_text, created_by, is_active,
                                     restricted_emails)
            VALUES (?, ?::playground_type, ?, ?, ?, ?, ?)
            RETURNING id
            """)
        .params(
            name,
            type.databaseValue(),
            description,
            supportText,
            owner,
            active,
            textArray(restrictedEmails))
        .query(UUID.class)
        .single();
  }

  void insertModel(UUID playground, ModelKey key, String name, String embedCode, Integer max) {
    jdbc.sql(
            """
            INSERT INTO model_configurations (playground_id, model_key, model_name, embed_code,
                                              max_evaluations)
            VALUES (?, ?, ?, ?, ?)
            """)
        .params(playground, key.databaseValue(), name, embedCode, max)
        .update();
    jdbc.sql("INSERT INTO evaluation_counters (playground_id, model_key) VALUES (?, ?)")
        .params(playground, key.databaseValue())
        .update();
  }

  /** Changes the details if nobody changed the playground since {@code version}. */
  boolean updateDetails(
      UUID id, LocalDateTime version, String name, String description, String supportText) {
    return jdbc.sql(
                """
                UPDATE playgrounds SET name = ?, description = ?, support_text = ?
                WHERE id = ? AND updated_at = ?
                """)
            .params(name, description, supportText, id, version)
            .update()
        == 1;
  }

  boolean updateSettings(UUID id, LocalDateTime version, Playground.Settings settings) {
    return jdbc.sql(
                """
                UPDATE playgrounds SET reservation_minutes = ?, max_rounds_per_tester = ?,
                                       require_call = ?
                WHERE id = ? AND updated_at = ?
                """)
            .params(
                settings.reservationMinutes(),
                settings.maxRoundsPerTester(),
                settings.requireCall(),
                id,
                version)
            .update()
        == 1;
  }

  void copySettings(UUID from, UUID to) {
    jdbc.sql(
            """
            UPDATE playgrounds SET (reservation_minutes, max_rounds_per_tester, require_call) =
              (SELECT reservation_minutes, max_rounds_per_tester, require_call
               FROM playgrounds WHERE id = ?)
            WHERE id = ?
            """)
        .params(from, to)
        .update();
  }

  boolean updateAccess(UUID id, LocalDateTime version, List<String> restrictedEmails) {
    return jdbc.sql("UPDATE playgrounds SET restricted_emails = ? WHERE id = ? AND updated_at = ?")
            .params(textArray(restrictedEmails), id, version)
            .update()
        == 1;
  }

  void setActive(UUID id, boolean active) {
    jdbc.sql("UPDATE playgrounds SET is_active = ? WHERE id = ?").params(active, id).update();
  }

  /**
   * Bumps the configuration version when what testers meet (name or embed code) changed.
   *
   * @return the model configuration's id, or empty when it changed since {@code version}
   */
  Optional<UUID> updateModel(
      UUID playground,
      ModelKey key,
      LocalDateTime version,
      String name,
      String embedCode,
      Integer max) {
    return jdbc.sql(
            """
                UPDATE model_configurations
                SET model_name = :name, embed_code = :embed, max_evaluations = :max,
                    configuration_version = configuration_version
                      + CASE WHEN model_name IS DISTINCT FROM :name
                               OR embed_code IS DISTINCT FROM :embed THEN 1 ELSE 0 END
                WHERE playground_id = :playground AND model_key = :key AND updated_at = :version
                RETURNING id
                """)
        .param("name", name)
        .param("embed", embedCode)
        .param("max", max)
        .param("playground", playground)
        .param("key", key.databaseValue())
        .param("version", version)
        .query(UUID.class)
        .optional();
  }

  /** Answers in the playground: a playground with any is never deleted. */
  long answerCount(UUID playground) {
    return jdbc.sql("SELECT count(*) FROM evaluations WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  long sessionCount(UUID playground) {
    return jdbc.sql(
            "SELECT count(*) FROM evaluation_sessions WHERE playground_id = ? AND status = 'submitted'")
        .param(playground)
        .query(Long.class)
        .single();
  }

  void delete(UUID id) {
    jdbc.sql("DELETE FROM playgrounds WHERE id = ?").param(id).update();
  }

  List<ModelConfiguration> models(UUID playground) {
    return jdbc.sql(
            """
            SELECT m.*, c.current_count FROM model_configurations m
            JOIN evaluation_counters c USING (playground_id, model_key)
            WHERE m.playground_id = ? ORDER BY m.model_key
            """)
        .param(playground)
        .query(
            (rs, row) ->
                new ModelConfiguration(
                    ModelKey.fromDatabase(rs.getString("model_key")),
                    rs.getString("model_name"),
                    rs.getString("embed_code"),
                    parsedOrNull(rs.getString("embed_code")),
                    (Integer) rs.getObject("max_evaluations"),
                    rs.getInt("configuration_version"),
                    rs.getInt("current_count"),
                    rs.getObject("updated_at", LocalDateTime.class)))
        .list();
  }

  private List<Question> questions(UUID playground, boolean answerCounts) {
    String answers =
        answerCounts ? "(SELECT count(*) FROM evaluations e WHERE e.question_id = q.id)" : "0";
    return jdbc.sql(
            "SELECT q.*, "
                + answers
                + " AS answers FROM questions q WHERE q.playground_id = ?"
                + " ORDER BY q.order_index, q.created_at")
        .param(playground)
        .query(this::question)
        .list();
  }

  UUID insertQuestion(
      UUID playground,
      ModelKey modelKey,
      String text,
      QuestionType type,
      List<Question.Option> options,
      boolean required) {
    return jdbc.sql(
            """
            INSERT INTO questions (playground_id, model_key, question_text, question_type, options,
                                   required, order_index)
            VALUES (?, ?, ?, ?::question_type, ?::jsonb, ?,
                    (SELECT coalesce(max(order_index) + 1, 0) FROM questions WHERE playground_id = ?))
            RETURNING id
            """)
        .params(
            playground,
            modelKey == null ? null : modelKey.databaseValue(),
            text,
            type.databaseValue(),
            type == QuestionType.SELECT ? json.writeValueAsString(options) : null,
            required,
            playground)
        .query(UUID.class)
        .single();
  }

  void updateQuestion(
      UUID playground,
      UUID question,
      ModelKey modelKey,
      String text,
      QuestionType type,
      List<Question.Option> options,
      boolean required) {
    jdbc.sql(
            """
            UPDATE questions SET model_key = ?, question_text = ?, question_type = ?::question_type,
                                 options = ?::jsonb, required = ?
            WHERE id = ? AND playground_id = ?
            """)
        .params(
            modelKey == null ? null : modelKey.databaseValue(),
            text,
            type.databaseValue(),
            type == QuestionType.SELECT ? json.writeValueAsString(options) : null,
            required,
            question,
            playground)
        .update();
  }

  void deleteQuestion(UUID playground, UUID question) {
    jdbc.sql("DELETE FROM questions WHERE id = ? AND playground_id = ?")
        .params(question, playground)
        .update();
  }

  void setOrder(UUID playground, List<UUID> questionsInOrder) {
    for (int i = 0; i < questionsInOrder.size(); i++) {
      jdbc.sql("UPDATE questions SET order_index = ? WHERE id = ? AND playground_id = ?")
          .params(i, questionsInOrder.get(i), playground)
          .update();
    }
  }

  /** Touches the playground so that a concurrent editor's stale form is noticed. */
  void touch(UUID playground) {
    jdbc.sql("UPDATE playgrounds SET updated_at = now() WHERE id = ?").param(playground).update();
  }

  private Question question(ResultSet rs, int row) throws SQLException {
    String modelKey = rs.getString("model_key");
    String options = rs.getString("options");
    return new Question(
        rs.getObject("id", UUID.class),
        modelKey == null ? null : ModelKey.fromDatabase(modelKey),
        rs.getString("question_text"),
        QuestionType.fromDatabase(rs.getString("question_type")),
        options == null ? List.of() : json.readValue(options, OPTIONS),
        rs.getInt("order_index"),
        rs.getBoolean("required"),
        rs.getLong("answers"));
  }

  private static Playground playground(
      ResultSet rs, List<ModelConfiguration> models, List<Question> questions) throws SQLException {
    Array restricted = rs.getArray("restricted_emails");
    return new Playground(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        PlaygroundType.fromDatabase(rs.getString("type")),
        rs.getString("description"),
        rs.getString("support_text"),
        rs.getBoolean("is_active"),
        restricted == null ? null : Arrays.asList((String[]) restricted.getArray()),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("updated_at", LocalDateTime.class),
        new Playground.Settings(
            rs.getInt("reservation_minutes"),
            (Integer) rs.getObject("max_rounds_per_tester"),
            rs.getBoolean("require_call")),
        models,
        questions);
  }

  private static EmbedCode parsedOrNull(String embedCode) {
    try {
      return EmbedCodeParser.parse(embedCode);
    } catch (InvalidEmbedCodeException e) {
      return null;
    }
  }

  private static String[] textArray(List<String> values) {
    return values == null || values.isEmpty() ? null : values.toArray(String[]::new);
  }
}
