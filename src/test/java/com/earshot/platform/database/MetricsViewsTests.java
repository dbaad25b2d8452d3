package com.earshot.platform.database;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The three seed views on a small, hand-counted A/B playground, read as the superuser (the views
 * are under test here, not row-level security), except for one check that they read through the
 * caller's row-level security.
 */
@EarshotTest
class MetricsViewsTests {

  private final Fixtures fixtures = new Fixtures();
  private final JdbcClient db = fixtures.jdbc();

  private UUID admin;
  private UUID playground;
  private UUID tester1;
  private UUID tester2;
  private UUID verdict;
  private UUID unanswered;
  private UUID session1;
  private UUID session2;

  /**
   * Questions: verdict (select good/ok/bad, both models), rating (both), comment (text, model_a
   * only), unanswered (select yes/no, both). Four testers; tester 4 only holds an open session.
   *
   * <pre>
   * session  tester  model    status     verdict  rating  comment
   * 1        1       model_a  submitted  good     5       "Clear and fast"
   * 2        2       model_a  submitted  good     4       "Too slow"
   * 3        3       model_a  submitted  bad      3       -
   * 4        1       model_b  submitted  ok       3       (not asked)
   * 5        2       model_b  submitted  good     4       (not asked)
   * 6        4       model_b  assigned, expires in 30 min          -> open
   * 7        3       model_b  expired                              -> abandoned
   * 8        1       model_a  assigned, expired a minute ago       -> abandoned
   * </pre>
   */
  @BeforeEach
  void buildPlayground() {
    admin = fixtures.admin("views-admin");
    playground = fixtures.abPlayground(admin);
    tester1 = fixtures.tester("views-tester1");
    tester2 = fixtures.tester("views-tester2");
    UUID tester3 = fixtures.tester("views-tester3");
    UUID tester4 = fixtures.tester("views-tester4");
    verdict = fixtures.selectQuestion(playground, null, "good", "ok", "bad");
    UUID rating = fixtures.question(playground, null, "rating", null);
    UUID comment = fixtures.question(playground, "model_a", "input_string", null);
    unanswered = fixtures.selectQuestion(playground, null, "yes", "no");

    session1 = fixtures.submittedSession(playground, tester1, "model_a");
    fixtures.answer(session1, verdict, choice("good"));
    fixtures.answer(session1, rating, 5);
    fixtures.answer(session1, comment, "Clear and fast");
    session2 = fixtures.submittedSession(playground, tester2, "model_a");
    fixtures.answer(session2, verdict, choice("good"));
    fixtures.answer(session2, rating, 4);
    fixtures.answer(session2, comment, "Too slow");
    UUID session3 = fixtures.submittedSession(playground, tester3, "model_a");
    fixtures.answer(session3, verdict, choice("bad"));
    fixtures.answer(session3, rating, 3);
    UUID session4 = fixtures.submittedSession(playground, tester1, "model_b");
    fixtures.answer(session4, verdict, choice("ok"));
    fixtures.answer(session4, rating, 3);
    UUID session5 = fixtures.submittedSession(playground, tester2, "model_b");
    fixtures.answer(session5, verdict, choice("good"));
    fixtures.answer(session5, rating, 4);

    fixtures.assignedSession(playground, tester4, "model_b");
    fixtures.lapsedSession(playground, tester3, "model_b", "expired");
    fixtures.lapsedSession(playground, tester1, "model_a", "assigned");
  }

  @Test
  void shouldCountTestersAnswersAndSessionsPerModel() {
    PlaygroundMetrics metrics = playgroundMetrics(playground);

    assertThat(metrics)
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .ignoringFields("lastActivity")
        .isEqualTo(
            new PlaygroundMetrics(
                3, // testers 1, 2, 3 answered; tester 4 only holds an open session
                12, // answers: 3 + 3 + 2 (sessions 1-3) + 2 + 2 (sessions 4-5)
                5, // sessions 1-5
                3, // sessions 1-3
                2, // sessions 4-5
                new BigDecimal("4"), // model_a ratings (5 + 4 + 3) / 3
                new BigDecimal("3.5"), // model_b ratings (3 + 4) / 2
                1, // session 6
                2, // session 7 (expired) and session 8 (assigned, past its expiry)
                null));
    assertThat(metrics.lastActivity())
        .as("the last session given")
        .isEqualTo(
            db.sql("SELECT max(started_at) FROM evaluation_sessions WHERE playground_id = ?")
                .param(playground)
                .query(LocalDateTime.class)
                .single());
  }

  @Test
  void shouldReportZerosAndNoAveragesForAPlaygroundWithoutActivity() {
    UUID empty = fixtures.abPlayground(admin);

    assertThat(playgroundMetrics(empty))
        .isEqualTo(new PlaygroundMetrics(0, 0, 0, 0, 0, null, null, 0, 0, null));
  }

