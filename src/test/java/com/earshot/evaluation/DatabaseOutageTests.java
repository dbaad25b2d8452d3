package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import com.earshot.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The database briefly out of reach (issue 5, "Bad input and faults"): the tester gets a page that
 * says to try again (503, Retry-After), nothing is half-written, and the same submit succeeds once
 * the database is back.
 */
@EarshotTest
class DatabaseOutageTests {

  /** Makes a suspended Hikari pool refuse at once, instead of waiting for it to resume. */
  static final String THROW_IF_SUSPENDED = "com.zaxxer.hikari.throwIfSuspended";

  @Autowired MockMvcTester mvc;
  @Autowired HikariDataSource dataSource;

  final EvaluationWorld world = new EvaluationWorld();

  UUID playground;
  UUID verdict;
  UUID comment;
  Person tester;
  UUID session;
  Map<String, String> form;

  @BeforeEach
  void aTesterAboutToSubmit() {
    playground = world.abPlayground(50, 50);
    verdict = world.select(playground, null, "good", "bad");
    comment = world.text(playground, null);
    tester = world.tester("unlucky");
    session = world.fixtures.assignedSession(playground, tester.id(), "model_a");
    form = EvaluationWorld.form(verdict, "good", comment, "Worth keeping.");
  }

  @Test
  void shouldAskToTryAgainWhileTheDatabaseRefusesConnectionsAndAcceptTheRetry() {
    HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
    MvcTestResult during;
    System.setProperty(THROW_IF_SUSPENDED, "true");
    pool.suspendPool();
    try {
      during = submit();
    } finally {
      pool.resumePool();
      System.clearProperty(THROW_IF_SUSPENDED);
    }

    assertThat(during).hasStatus(503);
    assertThat(during.getResponse().getHeader("Retry-After")).isEqualTo("10");
    assertThat(Pages.text(during)).contains("Try again in a moment", "nothing was saved");
    assertNothingWritten();

    assertThat(submit()).hasStatus(302);
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.storedAnswers(session))
        .containsOnly(Map.entry(verdict, "good"), Map.entry(comment, "Worth keeping."));
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldWriteNothingWhenTheConnectionDiesHalfwayThroughTheSubmit() throws Exception {
    MvcTestResult during;
    try (Connection blocker = TestDatabase.superuser().getConnection()) {
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement(
              "SELECT 1 FROM evaluation_counters WHERE playground_id = ? AND model_key = 'model_a'"
                  + " FOR UPDATE")) {
        lock.setObject(1, playground);
        lock.execute();
      }
      CompletableFuture<MvcTestResult> submitting = CompletableFuture.supplyAsync(this::submit);
      int backend = backendWaitingToCount();
      world.db.sql("SELECT pg_terminate_backend(?)").param(backend).query(Boolean.class).single();
      during = submitting.get(20, TimeUnit.SECONDS);
      blocker.rollback();
    }

    assertThat(during).hasStatus(503);
    assertThat(during.getResponse().getHeader("Retry-After")).isEqualTo("10");
    assertThat(Pages.text(during)).contains("Try again in a moment");
    assertNothingWritten();

    assertThat(submit()).hasStatus(302);
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.answers(session)).isEqualTo(2);
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  /**
   * The app's backend that got as far as counting the submission (answers inserted, session marked
   * submitted) and now waits for the counter's lock.
   */
  private int backendWaitingToCount() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<Integer> waiting =
          world
              .db
              .sql(
                  """
                  SELECT pid FROM pg_stat_activity
                  WHERE wait_event_type = 'Lock' AND query LIKE '%app_count_submission%'
                  """)
              .query(Integer.class)
              .list();
      if (!waiting.isEmpty()) {
        assertThat(waiting).hasSize(1);
        return waiting.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("The submit never reached the counter");
  }

  private void assertNothingWritten() {
    assertThat(world.status(session)).isEqualTo("assigned");
    assertThat(world.answers(session)).isZero();
    assertThat(world.counter(playground, "model_a")).isZero();
  }

  private MvcTestResult submit() {
    return mvc.post()
        .uri("/sessions/{id}", session)
        .params(SubmissionBadInputTests.multi(form))
        .with(csrf())
        .with(tester.signedIn())
        .exchange();
  }
}
