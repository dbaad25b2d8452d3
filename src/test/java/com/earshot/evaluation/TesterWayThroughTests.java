package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.HttpBrowser;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import com.earshot.support.StoredTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The tester's way through (issue 15 §3), on the server: the stepper Agent 1 → Agent 2 → done with
 * the current step marked, "Now meet Agent 2", plain words for a round complete with another to do
 * versus finished, tuning's page right after a submit, and a restricted playground under another
 * address saying who is signed in while revealing nothing.
 */
@EarshotTest
class TesterWayThroughTests {

  @Autowired MockMvcTester mvc;

  @LocalServerPort int port;

  final EvaluationWorld world = new EvaluationWorld();

  @Test
  void shouldMarkTheCurrentStepAndMakeMeetingAgentTwoUnmistakable() {
    Person tester = world.tester("stepper");
    UUID playground = world.abPlayground(50, 50);
    UUID verdict = world.select(playground, null, "good", "bad");

    String first = Pages.location(TesterPagesTests.start(mvc, tester, playground));
    Document agentOne = Pages.page(mvc.get().uri(first).with(tester.signedIn()).exchange());
    assertThat(steps(agentOne)).containsExactly("1 Agent 1", "2 Agent 2", "3 Done");
    assertThat(current(agentOne)).isEqualTo("1 Agent 1");
    assertThat(agentOne.select(".meet-agent-2")).isEmpty();

    MvcTestResult submitted =
        TesterPagesTests.submit(mvc, tester, first, EvaluationWorld.form(verdict, "good"));
    String second = Pages.location(submitted);
    Document agentTwo =
        Pages.page(
            mvc.get()
                .uri(second)
                .cookie(submitted.getResponse().getCookies())
                .with(tester.signedIn())
                .exchange());
    assertThat(steps(agentTwo)).containsExactly("✓ Agent 1 (done)", "2 Agent 2", "3 Done");
    assertThat(current(agentTwo)).isEqualTo("2 Agent 2");
    assertThat(agentTwo.selectFirst(".meet-agent-2").text())
        .startsWith("Thank you! Now meet Agent 2 of 2. It is a different agent from Agent 1");
    assertThat(agentTwo.select(".alert[role=status]:contains(Now meet Agent 2)"))
        .as("said once")
        .hasSize(1);
    Document reloaded = Pages.page(mvc.get().uri(second).with(tester.signedIn()).exchange());
    assertThat(reloaded.selectFirst(".meet-agent-2").text())
        .as("still there after a reload")
        .startsWith("Now meet Agent 2. It is a different agent from Agent 1");

    MvcTestResult done =
        TesterPagesTests.submit(mvc, tester, second, EvaluationWorld.form(verdict, "bad"));
    Document front = front(tester, playground, done);
    assertThat(current(front)).isEqualTo("3 Done");
    assertThat(front.select("[role=status]").text())
        .contains("Round complete — you may do another round.")
        .doesNotContain("You have finished");
    assertThat(front.text()).contains("Start another round");
  }

  @Test
  void shouldSayFinishedWhenNoFurtherRoundIsPossible() {
    Person tester = world.tester("finisher");
    UUID playground = world.abPlayground(50, 50);
    world.capRounds(playground, 1);
    UUID verdict = world.select(playground, null, "good", "bad");

    String first = Pages.location(TesterPagesTests.start(mvc, tester, playground));
    String second =
        Pages.location(
            TesterPagesTests.submit(mvc, tester, first, EvaluationWorld.form(verdict, "good")));
    MvcTestResult done =
        TesterPagesTests.submit(mvc, tester, second, EvaluationWorld.form(verdict, "bad"));
    Document front = front(tester, playground, done);

    assertThat(front.select("[role=status]").text())
        .contains("You have finished — thank you.")
        .doesNotContain("Round complete");
    assertThat(front.text()).doesNotContain("Start another round");
    assertThat(current(front)).isEqualTo("3 Done");
  }

  @Test
  void shouldNotSayTheAgentMayHaveChangedRightAfterATuningSubmit() {
    Person tester = world.tester("tuner");
    UUID playground = world.tuningPlayground(null);
    UUID verdict = world.select(playground, null, "better", "worse");

    String session = Pages.location(TesterPagesTests.start(mvc, tester, playground));
    Document page = Pages.page(mvc.get().uri(session).with(tester.signedIn()).exchange());
    assertThat(page.select(".stepper")).as("one agent: no steps").isEmpty();
    MvcTestResult submitted =
        TesterPagesTests.submit(mvc, tester, session, EvaluationWorld.form(verdict, "better"));
    Document front = front(tester, playground, submitted);

    assertThat(front.text())
        .contains("Thank you!", "You can evaluate it again whenever you like.", "Evaluate again")
        .doesNotContain("may have changed");
    Document later =
        Pages.page(
            mvc.get().uri("/playgrounds/{id}", playground).with(tester.signedIn()).exchange());
    assertThat(later.text()).contains("The agent may have changed since you last talked to it.");
  }

  /** Over real HTTP: MockMvc renders no error page. */
  @Test
  void shouldTellATesterOnARestrictedPlaygroundWhoTheyAreSignedInAsAndRevealNothing()
      throws Exception {
    Person tester = world.tester("wrong-address");
    UUID restricted = world.restrictedAbPlayground(List.of("invited@example.com"));
    HttpBrowser browser = new HttpBrowser();
    String token = StoredTokens.issue(world.db, tester.email());
    HttpResponse<String> confirm = browser.get(url("/login/ott?token=" + token));
    browser.post(
        url("/login/ott"),
        Map.of("token", token, "_csrf", HttpBrowser.csrfOf(confirm)),
        Map.of("X-Forwarded-For", ClientAddresses.unique()));

    HttpResponse<String> refused = browser.get(url("/playgrounds/" + restricted));
    HttpResponse<String> nothing = browser.get(url("/playgrounds/" + UUID.randomUUID()));

    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(Jsoup.parse(refused.body()).getElementById("signed-in-as").text())
        .isEqualTo(
            "You are signed in as "
                + tester.email()
                + ". If you were invited under another address, sign out and sign in with it.");
    assertThat(nothing.statusCode()).isEqualTo(404);
    assertThat(withoutCsrf(refused.body()))
        .as("the same page as for a playground that does not exist")
        .isEqualTo(withoutCsrf(nothing.body()));
    assertThat(refused.body()).doesNotContain(world.name(restricted));
  }

  /** The page without its CSRF token, which is masked anew in every page. */
  private static String withoutCsrf(String html) {
    return html.replaceAll("content=\"[^\"]*\"(?=[^>]*name=\"_csrf\")", "")
        .replaceAll("(name=\"_csrf\"[^>]*content=)\"[^\"]*\"", "$1")
        .replaceAll("(name=\"_csrf\" value=)\"[^\"]*\"", "$1");
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private Document front(Person tester, UUID playground, MvcTestResult after) {
    return Pages.page(
        mvc.get()
            .uri("/playgrounds/{id}", playground)
            .cookie(after.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange());
  }

  private static List<String> steps(Document page) {
    return page.select("ol.stepper li").stream().map(Element::text).toList();
  }

  private static String current(Document page) {
    List<Element> current = page.select("ol.stepper li[aria-current=step]");
    assertThat(current).as("one current step").hasSize(1);
    return current.get(0).text();
  }
}