  @Test
  void shouldShareOutSelectAnswersPerQuestionAndModel() {
    var rows =
        db.sql(
                """
                SELECT id, model_key, answer_value, answer_label, response_count, percentage
                FROM question_metrics WHERE playground_id = ?
                """)
            .param(playground)
            .query(QuestionShare.class)
            .list();

    // Rating and text questions do not appear; the unanswered select question appears once.
    assertThat(rows)
        .containsExactlyInAnyOrder(
            // verdict, model_a: good 2 of 3, bad 1 of 3
            new QuestionShare(verdict, "model_a", "good", "GOOD", 2, new BigDecimal("66.67")),
            new QuestionShare(verdict, "model_a", "bad", "BAD", 1, new BigDecimal("33.33")),
            // verdict, model_b: ok 1 of 2, good 1 of 2
            new QuestionShare(verdict, "model_b", "ok", "OK", 1, new BigDecimal("50.00")),
            new QuestionShare(verdict, "model_b", "good", "GOOD", 1, new BigDecimal("50.00")),
            new QuestionShare(unanswered, null, null, null, 0, null));
  }

  @Test
  void shouldListExactlyTheTextAnswersWithWhereTheyCameFrom() {
    var rows =
        db.sql(
                """
                SELECT playground_name, question_text, model_key, answer_text, user_email,
                       session_id, created_at
                FROM open_responses WHERE playground_id = ?
                """)
            .param(playground)
            .query(OpenResponse.class)
            .list();
    String name =
        db.sql("SELECT name FROM playgrounds WHERE id = ?")
            .param(playground)
            .query(String.class)
            .single();

    assertThat(rows)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt")
        .containsExactlyInAnyOrder(
            new OpenResponse(
                name,
                "Question input_string",
                "model_a",
                "Clear and fast",
                fixtures.emailOf(tester1),
                session1,
                null),
            new OpenResponse(
                name,
                "Question input_string",
                "model_a",
                "Too slow",
                fixtures.emailOf(tester2),
                session2,
                null));
    assertThat(rows)
        .extracting(OpenResponse::createdAt)
        .containsExactlyInAnyOrderElementsOf(
            db.sql(
                    "SELECT created_at FROM evaluations WHERE playground_id = ? AND answer_text IS NOT NULL")
                .param(playground)
                .query(LocalDateTime.class)
                .list());
  }

  @Test
  void shouldReadThroughTheCallersRowLevelSecurity() throws SQLException {
    try (Connection app =
        DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.APP_ROLE, null)) {
      // The runtime role with no user set: every policy, and so every view, returns nothing.
      assertThat(count(app, "SELECT count(*) FROM playground_metrics")).isZero();
      assertThat(count(app, "SELECT count(*) FROM question_metrics")).isZero();
      assertThat(count(app, "SELECT count(*) FROM open_responses")).isZero();

      // Tester 1 sees the playground but only their own answers: 3 (session 1) + 2 (session 4).
      app.setAutoCommit(false);
      signIn(app, tester1, "tester");
      assertThat(
              count(
                  app,
                  "SELECT total_evaluations FROM playground_metrics WHERE id = '%s'"
                      .formatted(playground)))
          .isEqualTo(5);
      app.rollback();

      // The owning admin sees all 12.
      signIn(app, admin, "admin");
      assertThat(
              count(
                  app,
                  "SELECT total_evaluations FROM playground_metrics WHERE id = '%s'"
                      .formatted(playground)))
          .isEqualTo(12);
      app.rollback();
    }
  }

  private PlaygroundMetrics playgroundMetrics(UUID id) {
    return db.sql("SELECT * FROM playground_metrics WHERE id = ?")
        .param(id)
        .query(PlaygroundMetrics.class)
        .single();
  }

  private static void signIn(Connection app, UUID user, String role) throws SQLException {
    try (PreparedStatement context =
        app.prepareStatement(
            "SELECT set_config('earshot.user_id', ?, true), set_config('earshot.user_role', ?, true)")) {
      context.setString(1, user.toString());
      context.setString(2, role);
      context.execute();
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      assertThat(result.next()).as("one row from: %s", sql).isTrue();
      return result.getLong(1);
    }
  }

  record PlaygroundMetrics(
      long totalTesters,
      long totalEvaluations,
      long submittedSessions,
      long modelASubmittedSessions,
      long modelBSubmittedSessions,
      BigDecimal modelAAverageRating,
      BigDecimal modelBAverageRating,
      long openSessions,
      long abandonedSessions,
      LocalDateTime lastActivity) {}

  record QuestionShare(
      UUID id,
      String modelKey,
      String answerValue,
      String answerLabel,
      long responseCount,
      BigDecimal percentage) {}

  record OpenResponse(
      String playgroundName,
      String questionText,
      String modelKey,
      String answerText,
      String userEmail,
      UUID sessionId,
      LocalDateTime createdAt) {}
}
