package com.earshot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What V29 and V30 make of a database that had playgrounds before them, migrated as in production
 * (by the owner, whom the forced policies bind too): ratings keep the words testers read, and each
 * model's versions are rebuilt from the audit log as far as it tells, and no further.
 */
class ModelVersionsBackfillTests {

  private static final String DATABASE = "versions_backfill";

  @Test
  void shouldRebuildEachVersionFromTheAuditLogAndMarkWhatItDoesNotTell() {
    JdbcClient postgres = JdbcClient.create(TestDatabase.server().superuserDataSource("postgres"));
    postgres.sql("DROP DATABASE IF EXISTS " + DATABASE).update();
    postgres.sql("CREATE DATABASE " + DATABASE + " OWNER earshot_owner").update();
    migrate("26"); // the last before V29, whatever numbers others take meanwhile
    JdbcClient db = JdbcClient.create(TestDatabase.server().superuserDataSource(DATABASE));

    UUID owner =
        insert(
            db,
            "INSERT INTO users (email, role) VALUES ('owner@example.com', 'admin') RETURNING id");
    UUID editor =
        insert(
            db,
            "INSERT INTO users (email, role) VALUES ('editor@example.com', 'admin') RETURNING id");
    UUID playground =
        insert(
            db,
            "INSERT INTO playgrounds (name, type, created_by) VALUES ('Before', 'ab_testing', ?) RETURNING id",
            owner);
    // model A: renamed in version 2, its embed code changed in version 3, both audited
    UUID modelA =
        insert(
            db,
            """
            INSERT INTO model_configurations (playground_id, model_key, model_name, embed_code,
                                              configuration_version)
            VALUES (?, 'model_a', 'Second', 'agent_now3', 3) RETURNING id
            """,
            playground);
    audit(
        db,
        editor,
        modelA,
        "2026-11-02 10:00",
        "{\"model_name\": \"First\", \"configuration_version\": 1}",
        "{\"model_name\": \"Second\", \"configuration_version\": 2}");
    audit(
        db,
        editor,
        modelA,
        "2026-11-03 10:00",
        "{\"embed_code\": \"agent_old2\", \"configuration_version\": 2}",
        "{\"embed_code\": \"agent_now3\", \"configuration_version\": 3}");
    // model B: at version 2 with no audit row telling what version 1 was
    db.sql(
            """
            INSERT INTO model_configurations (playground_id, model_key, model_name, embed_code,
                                              configuration_version)
            VALUES (?, 'model_b', 'Bee', 'agent_bee2', 2)
            """)
        .param(playground)
        .update();
    db.sql(
            """
            INSERT INTO questions (playground_id, question_text, question_type) VALUES (?, 'Overall', 'rating'),
                                                                                     (?, 'Why?', 'input_string')
            """)
        .params(playground, playground)
        .update();

    migrate(null);

    assertThat(
            db.sql(
                    """
                    SELECT model_key || ' v' || configuration_version || ': '
                           || coalesce(model_name, '?') || ', ' || coalesce(embed_code, '?') || ', '
                           || origin || ', ' || coalesce(created_by::text, '-') || ', '
                           || (change_note IS NULL)
                    FROM model_versions WHERE playground_id = ? ORDER BY model_key, configuration_version
                    """)
                .param(playground)
                .query(String.class)
                .list())
        .containsExactly(
            "model_a v1: First, agent_old2, before_history, " + owner + ", true",
            "model_a v2: Second, agent_old2, before_history, " + editor + ", true",
            "model_a v3: Second, agent_now3, before_history, " + editor + ", true",
            "model_b v1: ?, ?, before_history, " + owner + ", true",
            "model_b v2: Bee, agent_bee2, before_history, -, true");
    assertThat(
            db.sql(
                    "SELECT question_type::text, scale_low_label, scale_high_label FROM questions WHERE playground_id = ? ORDER BY question_type")
                .param(playground)
                .query()
                .listOfRows())
        .containsExactlyInAnyOrder(
            Map.of(
                "question_type",
                "rating",
                "scale_low_label",
                "poor",
                "scale_high_label",
                "excellent"),
            nullLabels("input_string"));
    assertThat(
            db.sql(
                    "SELECT relname FROM pg_class WHERE relname IN ('playgrounds', 'model_configurations', 'audit_log', 'questions', 'model_versions') AND NOT relforcerowsecurity")
                .query(String.class)
                .list())
        .as("the policies bind the owner again")
        .isEmpty();
  }

  private static Map<String, Object> nullLabels(String type) {
    Map<String, Object> row = new java.util.HashMap<>();
    row.put("question_type", type);
    row.put("scale_low_label", null);
    row.put("scale_high_label", null);
    return row;
  }

  private static void migrate(String target) {
    var configuration =
        Flyway.configure()
            .dataSource(
                "jdbc:postgresql://localhost:%d/%s"
                    .formatted(TestDatabase.server().port(), DATABASE),
                "earshot_owner",
                null)
            .locations("classpath:db/migration")
            .placeholders(Map.of("app_role", TestDatabase.APP_ROLE));
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private static UUID insert(JdbcClient db, String sql, Object... params) {
    return db.sql(sql).params(List.of(params)).query(UUID.class).single();
  }

  private static void audit(
      JdbcClient db, UUID user, UUID model, String at, String oldValues, String newValues) {
    db.sql(
            """
            INSERT INTO audit_log (user_id, action, resource_type, resource_id, old_values, new_values,
                                   created_at)
            VALUES (?, 'model.update', 'model_configuration', ?, ?::jsonb, ?::jsonb, ?::timestamp)
            """)
        .params(user, model, oldValues, newValues, at)
        .update();
  }
}
