package com.earshot.playground;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Playgrounds with their models and counters; their questions are {@link Questions}'. Row-level
 * security limits every query to what the caller may see: an admin, their own playgrounds.
 */
@Repository
class Playgrounds implements PlaygroundCatalog {

  private final JdbcClient jdbc;
  private final Questions questions;

  Playgrounds(JdbcClient jdbc, Questions questions) {
    this.jdbc = jdbc;
    this.questions = questions;
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
    List<Playground> found =
        jdbc.sql("SELECT * FROM playgrounds WHERE id = ?")
            .param(id)
            .query(Playgrounds::playground)
            .list();
    return withModelsAndQuestions(found, answerCounts).stream().findFirst();
  }

  /** Three statements, however many playgrounds the caller sees. */
  @Override
  public List<Playground> visible() {
    List<Playground> visible =
        jdbc.sql("SELECT * FROM playgrounds ORDER BY created_at DESC")
            .query(Playgrounds::playground)
            .list();
    return withModelsAndQuestions(visible, false);
  }

  /** The playgrounds with their models and questions, each read for all of them at once. */
  private List<Playground> withModelsAndQuestions(List<Playground> found, boolean answerCounts) {
    if (found.isEmpty()) {
      return found;
    }
    List<UUID> ids = found.stream().map(Playground::id).toList();
    Map<UUID, List<ModelConfiguration>> models = models(ids);
    Map<UUID, List<Question>> questionsOf = questions.byPlayground(ids, answerCounts);
    return found.stream()
        .map(
            p ->
                new Playground(
                    p.id(),
                    p.name(),
                    p.type(),
                    p.description(),
                    p.supportText(),
                    p.active(),
                    p.status(),
                    p.closesAt(),
                    p.restrictedEmails(),
                    p.createdAt(),
                    p.updatedAt(),
                    p.settings(),
                    models.getOrDefault(p.id(), List.of()),
                    questionsOf.getOrDefault(p.id(), List.of())))
        .toList();
  }

  UUID insertPlayground(
      UUID owner,
      String name,
      PlaygroundType type,
      String description,
      String supportText,
      List<String> restrictedEmails) {
    return jdbc.sql(
            """
            INSERT INTO playgrounds (name, type, description, support_text, created_by, is_active,
                                     status, restricted_emails)
            VALUES (?, ?::playground_type, ?, ?, ?, false, 'draft', ?)
            RETURNING id
            """)
        .params(
            name,
            type.databaseValue(),
            description,
            supportText,
            owner,
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
                                       require_call = ?, asks_preference = ?
                WHERE id = ? AND updated_at = ?
                """)
            .params(
                settings.reservationMinutes(),
                settings.maxRoundsPerTester(),
                settings.requireCall(),
                settings.asksPreference(),
                id,
                version)
            .update()
        == 1;
  }

  void copySettings(UUID from, UUID to) {
    jdbc.sql(
            """
            UPDATE playgrounds
            SET (reservation_minutes, max_rounds_per_tester, require_call, asks_preference) =
              (SELECT reservation_minutes, max_rounds_per_tester, require_call, asks_preference
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

  /**
   * Moves the playground from one of {@code from} to {@code to}, is_active with it; false when it
   * was in none of them (someone moved it meanwhile).
   */
  boolean changeStatus(UUID id, List<PlaygroundStatus> from, PlaygroundStatus to) {
    return jdbc.sql(
                """
                UPDATE playgrounds SET status = :to, is_active = (:to = 'live')
                WHERE id = :id AND status = ANY (:from::text[])
                """)
            .param("to", to.databaseValue())
            .param("id", id)
            .param(
                "from", from.stream().map(PlaygroundStatus::databaseValue).toArray(String[]::new))
            .update()
        == 1;
  }

  void setClosesAt(UUID id, OffsetDateTime closesAt) {
    jdbc.sql("UPDATE playgrounds SET closes_at = ? WHERE id = ?").params(closesAt, id).update();
  }

  /** The models whose current configuration version's widget was seen to load in the preview. */
  java.util.Set<ModelKey> widgetsLoaded(UUID playground) {
    return jdbc.sql(
            """
            SELECT m.model_key FROM model_configurations m
            JOIN widget_checks w USING (playground_id, model_key, configuration_version)
            WHERE m.playground_id = ?
            """)
        .param(playground)
        .query((rs, row) -> ModelKey.fromDatabase(rs.getString(1)))
        .set();
  }

  /**
   * Records that the model's widget loaded, if {@code version} is still its configuration version.
   *
   * @return whether this is the version's first check
   */
  boolean recordWidgetLoaded(UUID playground, ModelKey key, int version, UUID by) {
    return jdbc.sql(
                """
                INSERT INTO widget_checks (playground_id, model_key, configuration_version, checked_by)
                SELECT playground_id, model_key, configuration_version, ?
                FROM model_configurations
                WHERE playground_id = ? AND model_key = ? AND configuration_version = ?
                ON CONFLICT DO NOTHING
                """)
            .params(by, playground, key.databaseValue(), version)
            .update()
        == 1;
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

  /** Whether it was there to delete (a second, concurrent delete finds nothing). */
  boolean delete(UUID id) {
    return jdbc.sql("DELETE FROM playgrounds WHERE id = ?").param(id).update() == 1;
  }

  /** The models of each of the playgrounds, in key order. */
  private Map<UUID, List<ModelConfiguration>> models(List<UUID> playgrounds) {
    Map<UUID, List<ModelConfiguration>> models = new HashMap<>();
    jdbc.sql(
            """
            SELECT m.*, c.current_count FROM model_configurations m
            JOIN evaluation_counters c USING (playground_id, model_key)
            WHERE m.playground_id = ANY (?::uuid[]) ORDER BY m.playground_id, m.model_key
            """)
        .param(playgrounds.toArray(UUID[]::new))
        .query(
            rs -> {
              models
                  .computeIfAbsent(
                      rs.getObject("playground_id", UUID.class), id -> new ArrayList<>())
                  .add(
                      new ModelConfiguration(
                          ModelKey.fromDatabase(rs.getString("model_key")),
                          rs.getString("model_name"),
                          rs.getString("embed_code"),
                          parsedOrNull(rs.getString("embed_code")),
                          (Integer) rs.getObject("max_evaluations"),
                          rs.getInt("configuration_version"),
                          rs.getInt("current_count"),
                          rs.getObject("updated_at", LocalDateTime.class)));
            });
    return models;
  }

  /** The playground's row, without its models and questions yet. */
  private static Playground playground(ResultSet rs, int row) throws SQLException {
    Array restricted = rs.getArray("restricted_emails");
    return new Playground(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        PlaygroundType.fromDatabase(rs.getString("type")),
        rs.getString("description"),
        rs.getString("support_text"),
        rs.getBoolean("is_active"),
        PlaygroundStatus.fromDatabase(rs.getString("status")),
        rs.getObject("closes_at", OffsetDateTime.class),
        restricted == null ? null : Arrays.asList((String[]) restricted.getArray()),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("updated_at", LocalDateTime.class),
        new Playground.Settings(
            rs.getInt("reservation_minutes"),
            (Integer) rs.getObject("max_rounds_per_tester"),
            rs.getBoolean("require_call"),
            rs.getBoolean("asks_preference")),
        List.of(),
        List.of());
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
