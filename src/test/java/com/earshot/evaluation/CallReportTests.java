package com.earshot.evaluation;

import static com.earshot.support.Fixtures.justNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import com.earshot.support.Refusals;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the tester's page reports of the widget and the call (started, connected with ElevenLabs'
 * conversation id, ended, or the widget failed to load), and the tester's own report of a problem:
 * stored on the tester's open session only, bad input refused at the field, anyone else's session
 * answered 404 and audited.
 */
@EarshotTest
class CallReportTests {

  @Autowired MockMvcTester mvc;

  final EvaluationWorld world = new EvaluationWorld();

  UUID playground;
  Person tester;
  UUID session;

  @BeforeEach
  void aTesterWithAnAgent() {
    playground = world.abPlayground(50, 50);
    tester = world.tester("caller");
    session = world.fixtures.assignedSession(playground, tester.id(), "model_a");
  }

  @Test
  void shouldKeepTheFirstCallsStartAndConversationAndTheLastCallsEnd() {
    assertThat(report(tester, session, "event", "started")).hasStatus(204);
    Map<String, Object> started = call(session);
    assertThat(started.get("call_started_at")).is(justNow());
    assertThat(started).containsEntry("conversation_id", null).containsEntry("call_ended_at", null);

    assertThat(connected(tester, session, "conv_01jx7first")).hasStatus(204);
    assertThat(report(tester, session, "event", "ended")).hasStatus(204);
    Map<String, Object> first = call(session);
    assertThat(first).containsEntry("conversation_id", "conv_01jx7first");
    assertThat(first.get("call_ended_at")).is(justNow());

    // The tester calls again: a repeated report moves nothing but the end.
    assertThat(report(tester, session, "event", "started")).hasStatus(204);
    assertThat(connected(tester, session, "conv_01jx7second")).hasStatus(204);
    assertThat(connected(tester, session, "conv_01jx7second")).hasStatus(204);
    assertThat(report(tester, session, "event", "ended")).hasStatus(204);
    Map<String, Object> second = call(session);
    assertThat(second)
        .containsEntry("conversation_id", "conv_01jx7first")
        .containsEntry("call_started_at", first.get("call_started_at"));
    assertThat((java.sql.Timestamp) second.get("call_ended_at"))
        .isAfterOrEqualTo((java.sql.Timestamp) first.get("call_ended_at"));
  }

  @Test
  void shouldRefuseAMalformedOrOverlongConversationIdAndAnUnknownEventStoringNothing() {
    for (String bad : new String[] {"", "<script>alert(1)</script>", "conv 1", "c".repeat(256)}) {
      MvcTestResult refused = connected(tester, session, bad);
      assertThat(refused).hasStatus(400);
      assertThat(Pages.body(refused)).contains("A conversation id is up to 255 letters");
    }
    assertThat(report(tester, session, "event", "hung_up")).hasStatus(400);
    assertThat(report(tester, session)).hasStatus(400);
    assertThat(call(session))
        .containsEntry("call_started_at", null)
        .containsEntry("conversation_id", null);

    assertThat(connected(tester, session, "c".repeat(255))).hasStatus(204);
    assertThat(call(session)).containsEntry("conversation_id", "c".repeat(255));
  }

