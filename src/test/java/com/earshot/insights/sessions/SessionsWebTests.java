package com.earshot.insights.sessions;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.ConversationRows;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import com.earshot.support.StatementCounter;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Manage › a playground › Sessions: every session, filtered and paged, each row one click from its
 * session page, and one tester's sessions; for the owning admin only.
 */
@EarshotTest
class SessionsWebTests {

  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 25, 10, 5);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();
  final ConversationRows conversations = new ConversationRows(fixtures.jdbc());
  Person owner;
  UUID playground;
  String list;

  @BeforeEach
  void aPlayground() {
    owner = fixtures.adminPerson("owner");
    playground = fixtures.abPlayground(owner.id());
    list = "/manage/playgrounds/" + playground + "/sessions";
  }

  @Test
  void shouldListEverySessionNewestFirstWithItsCallAndConversation() {
    UUID ann = fixtures.tester("ann");
    UUID first = fixtures.submittedSession(playground, ann, "model_b", 1, 1, 1, AT);
    UUID second = fixtures.submittedSession(playground, ann, "model_a", 1, 2, 2, AT.plusHours(1));
    call(first, "2026-11-25 10:00:30", "2026-11-25 10:02:00");
    call(second, "2026-11-25 11:00:00", "2026-11-25 11:03:20");
    conversations.stored(second);
    conversations.fetch(first, "failed", 8, "500 from ElevenLabs");

    Document page = page(get(owner, list));

    List<Element> rows = page.select("tr.session-row");
    assertThat(rows).hasSize(2);
    Element newest = rows.get(0);
    assertThat(newest.selectFirst(".session-tester").text()).isEqualTo(fixtures.emailOf(ann));
    assertThat(newest.selectFirst(".session-model").text()).contains("model_a");
    assertThat(newest.selectFirst(".session-round").text()).isEqualTo("1, second");
    assertThat(newest.selectFirst(".session-version").text()).isEqualTo("2");
    assertThat(newest.selectFirst(".session-status").text()).isEqualTo("Submitted");
    assertThat(newest.selectFirst(".session-call").text())
        .isEqualTo("2026-11-25 11:00:00 UTC – 2026-11-25 11:03:20 UTC");
    assertThat(newest.selectFirst(".session-duration").text())
        .as("ElevenLabs' own measure, not the page's 3:20")
        .isEqualTo("1:14");
    assertThat(newest.selectFirst(".session-conversation").text()).isEqualTo("Fetched");
    assertThat(newest.selectFirst(".session-flags").text()).isEqualTo("no flags");
    assertThat(newest.selectFirst(".session-submitted").text()).isEqualTo("2026-11-25 11:05 UTC");
    // written in UTC for earshot.js to show in the viewer's zone, UTC on hover
    assertThat(newest.selectFirst(".session-submitted time").attr("datetime"))
        .isEqualTo("2026-11-25T11:05:00Z");
    assertThat(newest.selectFirst(".session-submitted time").attr("title"))
        .isEqualTo("2026-11-25 11:05:00 UTC");
    assertThat(newest.selectFirst("a.session-link").attr("href")).isEqualTo(list + "/" + second);
    assertThat(newest.selectFirst("a.session-tester").attr("href"))
        .isEqualTo(list + "?tester=" + ann);
    Element older = rows.get(1);
    assertThat(older.selectFirst(".session-round").text()).isEqualTo("1, first");
    assertThat(older.selectFirst(".session-duration").text()).isEqualTo("1:30 (page)");
    assertThat(older.selectFirst(".session-conversation").text()).isEqualTo("Fetch failed");
    assertThat(older.selectFirst("a.session-link").attr("href")).isEqualTo(list + "/" + first);
    assertThat(page.getElementById("session-count").text()).isEqualTo("2 sessions");
  }

  @Test
  void shouldFilterByModelStatusVersionAndTestersEmail() {
    UUID ann = fixtures.user("ann_100%@example.com".replace("ann", "ann" + unique()), "tester");
    UUID bob = fixtures.tester("bob");
    UUID annA = fixtures.submittedSession(playground, ann, "model_a", 1, 1, 1, AT);
    UUID annB = fixtures.submittedSession(playground, ann, "model_b", 1, 2, 2, AT.plusMinutes(1));
    UUID bobA = fixtures.submittedSession(playground, bob, "model_a", 1, 1, 2, AT.plusMinutes(2));
    UUID bobB = fixtures.assignedSession(playground, bob, "model_b");

    assertThat(listed("?model=model_a")).containsExactlyInAnyOrder(annA, bobA);
    assertThat(listed("?status=assigned")).containsExactly(bobB);
    assertThat(listed("?status=submitted&model=model_b")).containsExactly(annB);
    assertThat(listed("?version=2")).containsExactlyInAnyOrder(annB, bobA);
    assertThat(listed("?email=_100%25"))
        .as("% and _ match themselves")
        .containsExactlyInAnyOrder(annA, annB);
    assertThat(listed("?email=" + fixtures.emailOf(bob).toUpperCase().substring(0, 6)))
        .containsExactlyInAnyOrder(bobA, bobB);
    assertThat(listed("?email=_1%25&status=expired")).isEmpty();
    assertThat(listed("?email=ann_"))
        .as("_ is no wildcard: ann is followed by the unique part")
        .isEmpty();
    assertThat(page(get(owner, list + "?email=nobody-here")).text())
        .contains("No sessions match these filters.");
  }

  @Test
  void shouldFilterBySessionFlag() {
    UUID ann = fixtures.tester("ann");
    // the short fixture gives no call: flagged "no call" (and answered too fast); the long one a
    // call
    UUID noCall = fixtures.submittedSession(playground, ann, "model_a");
    UUID called = fixtures.submittedSession(playground, ann, "model_b", 1, 2, 1, AT);

    assertThat(listed("?flag=no_call")).containsExactly(noCall);
    assertThat(listed("?flag=too_short")).isEmpty();
    assertThat(listed("")).containsExactlyInAnyOrder(noCall, called);
    Element row = page(get(owner, list + "?flag=no_call")).selectFirst("tr.session-row");
    assertThat(row.selectFirst(".session-flags").text()).contains("no call");
  }

  @Test
  void shouldReportFiltersThatNameNothingAndShowEverySession() {
    UUID ann = fixtures.tester("ann");
    UUID session = fixtures.submittedSession(playground, ann, "model_a", 1, 1, 1, AT);

    for (String query :
        List.of(
            "?model=model_c",
            "?status=deleted",
            "?version=7",
            "?flag=dubious",
            "?version=-1",
            "?version=99999999999999",
            "?tester=not-a-uuid",
            "?tester=" + UUID.randomUUID(),
            "?page=-5&size=abc")) {
      MvcTestResult result = get(owner, list + query);
      if (query.startsWith("?page")) {
        assertThat(result).hasStatusOk();
      } else {
        assertThat(result).as(query).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(page(result).select(".alert-danger")).as(query).hasSize(1);
      }
      assertThat(ids(page(result))).as(query).containsExactly(session);
    }
  }

  @Test
  void shouldListOneTestersSessions() {
    UUID ann = fixtures.tester("ann");
    UUID bob = fixtures.tester("bob");
    UUID annFirst = fixtures.submittedSession(playground, ann, "model_a", 1, 1, 1, AT);
    UUID annSecond =
        fixtures.submittedSession(playground, ann, "model_b", 1, 2, 1, AT.plusMinutes(1));
    fixtures.submittedSession(playground, bob, "model_a", 1, 1, 1, AT);
    UUID elsewhere = fixtures.abPlayground(owner.id());
    fixtures.submittedSession(elsewhere, ann, "model_a", 1, 1, 1, AT);

    Document page = page(get(owner, list + "?tester=" + ann));

    assertThat(page.getElementById("tester-heading").text())
        .isEqualTo("Sessions of " + fixtures.emailOf(ann));
    assertThat(ids(page)).containsExactly(annSecond, annFirst);
    assertThat(page.selectFirst("form[role=search] input[name=tester]").val())
        .isEqualTo(ann.toString());
    assertThat(ids(page(get(owner, list + "?tester=" + ann + "&model=model_b"))))
        .containsExactly(annSecond);
  }

  @Test
  void shouldPageTheSessions() {
    UUID ann = fixtures.tester("ann");
    for (int i = 0; i < 12; i++) {
      fixtures.submittedSession(playground, ann, "model_a", i + 1, 1, 1, AT.plusMinutes(i));
    }

    Document first = page(get(owner, list + "?size=10"));
    Document last = page(get(owner, list + "?size=10&page=2"));
    Document beyond = page(get(owner, list + "?size=10&page=9"));

    assertThat(first.select("tr.session-row")).hasSize(10);
    assertThat(first.select(".session-round").eachText()).startsWith("12, first", "11, first");
    assertThat(last.select(".session-round").eachText()).containsExactly("2, first", "1, first");
    assertThat(beyond.select(".session-round").eachText()).containsExactly("2, first", "1, first");
    assertThat(first.select("nav[aria-label=Pages] .active").text()).isEqualTo("1 of 2");
    assertThat(first.select("nav[aria-label=Pages] a").eachAttr("href"))
        .contains(list + "?email=&model=&status=&version=&tester=&flag=&size=10&page=2");
  }

  @Test
  void shouldReadAFixedNumberOfStatementsHoweverManySessionsThePageHolds() {
    UUID ann = fixtures.tester("ann");
    UUID one = fixtures.submittedSession(playground, ann, "model_a", 1, 1, 1, AT);
    conversations.stored(one);
    int few = statements(list);
    for (int i = 0; i < 20; i++) {
      UUID session =
          fixtures.submittedSession(
              playground, fixtures.tester("t"), "model_b", 1, 1, 1, AT.plusMinutes(i));
      conversations.stored(session);
      conversations.fetch(session, "done", 1, null);
    }
    int many = statements(list);

    assertThat(many).isEqualTo(few);
    assertThat(statements(list + "?tester=" + ann))
        .as("the tester's email: one more")
        .isEqualTo(few + 1);
  }

  @Test
  void shouldShowNobodyButTheOwningAdminTheList() {
    fixtures.submittedSession(playground, fixtures.tester("ann"), "model_a", 1, 1, 1, AT);

    assertThat(get(fixtures.adminPerson("other"), list)).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(get(fixtures.adminPerson("other"), list + "?tester=" + owner.id()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(get(fixtures.testerPerson("curious"), list).getResponse().getStatus())
        .isIn(403, 404);
    assertThat(get(owner, "/manage/playgrounds/" + UUID.randomUUID() + "/sessions"))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(mvc.get().uri(list).exchange().getResponse().getStatus())
        .as("anonymous: sent to sign in")
        .isEqualTo(302);
  }

  @Test
  void shouldBeLinkedFromTheInsightsPageAndThePlaygroundEditor() {
    for (String from :
        List.of(
            "/manage/playgrounds/" + playground + "/insights",
            "/manage/playgrounds/" + playground)) {
      assertThat(page(get(owner, from)).getElementById("sessions-link").attr("href"))
          .as(from)
          .isEqualTo(list);
    }
  }

  private int statements(String url) {
    MvcTestResult[] result = new MvcTestResult[1];
    int count = StatementCounter.count(() -> result[0] = get(owner, url));
    assertThat(result[0]).hasStatusOk();
    return count;
  }

  private List<UUID> listed(String query) {
    MvcTestResult result = get(owner, list + query);
    assertThat(result).as(query).hasStatusOk();
    return ids(page(result));
  }

  private static List<UUID> ids(Document page) {
    return page.select("a.session-link").eachAttr("href").stream()
        .map(href -> UUID.fromString(href.substring(href.lastIndexOf('/') + 1)))
        .toList();
  }

  private void call(UUID session, String started, String ended) {
    fixtures
        .jdbc()
        .sql(
            "UPDATE evaluation_sessions SET call_started_at = ?::timestamp,"
                + " call_ended_at = ?::timestamp WHERE id = ?")
        .params(started, ended, session)
        .update();
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** A request for an address written already encoded, sent as it is. */
  private MvcTestResult get(Person user, String encodedUrl) {
    return mvc.get().uri(URI.create(encodedUrl)).with(user.signedIn()).exchange();
  }
}
