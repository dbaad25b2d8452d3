package com.earshot.playground;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The configuration versions of a playground's models (V30). A version that is not made here (a new
 * model, an edit of an A/B model) is written by the database's trigger; row-level security shows
 * them to the playground's own admin only.
 */
@Repository
class ModelVersions {

  private final JdbcClient jdbc;

  ModelVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The playground's versions, newest first per model. */
  List<ModelVersion> of(UUID playground) {
    return jdbc.sql(
            """
            SELECT v.*, u.email AS created_by_email FROM model_versions v
            LEFT JOIN users u ON u.id = v.created_by
            WHERE v.playground_id = ?
            ORDER BY v.model_key, v.configuration_version DESC
            """)
        .param(playground)
        .query(ModelVersions::version)
        .list();
  }

  /**
   * Starts the model's next version, with its note, unless the model changed since {@code
   * updatedAt}: the version's row first (so the trigger leaves it be), then the model.
   *
   * @return the model configuration's id, or null when it changed meanwhile (nothing is written:
   *     the caller's transaction is rolled back)
   */
  UUID startVersion(
      UUID playground,
      ModelKey key,
      int next,
      LocalDateTime updatedAt,
      NewVersionDraft draft,
      List<ModelVersion.Change> changes,
      UUID by) {
    jdbc.sql(
            """
            INSERT INTO model_versions (playground_id, model_key, configuration_version, model_name,
                                        embed_code, origin, change_note, changes, created_by)
            VALUES (?, ?, ?, ?, ?, 'new_version', ?, ?::text[], ?)
            """)
        .params(
            playground,
            key.databaseValue(),
            next,
            draft.name(),
            draft.embedCode(),
            draft.note(),
            changes.stream().map(ModelVersion.Change::databaseValue).toArray(String[]::new),
            by)
        .update();
    return jdbc.sql(
            """
            UPDATE model_configurations
            SET model_name = ?, embed_code = ?, configuration_version = ?
            WHERE playground_id = ? AND model_key = ? AND updated_at = ?
              AND configuration_version = ? - 1
            RETURNING id
            """)
        .params(
            draft.name(), draft.embedCode(), next, playground, key.databaseValue(), updatedAt, next)
        .query(UUID.class)
        .optional()
        .orElse(null);
  }

  private static ModelVersion version(ResultSet rs, int row) throws SQLException {
    String embedCode = rs.getString("embed_code");
    return new ModelVersion(
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getInt("configuration_version"),
        rs.getString("model_name"),
        embedCode,
        parsedOrNull(embedCode),
        ModelVersion.Origin.fromDatabase(rs.getString("origin")),
        rs.getString("change_note"),
        Arrays.stream((String[]) rs.getArray("changes").getArray())
            .map(ModelVersion.Change::of)
            .filter(Objects::nonNull)
            .toList(),
        rs.getString("created_by_email"),
        rs.getObject("created_at", LocalDateTime.class));
  }

  private static EmbedCode parsedOrNull(String embedCode) {
    if (embedCode == null) {
      return null;
    }
    try {
      return EmbedCodeParser.parse(embedCode);
    } catch (InvalidEmbedCodeException e) {
      return null;
    }
  }
}
