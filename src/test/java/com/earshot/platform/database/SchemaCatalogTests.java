package com.earshot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.TestDatabase;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migrated catalog against the seed specification ({@code seed/database-schema.md}) and the
 * design's additions, table by table: what exists is read from pg_catalog, and the constraints that
 * guard the domain rules are also proven by statements they must refuse.
 */
@EarshotTest
class SchemaCatalogTests {

  private static final List<String> SEED_TABLES =
      List.of(
          "users",
          "playgrounds",
          "model_configurations",
          "evaluation_counters",
          "questions",
          "evaluations",
          "audit_log");

  /**
   * Every seed column as built: {@code table.column | format_type | null or not null | default as
   * pg_get_expr prints it (empty: none)}. Rows marked "extension" are Earshot's additions.
   */
  private static final String COLUMNS =
      """
      users.id                           | uuid                        | not null | gen_random_uuid()
      users.email                        | character varying(255)      | not null |
      users.full_name                    | character varying(255)      | null     |
      users.role                         | user_role                   | not null | 'tester'::user_role
      users.created_at                   | timestamp without time zone | not null | now()
      users.updated_at                   | timestamp without time zone | not null | now()
      users.last_login                   | timestamp without time zone | null     |
      playgrounds.id                     | uuid                        | not null | gen_random_uuid()
      playgrounds.name                   | character varying(255)      | not null |
      playgrounds.type                   | playground_type             | not null |
      playgrounds.description            | text                        | null     |
      playgrounds.support_text           | text                        | null     |
      playgrounds.created_by             | uuid                        | not null |
      playgrounds.is_active              | boolean                     | not null | true
      playgrounds.restricted_emails      | text[]                      | null     |
      playgrounds.created_at             | timestamp without time zone | not null | now()
      playgrounds.updated_at             | timestamp without time zone | not null | now()
      model_configurations.id            | uuid                        | not null | gen_random_uuid()
      model_configurations.playground_id | uuid                        | not null |
      model_configurations.model_key     | character varying(50)       | not null |
      model_configurations.model_name    | character varying(255)      | null     |
      model_configurations.embed_code    | text                        | null     |
      model_configurations.max_evaluations | integer                   | null     |
      model_configurations.created_at    | timestamp without time zone | not null | now()
      model_configurations.configuration_version | integer             | not null | 1
      model_configurations.updated_at    | timestamp without time zone | not null | now()
      evaluation_counters.id             | uuid                        | not null | gen_random_uuid()
      evaluation_counters.playground_id  | uuid                        | not null |
      evaluation_counters.model_key      | character varying(50)       | not null |
      evaluation_counters.current_count  | integer                     | not null | 0
      evaluation_counters.created_at     | timestamp without time zone | not null | now()
      evaluation_counters.updated_at     | timestamp without time zone | not null | now()
      questions.id                       | uuid                        | not null | gen_random_uuid()
      questions.playground_id            | uuid                        | not null |
      questions.model_key                | character varying(50)       | null     |
      questions.question_text            | text                        | not null |
      questions.question_type            | question_type               | not null |
      questions.options                  | jsonb                       | null     |
      questions.order_index              | integer                     | not null | 0
      questions.required                 | boolean                     | not null | true
      questions.created_at               | timestamp without time zone | not null | now()
      evaluations.id                     | uuid                        | not null | gen_random_uuid()
      evaluations.playground_id          | uuid                        | not null |
      evaluations.user_id                | uuid                        | not null |
      evaluations.model_key              | character varying(50)       | not null |
      evaluations.question_id            | uuid                        | not null |
      evaluations.answer_text            | text                        | null     |
      evaluations.answer_value           | character varying(255)      | null     |
      evaluations.rating                 | integer                     | null     |
      evaluations.session_id             | uuid                        | not null |
      evaluations.created_at             | timestamp without time zone | not null | now()
      audit_log.id                       | uuid                        | not null | gen_random_uuid()
      audit_log.user_id                  | uuid                        | null     |
      audit_log.action                   | character varying(255)      | not null |
      audit_log.resource_type            | character varying(100)      | null     |
      audit_log.resource_id              | uuid                        | null     |
      audit_log.old_values               | jsonb                       | null     |
      audit_log.new_values               | jsonb                       | null     |
      audit_log.ip_address               | inet                        | null     |
      audit_log.created_at               | timestamp without time zone | not null | now()
      audit_log.playground_id            | uuid                        | null     |
      """;

