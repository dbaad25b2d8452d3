package com.earshot.platform.database;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The policies, exercised as the runtime role through the app's own pool and transactions. */
@EarshotTest
class RowLevelSecurityTests {

  private static final List<String> GUARDED_TABLES =
      List.of(
          "users",
          "playgrounds",
          "model_configurations",
          "evaluation_counters",
          "questions",
          "evaluations",
          "audit_log",
          "evaluation_sessions");

  /**
   * The tables whose policies admit the SECURITY DEFINER functions, which run as their owner (V15,
   * V16, V18; V22).
   */
  private static final List<String> DEFINER_TABLES =
      List.of(
          "evaluation_sessions",
          "evaluations",
          "evaluation_counters",
          "answer_tallies",
          "session_tallies",
          "rating_pair_tallies",
          "playground_testers",
          "tester_tallies",
          "audit_log_repeats");

  /** Neither the owner nor the runtime role. */
  private static final String ANOTHER_ROLE = "earshot_reporting";

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;

  final Fixtures fixtures = new Fixtures();

  UUID adminP;
  UUID adminQ;
  UUID testerX;
  UUID testerY;
  UUID playgroundOfQ;
  UUID answerOfX;
  UUID answerOfY;
  UUID sessionOfY;

  @BeforeEach
  void world() {
    adminP = fixtures.admin("p");
    adminQ = fixtures.admin("q");
    testerX = fixtures.tester("x");
    testerY = fixtures.tester("y");
    playgroundOfQ = fixtures.abPlayground(adminQ);
    UUID question = fixtures.selectQuestion(playgroundOfQ, null, "good", "bad");
    UUID sessionOfX = fixtures.submittedSession(playgroundOfQ, testerX, "model_a");
    sessionOfY = fixtures.submittedSession(playgroundOfQ, testerY, "model_b");
    answerOfX = fixtures.answer(sessionOfX, question, choice("good"));
    answerOfY = fixtures.answer(sessionOfY, question, choice("bad"));
    fixtures
        .jdbc()
        .sql("INSERT INTO audit_log (user_id, action, playground_id) VALUES (?, 'test.world', ?)")
        .params(adminQ, playgroundOfQ)
        .update();
  }