  @Test
  void shouldIgnoreReportsOnASubmittedOrGivenBackSession() {
    UUID submitted = world.fixtures.submittedSession(playground, tester.id(), "model_b");
    assertThat(report(tester, session, "event", "started")).hasStatus(204);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}/give-back", session)
                .with(csrf())
                .with(tester.signedIn()))
        .hasStatus(302);
    Map<String, Object> givenBack = call(session);

    for (UUID ended : new UUID[] {submitted, session}) {
      assertThat(connected(tester, ended, "conv_late")).hasStatus(204);
      assertThat(report(tester, ended, "event", "ended")).hasStatus(204);
      assertThat(report(tester, ended, "event", "widget_failed", "failure", "network"))
          .hasStatus(204);
    }
    assertThat(call(submitted))
        .containsEntry("call_started_at", null)
        .containsEntry("conversation_id", null)
        .containsEntry("call_ended_at", null)
        .containsEntry("widget_failure", null);
    assertThat(call(session)).isEqualTo(givenBack);
  }

  @Test
  void shouldAnswerNotFoundToAnotherTesterAndAuditIt() {
    Person other = world.tester("eavesdropper");

    assertThat(report(other, session, "event", "started")).hasStatus(404);
    assertThat(connected(other, session, "conv_stolen")).hasStatus(404);
    assertThat(report(other, session, "event", "ended")).hasStatus(404);
    assertThat(report(other, session, "event", "widget_failed", "failure", "network"))
        .hasStatus(404);
    assertThat(problem(other, session, "other", "not mine", true)).hasStatus(404);

    assertThat(call(session))
        .containsEntry("call_started_at", null)
        .containsEntry("conversation_id", null)
        .containsEntry("widget_failure", null)
        .containsEntry("problem_reason", null);
    assertThat(Refusals.times(world.db, "security.access_denied", "a.user_id = ?", other.id()))
        .isEqualTo(5);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}/call", session)
                .param("event", "started")
                .with(tester.signedIn()))
        .as("the report needs the CSRF token")
        .hasStatus(403);
  }

  @Test
  void shouldRecordHowTheWidgetFailedOnce() {
    assertThat(report(tester, session, "event", "widget_failed", "failure", "gremlins"))
        .hasStatus(400);
    assertThat(report(tester, session, "event", "widget_failed", "failure", "not_found"))
        .hasStatus(204);
    assertThat(report(tester, session, "event", "widget_failed", "failure", "not_rendered"))
        .hasStatus(204);

    Map<String, Object> row = call(session);
    assertThat(row).containsEntry("widget_failure", "not_found");
    assertThat(row.get("widget_failed_at")).is(justNow());
  }

  // --- the tester's report of a problem -------------------------------------------------------

  @Test
  void shouldStoreTheTestersReportAndShowItBackInPlace() {
    MvcTestResult saved =
        problem(tester, session, "call_dropped", "  It hung up after a minute.  ", true);

    assertThat(saved).hasStatusOk();
    Document fragment = Pages.page(saved);
    assertThat(fragment.select("#problem-report .alert-success").text())
        .isEqualTo("Thank you: your report is saved with this session.");
    assertThat(fragment.select("input[value=call_dropped]").hasAttr("checked")).isTrue();
    assertThat(fragment.select("textarea#problem-details").text())
        .isEqualTo("It hung up after a minute.");
    assertThat(call(session))
        .containsEntry("problem_reason", "call_dropped")
        .containsEntry("problem_details", "It hung up after a minute.");

    // A later report replaces it; the session page shows it, open.
    assertThat(problem(tester, session, "said_who_it_is", "", true)).hasStatusOk();
    assertThat(call(session))
        .containsEntry("problem_reason", "said_who_it_is")
        .containsEntry("problem_details", null);
    Document page =
        Pages.page(mvc.get().uri("/sessions/{id}", session).with(tester.signedIn()).exchange());
    assertThat(page.select("#problem-report details").hasAttr("open")).isTrue();
    assertThat(page.select("input[value=said_who_it_is]").hasAttr("checked")).isTrue();
  }

  @Test
  void shouldRefuseAnOverlongReportAtItsFieldKeepingWhatWasTyped() {
    String typed = "x".repeat(1_001);

    MvcTestResult refused = problem(tester, session, "other", typed, true);

    assertThat(refused).hasStatus(400);
    Document fragment = Pages.page(refused);
    assertThat(fragment.select("#problem-details").hasClass("is-invalid")).isTrue();
    assertThat(fragment.select("#problem-details-error").text())
        .isEqualTo("At most 1000 characters (this has 1001).");
    assertThat(fragment.select("#problem-details").text()).isEqualTo(typed);
    assertThat(fragment.select("input[value=other]").hasAttr("checked")).isTrue();

    MvcTestResult noReason = problem(tester, session, "bored", "", true);
    assertThat(noReason).hasStatus(400);
    assertThat(Pages.text(noReason)).contains("Choose what went wrong.");
    assertThat(call(session)).containsEntry("problem_reason", null);
  }

  @Test
  void shouldKeepNoReportOnAnEndedSessionAndComeBackToThePageWithoutHtmx() {
    UUID submitted = world.fixtures.submittedSession(playground, tester.id(), "model_b");
    MvcTestResult ended = problem(tester, submitted, "other", "too late", true);
    assertThat(ended).hasStatus(409);
    assertThat(Pages.text(ended))
        .contains("This agent's session has ended, so the report was not saved.");
    assertThat(call(submitted)).containsEntry("problem_reason", null);

    MvcTestResult plain = problem(tester, session, "not_heard", "", false);
    assertThat(plain).hasStatus(302);
    assertThat(call(session)).containsEntry("problem_reason", "not_heard");
    MvcTestResult back =
        mvc.get()
            .uri(Pages.location(plain))
            .cookie(plain.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(Pages.page(back).select(".alert-success").text())
        .isEqualTo("Thank you: your report is saved with this session.");

    MvcTestResult toFix = problem(tester, session, "", "x".repeat(2_000), false);
    assertThat(toFix).hasStatus(400);
    assertThat(Pages.text(toFix)).contains("Choose what went wrong.", "At most 1000 characters");
    assertThat(Pages.page(toFix).select("#problem-details").text()).hasSize(2_000);
  }

  // --- requests ---------------------------------------------------------------------------------

  private MvcTestResult report(Person who, UUID session, String... params) {
    var request = mvc.post().uri("/sessions/{id}/call", session).with(csrf()).with(who.signedIn());
    for (int i = 0; i < params.length; i += 2) {
      request = request.param(params[i], params[i + 1]);
    }
    return request.exchange();
  }

  private MvcTestResult connected(Person who, UUID session, String conversationId) {
    return report(who, session, "event", "connected", "conversationId", conversationId);
  }

  private MvcTestResult problem(
      Person who, UUID session, String reason, String details, boolean htmx) {
    var request =
        mvc.post()
            .uri("/sessions/{id}/problem", session)
            .param("problemReason", reason)
            .param("problemDetails", details)
            .with(csrf())
            .with(who.signedIn());
    if (htmx) {
      request = request.header("HX-Request", "true");
    }
    return request.exchange();
  }

  private Map<String, Object> call(UUID session) {
    return world
        .db
        .sql(
            """
            SELECT call_started_at, conversation_id, call_ended_at, widget_failed_at, widget_failure,
                   problem_reason, problem_details, status::text AS status, given_back_at
            FROM evaluation_sessions WHERE id = ?
            """)
        .param(session)
        .query()
        .singleRow();
  }
}