  /** The ordered key columns of a constraint's or an index's column numbers, as "a, b". */
  private static final String KEY_COLUMNS =
      """
      (SELECT string_agg(a.attname, ', ' ORDER BY k.n)
         FROM unnest(%s) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum %s)
      """;

  private final JdbcClient catalog = TestDatabase.superuserJdbc();
  private final DataSource superuser = TestDatabase.superuser();
  private final JdbcClient jdbc = JdbcClient.create(superuser);
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(superuser));
  private final TransactionTemplate savepoint = nested(transaction);

  @Test
  void shouldHaveTheSeedTablesAndTheExtensionTables() {
    List<String> tables =
        catalog
            .sql(
                "SELECT relname FROM pg_class"
                    + " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')")
            .query(String.class)
            .list();

    assertThat(tables)
        .as("tables in schema public")
        .containsAll(SEED_TABLES)
        .contains(
            "evaluation_sessions",
            "preferences",
            "one_time_tokens",
            "spring_session",
            "spring_session_attributes");
  }

  @Test
  void shouldMatchTheSeedColumnByColumn() {
    List<String> expected = COLUMNS.lines().map(SchemaCatalogTests::normalized).toList();
    Map<String, String> actual =
        catalog
            .sql(
                """
                SELECT c.relname || '.' || a.attname AS name,
                       format_type(a.atttypid, a.atttypmod) || ' | '
                         || CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END || ' | '
                         || coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS definition
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                  AND a.attnum > 0 AND NOT a.attisdropped
                """)
            .query((rs, n) -> Map.entry(rs.getString("name"), rs.getString("definition")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    List<String> built =
        expected.stream()
            .map(row -> row.substring(0, row.indexOf(" | ")))
            .map(column -> normalized(column + " | " + actual.getOrDefault(column, "(missing)")))
            .toList();

    assertThat(built)
        .as("columns as built: table.column | type | nullability | default")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void shouldListTheEnumValuesInTheirDeclaredOrder() {
    Map<String, List<String>> enums = new LinkedHashMap<>();
    catalog
        .sql(
            """
            SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
            FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
            WHERE t.typnamespace = 'public'::regnamespace
            GROUP BY t.typname
            """)
        .query(
            rs -> {
              enums.put(rs.getString(1), List.of(rs.getString(2).split(",")));
            });

    assertThat(enums)
        .as("enum types and their labels in enumsortorder")
        .containsAllEntriesOf(
            Map.of(
                "user_role",
                List.of("admin", "tester"),
                "playground_type",
                List.of("ab_testing", "tuning"),
                "question_type",
                List.of("select", "input_string", "rating"),
                "evaluation_session_status",
                List.of("assigned", "submitted", "expired", "given_back")));
  }

  @Test
  void shouldKeyEveryTableAndEnforceTheSeedUniqueness() {
    assertThat(constraints("p"))
        .as("primary keys")
        .containsAll(SEED_TABLES.stream().map(table -> table + "(id)").toList())
        .contains("evaluation_sessions(id)");
    assertThat(constraints("u"))
        .as("unique constraints")
        .contains(
            "users(email)",
            "model_configurations(playground_id, model_key)",
            "evaluation_counters(playground_id, model_key)",
            "evaluations(session_id, question_id)");
  }

  @Test
  void shouldTreatEmailsAsUniqueWhateverTheirCase() {
    inRolledBackTransaction(
        db -> {
          String email = Fixtures.uniqueEmail("bob");
          for (String variant : List.of("B" + email.substring(1), " " + email, email + " ")) {
            assertRefused(
                "23514 users_email_normalized", () -> update(insertUser(), variant), variant);
          }
          db.user(email, "tester");
          assertRefused("23505 users_email_key", () -> update(insertUser(), email), email);
        });
  }

  @Test
  void shouldIndexEveryColumnListTheSeedIndexes() {
    List<String> indexes =
        catalog
            .sql(
                """
                SELECT t.relname || '(' || %s || ')'
                FROM pg_index x
                JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relnamespace = 'public'::regnamespace
                  AND x.indexprs IS NULL AND x.indpred IS NULL
                """
                    .formatted(
                        KEY_COLUMNS.formatted(
                            "x.indkey::int2[]", "x.indrelid", "WHERE k.n <= x.indnkeyatts")))
            .query(String.class)
            .list();

    assertThat(indexes)
        .as("plain indexes, by their ordered key columns")
        .contains(
            "users(email)",
            "users(role)",
            "playgrounds(created_by)",
            "playgrounds(is_active)",
            "model_configurations(playground_id)",
            "evaluation_counters(playground_id)",
            "questions(playground_id)",
            "questions(model_key)",
            "questions(playground_id, order_index)",
            "evaluations(playground_id)",
            "evaluations(user_id)",
            "evaluations(model_key)",
            "evaluations(session_id)",
            "evaluations(created_at)",
            "audit_log(user_id)",
            "audit_log(resource_type, resource_id)",
            "audit_log(created_at)");
  }

  @Test
  void shouldReferenceTheSeedParentsAndNeverCascadeIntoEvaluations() {
    List<Constraint> foreignKeys = constraintRows("f");

    assertThat(foreignKeys)
        .extracting(Constraint::reference)
        .as("foreign keys")
        .contains(
            "playgrounds(created_by) -> users(id)",
            "model_configurations(playground_id) -> playgrounds(id)",
            "evaluation_counters(playground_id) -> playgrounds(id)",
            "questions(playground_id) -> playgrounds(id)",
            "evaluations(playground_id) -> playgrounds(id)",
            "evaluations(user_id) -> users(id)",
            "evaluations(question_id) -> questions(id)",
            "evaluations(session_id) -> evaluation_sessions(id)",
            "audit_log(user_id) -> users(id)");
    assertThat(foreignKeys)
        .filteredOn(fk -> fk.columns().startsWith("evaluations("))
        .filteredOn(fk -> !List.of("a", "r").contains(fk.onDelete()))
        .extracting(fk -> fk.name() + " on delete " + fk.onDelete())
        .as("foreign keys of evaluations that let a delete elsewhere remove or change an answer")
        .isEmpty();
  }

  @Test
  void shouldRefuseToLoseAnEvaluationByDeletingWhatItRefersTo() {
    inRolledBackTransaction(
        db -> {
          UUID playground = db.abPlayground(db.admin("owner"));
          UUID tester = db.tester("keeper");
          UUID question = db.question(playground, null, "input_string", null);
          UUID session = db.submittedSession(playground, tester, "model_a");
          UUID answer = db.answer(session, question, "It sounded natural.");

          Map<String, Object> parents =
              Map.of(
                  "DELETE FROM playgrounds WHERE id = ?", playground,
                  "DELETE FROM model_configurations WHERE playground_id = ?", playground,
                  "DELETE FROM questions WHERE id = ?", question,
                  "DELETE FROM evaluation_sessions WHERE id = ?", session,
                  "DELETE FROM users WHERE id = ?", tester);
          parents.forEach((sql, id) -> assertRefused("23503", () -> update(sql, id), sql));

          assertThat(
                  jdbc.sql("SELECT count(*) FROM evaluations WHERE id = ?")
                      .param(answer)
                      .query(Long.class)
                      .single())
              .as("the answer after every attempt to delete what it refers to")
              .isOne();
        });
  }

  @Test
  void shouldCheckModelKeysRatingsAndCounters() {
    assertThat(constraintRows("c"))
        .extracting(Constraint::name)
        .as("check constraints")
        .contains(
            "users_email_normalized",
            "model_configurations_model_key_check",
            "evaluation_counters_model_key_check",
            "evaluation_counters_current_count_not_negative",
            "questions_model_key_check",
            "evaluation_sessions_model_key_check",
            "evaluations_model_key_check",
            "evaluations_rating_check");

    inRolledBackTransaction(
        db -> {
          UUID playground = db.playground(db.admin("checker"), "tuning", true, null);
          assertRefused(
              "23514 model_configurations_model_key_check",
              () ->
                  update(
                      "INSERT INTO model_configurations (playground_id, model_key) VALUES (?, ?)",
                      playground,
                      "model_c"),
              "model_c");
          assertRefused(
              "23514 evaluation_counters_current_count_not_negative",
              () ->
                  update(
                      "UPDATE evaluation_counters SET current_count = -1 WHERE playground_id = ?",
                      playground),
              "current_count -1");

          UUID session = db.submittedSession(playground, db.tester("rater"), "model_a");
          UUID lowest = db.question(playground, null, "rating", null);
          UUID highest = db.question(playground, null, "rating", null);
          for (int rating : new int[] {0, 6}) {
            assertRefused(
                "23514 evaluations_rating_check",
                () -> db.answer(session, lowest, rating),
                "rating " + rating);
          }
          db.answer(session, lowest, 1);
          db.answer(session, highest, 5);
        });
  }

  @Test
  void shouldOfferTheSeedViewsWithAtLeastTheSeedColumns() {
    Map<String, List<String>> expected =
        Map.of(
            "playground_metrics",
            List.of(
                "id",
                "name",
                "type",
                "total_testers",
                "total_evaluations",
                "submitted_sessions",
                "model_a_submitted_sessions",
                "model_b_submitted_sessions",
                "model_a_average_rating",
                "model_b_average_rating",
                "last_activity"),
            "question_metrics",
            List.of(
                "id",
                "question_text",
                "playground_id",
                "model_key",
                "answer_value",
                "response_count",
                "percentage"),
            "open_responses",
            List.of(
                "playground_id",
                "question_id",
                "model_key",
                "answer_text",
                "user_id",
                "session_id",
                "created_at"));

    assertSoftly(
        softly ->
            expected.forEach(
                (view, columns) ->
                    softly
                        .assertThat(
                            catalog
                                .sql(
                                    """
                                    SELECT a.attname FROM pg_attribute a
                                    JOIN pg_class c ON c.oid = a.attrelid
                                    WHERE c.relnamespace = 'public'::regnamespace
                                      AND c.relkind = 'v' AND c.relname = ?
                                      AND a.attnum > 0 AND NOT a.attisdropped
                                    """)
                                .param(view)
                                .query(String.class)
                                .list())
                        .as("columns of view %s", view)
                        .containsAll(columns)));
  }

  @Test
  void shouldForceRowLevelSecurityOnEveryDomainTable() {
    List<String> forced =
        catalog
            .sql(
                """
                SELECT relname FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
                  AND relrowsecurity AND relforcerowsecurity
                """)
            .query(String.class)
            .list();

    assertThat(forced)
        .as("tables with row-level security enabled and forced")
        .containsAll(SEED_TABLES)
        .contains("evaluation_sessions", "preferences");
  }

  @Test
  void shouldMaintainUpdatedAtOnEveryTableThatHasIt() {
    List<String> withColumn =
        catalog
            .sql(
                """
                SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                  AND a.attname = 'updated_at' AND NOT a.attisdropped
                """)
            .query(String.class)
            .list();
    // tgtype bits: 1 row, 2 before, 16 update.
    List<String> withTrigger =
        catalog
            .sql(
                """
                SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE t.tgfoid = 'set_updated_at'::regproc AND NOT t.tgisinternal
                  AND t.tgenabled <> 'D' AND t.tgtype & (1 | 2 | 16) = (1 | 2 | 16)
                """)
            .query(String.class)
            .list();

    assertThat(withColumn)
        .as("tables with an updated_at column")
        .contains(
            "users",
            "playgrounds",
            "model_configurations",
            "evaluation_counters",
            "evaluation_sessions");
    assertThat(withTrigger)
        .as("tables whose updated_at is set by a BEFORE UPDATE row trigger")
        .containsExactlyInAnyOrderElementsOf(withColumn);

    inRolledBackTransaction(
        db -> {
          UUID user =
              jdbc.sql(
                      "INSERT INTO users (email, updated_at) VALUES (?, '2000-01-01') RETURNING id")
                  .param(Fixtures.uniqueEmail("touched"))
                  .query(UUID.class)
                  .single();
          update(
              "UPDATE users SET full_name = 'Touched', updated_at = '2001-01-01' WHERE id = ?",
              user);

          assertThat(
                  jdbc.sql("SELECT updated_at FROM users WHERE id = ?")
                      .param(user)
                      .query(LocalDateTime.class)
                      .single())
              .as("users.updated_at after an update that tried to set it to 2001-01-01")
              .isEqualTo(jdbc.sql("SELECT localtimestamp").query(LocalDateTime.class).single());
        });
  }

  @Test
  void shouldRunTheAppAsARoleThatOwnsNothingAndCannotBypassRowLevelSecurity() {
    assertThat(
            catalog
                .sql("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?")
                .param(TestDatabase.APP_ROLE)
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2)))
                .single())
        .as("%s: superuser, bypassrls", TestDatabase.APP_ROLE)
        .containsExactly(false, false);

    String ownedBy =
        """
        SELECT 'relation ' || relname FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relowner = CAST(:role AS regrole)
        UNION ALL
        SELECT 'function ' || proname FROM pg_proc
        WHERE pronamespace = 'public'::regnamespace AND proowner = CAST(:role AS regrole)
        UNION ALL
        SELECT 'type ' || typname FROM pg_type
        WHERE typnamespace = 'public'::regnamespace AND typowner = CAST(:role AS regrole)
        """;
    assertThat(catalog.sql(ownedBy).param("role", TestDatabase.APP_ROLE).query(String.class).list())
        .as("objects in schema public owned by %s", TestDatabase.APP_ROLE)
        .isEmpty();
    assertThat(catalog.sql(ownedBy).param("role", "earshot_owner").query(String.class).list())
        .as("objects in schema public owned by the migrating role")
        .contains("relation evaluations", "relation playground_metrics", "function app_is_admin");
  }

  // --- catalog helpers

  private record Constraint(String name, String columns, String references, String onDelete) {

    String reference() {
      return columns + " -> " + references;
    }
  }

  private List<Constraint> constraintRows(String type) {
    return catalog
        .sql(
            """
            SELECT c.conname, t.relname || '(' || %s || ')' AS columns,
                   f.relname || '(' || %s || ')' AS refs, c.confdeltype::text AS on_delete
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            LEFT JOIN pg_class f ON f.oid = c.confrelid
            WHERE c.connamespace = 'public'::regnamespace AND c.contype = ?::"char"
            """
                .formatted(
                    KEY_COLUMNS.formatted("c.conkey", "c.conrelid", ""),
                    KEY_COLUMNS.formatted("c.confkey", "c.confrelid", "")))
        .param(type)
        .query(
            (rs, n) ->
                new Constraint(
                    rs.getString("conname"),
                    rs.getString("columns"),
                    rs.getString("refs"),
                    rs.getString("on_delete")))
        .list();
  }

  private List<String> constraints(String type) {
    return constraintRows(type).stream().map(Constraint::columns).toList();
  }

  private static String normalized(String row) {
    return Arrays.stream(row.split("\\|", -1))
        .map(String::strip)
        .collect(Collectors.joining(" | "));
  }

  // --- behaviour helpers: rows written as the superuser, always rolled back

  private void inRolledBackTransaction(Consumer<Fixtures> work) {
    transaction.executeWithoutResult(
        status -> {
          status.setRollbackOnly();
          work.accept(new Fixtures(jdbc));
        });
  }

  private int update(String sql, Object... params) {
    return jdbc.sql(sql).params(params).update();
  }

  private static String insertUser() {
    return "INSERT INTO users (email) VALUES (?)";
  }

  /**
   * Asserts that {@code statement} is refused with {@code expected}: an SQLState, optionally
   * followed by the violated constraint's name. It runs in a savepoint, so the transaction goes on.
   */
  private void assertRefused(String expected, Runnable statement, String what) {
    Throwable thrown =
        catchThrowable(() -> savepoint.executeWithoutResult(status -> statement.run()));
    assertThat(thrown)
        .as("%s: expected to be refused with %s", what, expected)
        .isInstanceOf(DataIntegrityViolationException.class)
        .extracting(SchemaCatalogTests::violation)
        .asString()
        .startsWith(expected);
  }

  private static String violation(Throwable e) {
    PSQLException cause = (PSQLException) NestedExceptionUtils.getMostSpecificCause(e);
    return cause.getSQLState() + " " + cause.getServerErrorMessage().getConstraint();
  }

  private static TransactionTemplate nested(TransactionTemplate outer) {
    TransactionTemplate nested = new TransactionTemplate(outer.getTransactionManager());
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    return nested;
  }
}
