package com.earshot.evaluation;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.platform.web.NotFoundException;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import com.earshot.support.Refusals;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tester's sessions and answers are theirs alone (DESIGN.md, "Visibility and row-level
 * security"): another tester cannot read, submit or report a call on them, even by direct id, in
 * the web layer, in the services and in PostgreSQL itself.
 */
@EarshotTest
class EvaluationVisibilityTests {

  @Autowired MockMvcTester mvc;
  @Autowired SubmissionService submissions;
  @Autowired AssignmentService assignments;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;

  final EvaluationWorld world = new EvaluationWorld();

  UUID playground;
  UUID verdict;
  Person owner;
  Person other;
  UUID submitted;
  UUID open;

  @BeforeEach
  void twoTestersOnePlayground() {
    playground = world.abPlayground(50, 50);
    verdict = world.select(playground, null, "good", "bad");
    owner = world.tester("owner");
    other = world.tester("other");
    submitted = world.fixtures.submittedSession(playground, owner.id(), "model_a");
    world.fixtures.answer(submitted, verdict, choice("good"));
    open = world.fixtures.assignedSession(playground, owner.id(), "model_b");
  }

  @Test
  void shouldHideATestersSessionsAndAnswersFromOtherTestersInTheDatabase() {
    String sessions = "SELECT count(*) FROM evaluation_sessions WHERE id IN (?, ?)";
    String answers = "SELECT count(*) FROM evaluations WHERE session_id = ?";

    assertThat(count(other, sessions, submitted, open)).isZero();
    assertThat(count(other, answers, submitted)).isZero();
    assertThat(
            count(
                other,
                "SELECT count(*) FROM evaluations WHERE playground_id = ? AND user_id = ?",
                playground,
                owner.id()))
        .isZero();
    assertThat(count(owner, sessions, submitted, open)).isEqualTo(2);
    assertThat(count(owner, answers, submitted)).isEqualTo(1);
  }

  @Test
  void shouldAnswerNotFoundToAnotherTesterInTheServices() {
    assertThatThrownBy(() -> other.call(() -> submissions.session(submitted)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> other.call(() -> submissions.session(open)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> other.call(() -> submissions.submit(open, EvaluationWorld.form(verdict, "bad"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(other.call(() -> submissions.answers(submitted))).isEmpty();
    assertThat(owner.call(() -> submissions.answers(submitted)))
        .containsEntry(verdict.toString(), "good");
    assertThat(world.status(open)).isEqualTo("assigned");
    assertThat(world.answers(open)).isZero();
  }

  @Test
  void shouldAnswerNotFoundToAnotherTesterOnTheWeb() {
    assertThat(mvc.get().uri("/sessions/{id}", open).with(other.signedIn())).hasStatus(404);
    assertThat(mvc.get().uri("/sessions/{id}", submitted).with(other.signedIn())).hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}", open)
                .param("q-" + verdict, "bad")
                .with(csrf())
                .with(other.signedIn()))
        .hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}/call", open)
                .param("event", "connected")
                .param("conversationId", "conv_stolen")
                .with(csrf())
                .with(other.signedIn()))
        .hasStatus(404);

    EvaluationWorld.SessionRow untouched = world.session(open);
    assertThat(untouched.status()).isEqualTo("assigned");
    assertThat(untouched.callStartedAtSet()).isFalse();
    assertThat(untouched.conversationId()).isNull();
    assertThat(world.answers(open)).isZero();
    assertThat(world.counter(playground, "model_b")).isZero();
    assertThat(Refusals.times(world.db, "security.access_denied", "a.user_id = ?", other.id()))
        .as("each attempt audited, coalesced per minute")
        .isEqualTo(4);
    assertThat(
            Refusals.rows(
                world.db,
                "security.access_denied",
                "a.user_id = ? AND a.new_values->>'path' LIKE ?",
                other.id(),
                "/sessions/%"))
        .isPositive();
    assertThat(mvc.get().uri("/sessions/{id}", open).with(owner.signedIn())).hasStatusOk();
  }

  /**
   * Row-level security lets the playground's admin read their testers' sessions (for Insights), but
   * opening, answering or reporting a call on one is the tester's alone: the admin is answered 404
   * like anyone else, gets no session of their own, and the attempt is audited.
   */
  @Test
  void shouldAnswerNotFoundToThePlaygroundsAdminOnATestersSession() {
    UUID adminId =
        world
            .db
            .sql("SELECT created_by FROM playgrounds WHERE id = ?")
            .param(playground)
            .query(UUID.class)
            .single();
    Person owner = world.fixtures.person(adminId, Role.ADMIN);
    RequestPostProcessor admin = owner.signedIn();

    assertThat(mvc.get().uri("/sessions/{id}", open).with(admin)).hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}", open)
                .param("q-" + verdict, "bad")
                .with(csrf())
                .with(admin))
        .hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}/call", open)
                .param("event", "connected")
                .param("conversationId", "conv_admin")
                .with(csrf())
                .with(admin))
        .hasStatus(404);
    assertThatThrownBy(() -> owner.call(() -> submissions.session(open)))
        .isInstanceOf(NotFoundException.class);

    EvaluationWorld.SessionRow untouched = world.session(open);
    assertThat(untouched.status()).isEqualTo("assigned");
    assertThat(untouched.callStartedAtSet()).isFalse();
    assertThat(world.answers(open)).isZero();
    assertThat(
            world
                .db
                .sql("SELECT count(*) FROM evaluation_sessions WHERE user_id = ?")
                .param(adminId)
                .query(Long.class)
                .single())
        .as("no reservation of the admin's own")
        .isZero();
    assertThat(Refusals.times(world.db, "security.access_denied", "a.user_id = ?", adminId))
        .isEqualTo(3);
  }

  @Test
  void shouldNotCountAnotherTestersSessionsAsTheirOwnProgress() {
    assertThat(other.call(() -> assignments.front(playground).state().label())).isEqualTo("New");
    assertThat(owner.call(() -> assignments.front(playground).state().label()))
        .isEqualTo("In progress");
  }

  private long count(Person tester, String sql, Object... params) {
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.setReadOnly(true);
    return tester.call(
        () ->
            transaction.execute(
                status ->
                    JdbcClient.create(dataSource)
                        .sql(sql)
                        .params(params)
                        .query(Long.class)
                        .single()));
  }
}