  @Test
  void shouldRunAsTheRuntimeRoleWhichNeitherOwnsNorBypasses() {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
        .isEqualTo("earshot_app");
    assertThat(
            jdbc.sql("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class)
                .single())
        .isFalse();
  }

  @Test
  void shouldShowATesterOnlyTheirOwnEvaluationsEvenByDirectId() {
    List<UUID> visible =
        as(
            testerX,
            jdbc ->
                jdbc.sql("SELECT id FROM evaluations WHERE playground_id = ?")
                    .param(playgroundOfQ)
                    .query(UUID.class)
                    .list());
    assertThat(visible).containsExactly(answerOfX);
    assertThat(count(testerX, "SELECT count(*) FROM evaluations WHERE id = ?", answerOfY)).isZero();
    assertThat(count(testerX, "SELECT count(*) FROM evaluation_sessions WHERE id = ?", sessionOfY))
        .isZero();
  }

  @Test
  void shouldNotLetATesterWriteAnswersInSomeoneElsesName() {
    UUID question =
        as(
            adminQ,
            jdbc ->
                jdbc.sql("SELECT id FROM questions WHERE playground_id = ?")
                    .param(playgroundOfQ)
                    .query(UUID.class)
                    .single());
    assertThatThrownBy(
            () ->
                as(
                    testerX,
                    jdbc ->
                        jdbc.sql(
                                """
                                INSERT INTO evaluations (playground_id, user_id, model_key, question_id,
                                                         session_id, answer_value)
                                VALUES (?, ?, 'model_b', ?, ?, 'good')
                                """)
                            .params(playgroundOfQ, testerY, question, sessionOfY)
                            .update()))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("row-level security");
  }

  @Test
  void shouldHideAnotherAdminsPlaygroundsAndEverythingInThem() {
    for (String table :
        List.of("model_configurations", "evaluation_counters", "questions", "evaluations")) {
      assertThat(
              count(
                  adminP,
                  "SELECT count(*) FROM " + table + " WHERE playground_id = ?",
                  playgroundOfQ))
          .as(table)
          .isZero();
      assertThat(
              count(
                  adminQ,
                  "SELECT count(*) FROM " + table + " WHERE playground_id = ?",
                  playgroundOfQ))
          .as(table + " for its owner")
          .isPositive();
    }
    assertThat(count(adminP, "SELECT count(*) FROM playgrounds WHERE id = ?", playgroundOfQ))
        .isZero();
    assertThat(count(adminQ, "SELECT count(*) FROM playgrounds WHERE id = ?", playgroundOfQ))
        .isOne();
    assertThat(
            this.<Integer>as(
                adminP,
                jdbc ->
                    jdbc.sql("UPDATE playgrounds SET name = 'mine now' WHERE id = ?")
                        .param(playgroundOfQ)
                        .update()))
        .isZero();
  }

  @Test
  void shouldHideInactivePlaygroundsFromTesters() {
    UUID inactive = fixtures.playground(adminQ, "tuning", false, null);
    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", inactive)).isZero();
    assertThat(
            count(
                testerX,
                "SELECT count(*) FROM model_configurations WHERE playground_id = ?",
                inactive))
        .isZero();
    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", playgroundOfQ))
        .isOne();
  }

  @Test
  void shouldShowARestrictedPlaygroundOnlyToListedEmailsAndDomains() {
    String email = fixtures.emailOf(testerX);
    UUID othersOnly = fixtures.playground(adminQ, "tuning", true, List.of("someone@else.org"));
    UUID byEmail = fixtures.playground(adminQ, "tuning", true, List.of("someone@else.org", email));
    UUID byDomain = fixtures.playground(adminQ, "tuning", true, List.of("@example.com"));
    UUID byOtherDomain = fixtures.playground(adminQ, "tuning", true, List.of("@example.org"));

    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", othersOnly))
        .isZero();
    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", byEmail)).isOne();
    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", byDomain)).isOne();
    assertThat(count(testerX, "SELECT count(*) FROM playgrounds WHERE id = ?", byOtherDomain))
        .isZero();
    assertThat(count(testerX, "SELECT count(*) FROM questions WHERE playground_id = ?", othersOnly))
        .isZero();
  }

  @Test
  void shouldReturnNoRowsAnywhereWithoutAUser() {
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    for (String table : GUARDED_TABLES) {
      String sql = "SELECT count(*) FROM " + table;
      Long inTransaction = transaction.execute(status -> jdbc.sql(sql).query(Long.class).single());
      assertThat(inTransaction).as("%s in a transaction", table).isZero();
      assertThat(jdbc.sql(sql).query(Long.class).single()).as("%s outside one", table).isZero();
      assertThat(TestRows.count(table)).as("%s as superuser", table).isPositive();
    }
  }

  @Test
  void shouldNeverUpdateOrDeleteAuditRows() {
    UUID row =
        as(
            adminQ,
            jdbc ->
                jdbc.sql(
                        """
                        INSERT INTO audit_log (user_id, action, resource_type, resource_id, playground_id)
                        VALUES (?, 'playground.update', 'playground', ?, ?) RETURNING id
                        """)
                    .params(adminQ, playgroundOfQ, playgroundOfQ)
                    .query(UUID.class)
                    .single());
    assertThat(count(adminQ, "SELECT count(*) FROM audit_log WHERE id = ?", row)).isOne();
    assertThat(count(adminP, "SELECT count(*) FROM audit_log WHERE id = ?", row)).isZero();

    assertThatThrownBy(
            () ->
                as(
                    adminQ,
                    jdbc ->
                        jdbc.sql("UPDATE audit_log SET action = 'x' WHERE id = ?")
                            .param(row)
                            .update()))
        .rootCause()
        .hasMessageContaining("permission denied");
    assertThatThrownBy(
            () ->
                as(
                    adminQ,
                    jdbc -> jdbc.sql("DELETE FROM audit_log WHERE id = ?").param(row).update()))
        .rootCause()
        .hasMessageContaining("permission denied");
    // Not even the superuser: the table is append-only by trigger, too.
    assertThatThrownBy(
            () -> fixtures.jdbc().sql("DELETE FROM audit_log WHERE id = ?").param(row).update())
        .rootCause()
        .hasMessageContaining("append-only");
  }

  /**
   * A refusal's repeats are counted only through audit_log_count_repeat, in the caller's own name,
   * and read only by whoever may read the refusal's audit row.
   */
  @Test
  void shouldCountRefusalRepeatsOnlyThroughTheFunctionAndShowThemWithTheirRow() {
    String address = "10.255.0." + (1 + (int) (Math.random() * 250));
    String action =
        "security.test_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    as(
        testerX,
        jdbc -> {
          jdbc.sql(
                  """
                  INSERT INTO audit_log (user_id, action, ip_address, coalesced)
                  VALUES (?, ?, ?::inet, true)
                  """)
              .params(testerX, action, address)
              .update();
          jdbc.sql("SELECT audit_log_count_repeat(?, ?::inet)")
              .params(action, address)
              .query()
              .listOfRows();
          return jdbc.sql("SELECT audit_log_count_repeat(?, ?::inet)")
              .params(action, address)
              .query()
              .listOfRows();
        });

    assertThat(
            fixtures
                .jdbc()
                .sql("SELECT user_id, repeats FROM audit_log_repeats WHERE action = ?")
                .param(action)
                .query()
                .listOfRows())
        .as("counted in the caller's name")
        .containsExactly(Map.of("user_id", testerX, "repeats", 2L));
    String counts = "SELECT count(*) FROM audit_log_repeats WHERE action = ?";
    assertThat(count(adminP, counts, action)).as("another admin cannot read the refusal").isZero();
    assertThat(count(testerX, counts, action))
        .as("nor the tester, who reads no audit rows")
        .isZero();
    for (String write :
        List.of(
            "UPDATE audit_log_repeats SET repeats = 0",
            "INSERT INTO audit_log_repeats (minute, action, repeats) VALUES (now(), 'x.y', 1)",
            "DELETE FROM audit_log_repeats")) {
      assertThatThrownBy(() -> as(testerX, jdbc -> jdbc.sql(write).update()))
          .as(write)
          .rootCause()
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void shouldNotLetATesterMakeThemselvesAdmin() {
    assertThatThrownBy(
            () ->
                as(
                    testerX,
                    jdbc ->
                        jdbc.sql("UPDATE users SET role = 'admin' WHERE id = ?")
                            .param(testerX)
                            .update()))
        .rootCause()
        .hasMessageContaining("row-level security");
    assertThat(
            this.<Integer>as(
                testerX,
                jdbc ->
                    jdbc.sql("UPDATE users SET full_name = 'X' WHERE id = ?")
                        .param(testerX)
                        .update()))
        .isOne();
  }

  @Test
  void shouldNeverCarryOneUsersContextIntoTheNextTransactionOnTheSameConnection() {
    try (HikariDataSource single = new HikariDataSource()) {
      single.setJdbcUrl(com.earshot.support.TestDatabase.jdbcUrl());
      single.setUsername("earshot_app");
      single.setMaximumPoolSize(1);
      single.setConnectionInitSql("SET ROLE earshot_app; SET TIME ZONE 'UTC'");
      TransactionTemplate transaction = new TransactionTemplate(new RlsTransactionManager(single));
      JdbcClient jdbc = JdbcClient.create(single);
      String visibleAnswers = "SELECT id FROM evaluations WHERE playground_id = ?";
      for (int i = 0; i < 40; i++) {
        UUID user = i % 2 == 0 ? testerX : testerY;
        UUID own = i % 2 == 0 ? answerOfX : answerOfY;
        List<UUID> seen =
            DatabaseContext.callAs(
                currentUser(user),
                () ->
                    transaction.execute(
                        status ->
                            jdbc.sql(visibleAnswers)
                                .param(playgroundOfQ)
                                .query(UUID.class)
                                .list()));
        assertThat(seen).as("round %d", i).containsExactly(own);
        assertThat(jdbc.sql(visibleAnswers).param(playgroundOfQ).query(UUID.class).list())
            .as("after round %d, outside a transaction", i)
            .isEmpty();
      }
    }
  }

  /**
   * The SECURITY DEFINER functions read and write across users as the owner, and the policies that
   * let them admit the owner alone: not a role added later (a reporting login, say) with the
   * runtime role's grants and more, which "any role but the runtime role" let see every tester's
   * sessions and answers, and write counters and tallies.
   */
  @Test
  void shouldAdmitNoRoleButTheOwnerWhereTheDefinerFunctionsReachAcrossUsers() throws Exception {
    JdbcClient superuser = fixtures.jdbc();
    superuser
        .sql(
            """
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                CREATE ROLE %1$s NOLOGIN NOBYPASSRLS;
              END IF;
            END $$
            """
                .formatted(ANOTHER_ROLE))
        .update();
    // Everything the runtime role may do, and every privilege on these tables: only their policies
    // stand in the way.
    superuser.sql("GRANT %s TO %s".formatted(TestDatabase.APP_ROLE, ANOTHER_ROLE)).update();
    superuser
        .sql(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %s"
                .formatted(String.join(", ", DEFINER_TABLES), ANOTHER_ROLE))
        .update();
    UUID rating = fixtures.question(playgroundOfQ, null, "rating", null);
    superuser
        .sql(
            """
            INSERT INTO rating_pair_tallies (playground_id, question_id, second_model_key, difference, pairs)
            VALUES (?, ?, 'model_b', 1, 1)
            """)
        .params(playgroundOfQ, rating)
        .update();
    superuser
        .sql("INSERT INTO audit_log_repeats (minute, action, repeats) VALUES (now(), 'test.x', 1)")
        .update();

    for (String table : DEFINER_TABLES) {
      assertThat(TestRows.count(table)).as("%s as superuser", table).isPositive();
      assertThat(asAnotherRole("SELECT count(*) FROM " + table)).as("%s read", table).isZero();
    }
    assertThat(asAnotherRole("UPDATE evaluation_counters SET current_count = 0"))
        .as("counters written")
        .isZero();
    for (String table : List.of("answer_tallies", "session_tallies", "audit_log_repeats")) {
      assertThat(asAnotherRole("DELETE FROM " + table)).as("%s deleted", table).isZero();
    }
    assertThatThrownBy(
            () ->
                asAnotherRole(
                    "INSERT INTO audit_log_repeats (minute, action, repeats)"
                        + " VALUES (now(), 'test.y', 1) RETURNING 1"))
        .hasMessageContaining("row-level security");
  }

  @Test
  void shouldNameNoPolicyByWhatItIsNot() {
    assertThat(
            fixtures
                .jdbc()
                .sql(
                    """
                    SELECT tablename || '.' || policyname FROM pg_policies
                    WHERE concat(qual, ' ', with_check) ~* 'current_user\\s*(<>|!=)'
                    """)
                .query(String.class)
                .list())
        .as("policies admitting any role but one")
        .isEmpty();
  }

  /**
   * Runs one statement as {@link #ANOTHER_ROLE} in a transaction that is rolled back, and returns
   * the count it selects or the rows it changes.
   */
  private static long asAnotherRole(String sql) throws SQLException {
    try (Connection connection = TestDatabase.superuser().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL ROLE " + ANOTHER_ROLE);
        if (statement.execute(sql)) {
          try (ResultSet rows = statement.getResultSet()) {
            rows.next();
            return rows.getLong(1);
          }
        }
        return statement.getUpdateCount();
      } finally {
        connection.rollback();
      }
    }
  }

  private long count(UUID user, String sql, Object param) {
    return as(user, jdbc -> jdbc.sql(sql).param(param).query(Long.class).single());
  }

  private <T> T as(UUID user, Function<JdbcClient, T> work) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    return DatabaseContext.callAs(
        currentUser(user), () -> transaction.execute(status -> work.apply(jdbc)));
  }

  private CurrentUser currentUser(UUID user) {
    boolean admin =
        fixtures
            .jdbc()
            .sql("SELECT role = 'admin' FROM users WHERE id = ?")
            .param(user)
            .query(Boolean.class)
            .single();
    return CurrentUser.of(user, fixtures.emailOf(user), admin);
  }

  /** Counts as the superuser, to prove a table is not simply empty. */
  private static final class TestRows {
    static long count(String table) {
      return com.earshot.support.TestDatabase.superuserJdbc()
          .sql("SELECT count(*) FROM " + table)
          .query(Long.class)
          .single();
    }
  }
}
