package com.earshot.insights.responses;

import static com.earshot.insights.responses.ResponsesWorld.answers;
import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.evaluation.AssignmentService;
import com.earshot.evaluation.CallService;
import com.earshot.evaluation.EvaluationSession;
import com.earshot.evaluation.SubmissionService;
import com.earshot.playground.ModelKey;
import com.earshot.playground.PlaygroundService;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionService;
import com.earshot.playground.QuestionType;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Manage › a playground › Open responses, and the session page one click from each answer
 * (DESIGN.md, "Insights" 2): what the admin's browser is shown for what it sends, including
 * everything a user could type into the address.
 */
@EarshotTest
class OpenResponsesWebTests {

  @Autowired MockMvcTester mvc;
  @Autowired PlaygroundService playgrounds;
  @Autowired QuestionService questions;
  @Autowired AssignmentService assignments;
  @Autowired SubmissionService submissions;
  @Autowired CallService calls;

  ResponsesWorld world;
  Person admin;

  @BeforeEach
  void anAdmin() {
    world = new ResponsesWorld(playgrounds, questions, assignments, submissions, calls);
    admin = world.admin("responses");
  }

  // --- the list -------------------------------------------------------------------------------

  @Test
  void shouldListTheFreeTextAnswersNewestFirstWithWhereEachCameFrom() {
    UUID id = world.abPlayground(admin);
    UUID verdict =
        world.question(
            admin, id, "Which felt better?", "select", "both", "Good", "good", "Bad", "bad");
    UUID comment = world.question(admin, id, "What stood out?", "input_string", "both");
    UUID stars = world.question(admin, id, "Voice quality", "rating", "model_b");
    Person ann = world.tester("ann");
    Person bob = world.tester("bob");
    List<EvaluationSession> sessions = new ArrayList<>();
    for (Person tester : List.of(ann, ann, bob)) {
      sessions.add(
          world.evaluate(
              tester,
              id,
              (question, key) ->
                  switch (question.type()) {
                    case SELECT -> "good";
                    case RATING -> "4";
                    case INPUT_STRING -> tester.email() + " on " + key.letter();
                  }));
    }

    MvcTestResult result = get(admin, "/manage/playgrounds/" + id + "/responses");

    assertThat(result).hasStatusOk();
    List<String> newestFirst = world.storedTexts(id);
    assertThat(newestFirst).hasSize(3);
    assertThat(answers(result))
        .as("every free-text answer, newest first, and nothing else")
        .containsExactlyElementsOf(newestFirst)
        .containsExactly(
            bob.email() + " on " + sessions.get(2).modelKey().letter(),
            ann.email() + " on " + sessions.get(1).modelKey().letter(),
            ann.email() + " on " + sessions.get(0).modelKey().letter());
    Document page = page(result);
    Element newest = page.selectFirst("li.response");
    EvaluationSession bobs = sessions.get(2);
    assertThat(newest.selectFirst(".response-question").text()).isEqualTo("What stood out?");
    assertThat(newest.selectFirst(".response-model").text())
        .isEqualTo(
            bobs.modelKey() == ModelKey.MODEL_A ? "Model A · Warm voice" : "Model B · Crisp voice");
    assertThat(newest.selectFirst(".response-position").text()).isEqualTo("round 1, met first");
    assertThat(newest.selectFirst(".response-tester").text()).isEqualTo(bob.email());
    assertThat(newest.selectFirst("a.response-session").attr("href"))
        .isEqualTo("/manage/playgrounds/" + id + "/sessions/" + bobs.id());
    assertThat(page.select("li.response .response-position").eachText())
        .containsExactly("round 1, met first", "round 1, met second", "round 1, met first");
    assertThat(page.getElementById("answer-count").text()).isEqualTo("3 answers");
    assertThat(page.text()).doesNotContain("No open answers yet");
    assertThat(page.select("#question option").eachAttr("value"))
        .as("only the free-text question is offered, not %s or %s", verdict, stars)
        .containsExactly("", comment.toString());
  }

  @Test
  void shouldSaySoWhenThereAreNoOpenAnswersYet() {
    UUID id = world.tuningPlayground(admin);
    world.question(admin, id, "Anything else?", "input_string", "both");

    MvcTestResult result = get(admin, "/manage/playgrounds/" + id + "/responses");

    assertThat(result).hasStatusOk();
    assertThat(page(result).select(".empty-state").text())
        .isEqualTo("No open answers yet. Free-text answers appear here as testers submit them.");
    assertThat(answers(result)).isEmpty();
  }

  @Test
  void shouldMatchPercentUnderscoreQuoteBackslashAndMarkupLiterallyAndShowThemAsText() {
    UUID id = world.tuningPlayground(admin);
    world.question(admin, id, "Anything else?", "input_string", "both");
    Person tester = world.tester("literal");
    List<String> texts =
        List.of(
            "100% sure",
            "100 percent sure",
            "snake_case it was",
            "snakeXcase it was",
            "it's fine",
            "its fine",
            "<script>alert(1)</script> was said",
            "script was said",
            "back\\slash",
            "backslash");
    for (String text : texts) {
      world.evaluate(tester, id, (question, key) -> text);
    }

    assertThat(search(id, "%")).containsExactly("100% sure");
    assertThat(search(id, "_")).containsExactly("snake_case it was");
    assertThat(search(id, "E_C")).as("case-insensitive").containsExactly("snake_case it was");
    assertThat(search(id, "'")).containsExactly("it's fine");
    assertThat(search(id, "\\")).containsExactly("back\\slash");
    assertThat(search(id, "%_")).isEmpty();
    assertThat(search(id, "SURE")).containsExactly("100 percent sure", "100% sure");

    MvcTestResult script = get(admin, "/manage/playgrounds/" + id + "/responses?q={q}", "<script>");
    assertThat(answers(script)).containsExactly("<script>alert(1)</script> was said");
    assertThat(body(script))
        .as("the answer and the search are shown as text, never as markup")
        .doesNotContain("<script>alert")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; was said");
    Document page = page(script);
    assertThat(page.getElementById("q").attr("value")).isEqualTo("<script>");
    assertThat(page.getElementById("answer-count").text())
        .isEqualTo("1 answer containing “<script>”");
    assertThat(page.select("script").eachAttr("src")).allMatch(src -> !src.isEmpty());

    MvcTestResult none = get(admin, "/manage/playgrounds/" + id + "/responses?q={q}", "<b>zz%</b>");
    assertThat(none).hasStatusOk();
    assertThat(page(none).select(".empty-state").text())
        .isEqualTo("No answers match “<b>zz%</b>”.");
    assertThat(body(none)).doesNotContain("<b>zz");
    assertThat(page(none).getElementById("q").attr("value")).isEqualTo("<b>zz%</b>");

    MvcTestResult nul = get(admin, "/manage/playgrounds/" + id + "/responses?q={q}", "100\u0000");
    assertThat(nul).hasStatusOk();
    assertThat(answers(nul)).containsExactly("100 percent sure", "100% sure");
  }

  @Test
  void shouldFilterByModelAndQuestionAndCountPerQuestionAndModel() {
    UUID id = world.abPlayground(admin);
    UUID both = world.question(admin, id, "What stood out?", "input_string", "both");
    UUID onlyA = world.question(admin, id, "Why so warm?", "input_string", "model_a");
    for (Person tester : List.of(world.tester("f1"), world.tester("f2"))) {
      for (int i = 0; i < 2; i++) {
        world.evaluate(
            tester,
            id,
            (question, key) ->
                (question.id().equals(both) ? "both" : "onlyA")
                    + " "
                    + key.letter()
                    + " "
                    + tester.email());
      }
    }
    String url = "/manage/playgrounds/" + id + "/responses";

    assertThat(answers(get(admin, url))).hasSize(6);
    assertThat(answers(get(admin, url + "?model=model_b")))
        .hasSize(2)
        .allMatch(text -> text.startsWith("both B "));
    assertThat(answers(get(admin, url + "?model=model_a")))
        .hasSize(4)
        .allMatch(text -> text.matches("(both|onlyA) A .*"));
    assertThat(answers(get(admin, url + "?question=" + onlyA)))
        .hasSize(2)
        .allMatch(text -> text.startsWith("onlyA A "));
    assertThat(answers(get(admin, url + "?question=" + both + "&model=model_a")))
        .hasSize(2)
        .allMatch(text -> text.startsWith("both A "));
    assertThat(answers(get(admin, url + "?question=" + onlyA + "&model=model_b"))).isEmpty();
    assertThat(
            page(get(admin, url + "?question=" + onlyA + "&model=model_b"))
                .select(".empty-state")
                .text())
        .isEqualTo("No answers for this question and model.");

    MvcTestResult searched = get(admin, url + "?q=both&model=model_b&question=" + both);
    Document page = page(searched);
    assertThat(page.selectFirst("#question option[selected]").attr("value"))
        .isEqualTo(both.toString());
    assertThat(page.selectFirst("#model option[selected]").attr("value")).isEqualTo("model_b");
    assertThat(page.getElementById("q").attr("value")).isEqualTo("both");
    assertThat(overview(page))
        .as("per question and model, for the search")
        .containsExactly(List.of("What stood out?", "2", "2"), List.of("Why so warm?", "0", "—"));
    assertThat(overview(page(get(admin, url))))
        .containsExactly(List.of("What stood out?", "2", "2"), List.of("Why so warm?", "2", "—"));
    assertThat(page.select("table a").first().attr("href"))
        .isEqualTo(url + "?q=both&question=" + both + "&model=model_a&size=20");
  }

  @Test
  void shouldPageTheAnswersAndBringEveryPageAndSizeIntoRange() {
    UUID id = world.tuningPlayground(admin);
    world.question(admin, id, "Anything else?", "input_string", "both");
    Person tester = world.tester("pager");
    for (int i = 1; i <= 25; i++) {
      String text = "answer " + i;
      world.evaluate(tester, id, (question, key) -> text);
    }
    String url = "/manage/playgrounds/" + id + "/responses";
    List<String> all = world.storedTexts(id);

    assertThat(answers(get(admin, url))).containsExactlyElementsOf(all.subList(0, 20));
    assertThat(answers(get(admin, url + "?page=2"))).containsExactlyElementsOf(all.subList(20, 25));
    MvcTestResult second = get(admin, url + "?size=10&page=2");
    assertThat(answers(second)).containsExactlyElementsOf(all.subList(10, 20));
    Document page = page(second);
    assertThat(page.selectFirst(".pagination .active").text()).isEqualTo("2 of 3");
    assertThat(page.select(".pagination a").eachAttr("href"))
        .containsExactly(
            url + "?q=&question=&model=&size=10&page=1",
            url + "?q=&question=&model=&size=10&page=3");
    assertThat(page.selectFirst("#size option[selected]").attr("value")).isEqualTo("10");

    for (String last : List.of("3", "4", "99", "2147483647", "99999999999999999999999")) {
      MvcTestResult result = get(admin, url + "?size=10&page=" + last);
      assertThat(result).hasStatusOk();
      assertThat(answers(result)).as("page " + last).containsExactlyElementsOf(all.subList(20, 25));
      assertThat(page(result).selectFirst(".pagination .active").text()).isEqualTo("3 of 3");
    }
    for (String first : List.of("1", "0", "-1", "-99999999999999999999", "abc", "", "1.5", "%20")) {
      MvcTestResult result = raw(admin, url + "?size=10&page=" + first);
      assertThat(result).hasStatusOk();
      assertThat(answers(result)).as("page " + first).containsExactlyElementsOf(all.subList(0, 10));
    }
    record Size(String sent, int shown) {}
    for (Size size :
        List.of(
            new Size("1000", 25),
            new Size("99999999999999999999", 25),
            new Size("0", 10),
            new Size("-5", 10),
            new Size("abc", 20),
            new Size("12", 12))) {
      MvcTestResult result = get(admin, url + "?size=" + size.sent());
      assertThat(result).hasStatusOk();
      assertThat(answers(result)).as("size " + size.sent()).hasSize(size.shown());
    }
    assertThat(
            page(get(admin, url + "?size=1000"))
                .selectFirst("#size option[selected]")
                .attr("value"))
        .isEqualTo("100");
    assertThat(page(get(admin, url + "?page=2&page=3")).selectFirst(".pagination .active").text())
        .as("a repeated parameter is not understood, and page 1 is shown")
        .isEqualTo("1 of 2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model=model_c",
        "model=MODEL_A%27--",
        "model=%3Cscript%3E",
        "question=not-a-question",
        "question=00000000-0000-0000-0000-000000000000",
        "question=%SELECT%",
        "question=%27%3B%20DROP%20TABLE%20evaluations%3B--"
      })
  void shouldAnswerBadRequestWithAMessageToAFilterThatNamesNothing(String query) {
    UUID id = world.abPlayground(admin);
    world.question(admin, id, "What stood out?", "input_string", "both");
    UUID select = world.question(admin, id, "Better?", "select", "both", "Yes", "yes", "No", "no");
    world.evaluate(
        world.tester("bad-filter"),
        id,
        (question, key) -> question.type() == QuestionType.SELECT ? "yes" : "fine");

    MvcTestResult result =
        raw(
            admin,
            "/manage/playgrounds/"
                + id
                + "/responses?"
                + query.replace("%SELECT%", select.toString()));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(page.select(".alert-danger").text()).startsWith("This playground has no such");
    assertThat(answers(result)).as("shown unfiltered").containsExactly("fine");
    assertThat(body(result)).doesNotContain("<script>");
  }

  @Test
  void shouldAnswerBadRequestToAModelOrQuestionOfAnotherPlayground() {
    UUID tuning = world.tuningPlayground(admin);
    world.question(admin, tuning, "Anything else?", "input_string", "both");
    UUID other = world.abPlayground(admin);
    UUID foreign = world.question(admin, other, "Elsewhere?", "input_string", "both");

    MvcTestResult modelB = get(admin, "/manage/playgrounds/" + tuning + "/responses?model=model_b");
    MvcTestResult question =
        get(admin, "/manage/playgrounds/" + tuning + "/responses?question=" + foreign);

    assertThat(modelB).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(modelB).select(".alert-danger").text())
        .isEqualTo("This playground has no such model, so answers about every model are shown.");
    assertThat(question).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(question).select(".alert-danger").text())
        .isEqualTo(
            "This playground has no such free-text question, so answers to every question are shown.");
    assertThat(get(admin, "/manage/playgrounds/" + tuning + "/responses?model=model_a"))
        .hasStatusOk();
  }

  // --- who may see it -------------------------------------------------------------------------

  @Test
  void shouldAnswerNotFoundToAnotherAdminATesterAndForUnknownIds() {
    UUID id = world.abPlayground(admin);
    world.question(admin, id, "What stood out?", "input_string", "both");
    Person tester = world.tester("nosy");
    EvaluationSession session = world.evaluate(tester, id, (question, key) -> "secret remark");
    Person otherAdmin = world.admin("other-owner");
    UUID othersPlayground = world.abPlayground(otherAdmin);
    String responses = "/manage/playgrounds/" + id + "/responses";
    String sessionPage = "/manage/playgrounds/" + id + "/sessions/" + session.id();

    for (Person stranger : List.of(otherAdmin, tester)) {
      for (String url :
          List.of(responses, responses + "?q=secret", sessionPage, responses + "?q=%25")) {
        MvcTestResult result = get(stranger, url);
        assertThat(result).as(stranger.role() + " " + url).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(body(result)).doesNotContain("secret remark").doesNotContain(tester.email());
      }
    }
    for (String url :
        List.of(
            "/manage/playgrounds/not-a-uuid/responses",
            "/manage/playgrounds/" + UUID.randomUUID() + "/responses",
            "/manage/playgrounds/" + othersPlayground + "/responses",
            "/manage/playgrounds/" + id + "/sessions/not-a-uuid",
            "/manage/playgrounds/" + id + "/sessions/" + UUID.randomUUID(),
            "/manage/playgrounds/not-a-uuid/sessions/" + session.id(),
            "/manage/playgrounds/" + othersPlayground + "/sessions/" + session.id())) {
      assertThat(get(admin, url)).as(url).hasStatus(HttpStatus.NOT_FOUND);
    }
  }

  @Test
  void shouldNotShowASessionUnderAnotherOfTheAdminsPlaygrounds() {
    UUID id = world.tuningPlayground(admin);
    world.question(admin, id, "Anything else?", "input_string", "both");
    UUID second = world.tuningPlayground(admin);
    EvaluationSession session =
        world.evaluate(world.tester("moved"), id, (question, key) -> "here");

    assertThat(get(admin, "/manage/playgrounds/" + second + "/sessions/" + session.id()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(get(admin, "/manage/playgrounds/" + id + "/sessions/" + session.id())).hasStatusOk();
  }

  // --- the session ----------------------------------------------------------------------------

  @Test
  void shouldShowEveryAnswerOfTheSessionInQuestionOrderWithItsFacts() {
    UUID id = world.abPlayground(admin);
    UUID comment = world.question(admin, id, "What stood out?", "input_string", "both");
    UUID verdict =
        world.question(
            admin, id, "Would you call again?", "select", "both", "Yes, gladly", "yes", "No", "no");
    UUID stars = world.question(admin, id, "Voice quality", "rating", "both");
    UUID onlyB = world.question(admin, id, "Crisp enough?", "input_string", "model_b");
    world.reorder(admin, id, List.of(stars, verdict, comment, onlyB));
    Person tester = world.tester("detail");
    BiFunction<Question, ModelKey, String> answers =
        (question, key) ->
            switch (question.type()) {
              case SELECT -> "yes";
              case RATING -> "4";
              case INPUT_STRING ->
                  question.text() + " " + key.letter() + "\nsecond line <i>as typed</i>";
            };
    EvaluationSession first = world.evaluate(tester, id, answers);
    EvaluationSession second = world.evaluate(tester, id, answers, "conv_01abc");
    ModelKey key = second.modelKey();

    MvcTestResult result = get(admin, "/manage/playgrounds/" + id + "/sessions/" + second.id());

    assertThat(result).hasStatusOk();
    Document page = page(result);
    List<String> asked =
        new ArrayList<>(List.of("Voice quality", "Would you call again?", "What stood out?"));
    if (key == ModelKey.MODEL_B) {
      asked.add("Crisp enough?");
    }
    assertThat(page.select("li.session-answer .answer-question").eachText())
        .as("every answer of the session, in the form's order")
        .containsExactlyElementsOf(asked);
    List<Element> values = page.select("li.session-answer .answer-value");
    assertThat(values.get(0).text()).isEqualTo("4/5");
    assertThat(values.get(1).text()).isEqualTo("Yes, gladly yes");
    assertThat(values.get(2).selectFirst(".answer-text").wholeText())
        .isEqualTo("What stood out? " + key.letter() + "\nsecond line <i>as typed</i>");
    if (key == ModelKey.MODEL_B) {
      assertThat(values.get(3).text()).startsWith("Crisp enough? B");
    }
    assertThat(body(result)).doesNotContain("<i>as typed</i>");
    assertThat(page.getElementById("session-facts").text())
        .contains("Tester " + tester.email())
        .contains(
            key == ModelKey.MODEL_A
                ? "Model Model A · Warm voice (model_a)"
                : "Model Model B · Crisp voice (model_b)")
        .contains("Round Round 1, met second")
        .contains("Configuration version 1")
        .contains("Status Submitted")
        .contains("Conversation id conv_01abc")
        .contains("Call ended Not recorded") // this world's calls report no end
        .doesNotContain("Not submitted")
        .doesNotContain("Call started Not recorded");
    assertThat(page.select("a.btn[href=/manage/playgrounds/" + id + "/sessions]").text())
        .isEqualTo("Back to the sessions");
    assertThat(page.select("a.btn[href=/manage/playgrounds/" + id + "/responses]").text())
        .isEqualTo("Open responses");

    Document firstPage = page(get(admin, "/manage/playgrounds/" + id + "/sessions/" + first.id()));
    assertThat(firstPage.getElementById("session-facts").text())
        .contains("Round Round 1, met first")
        .contains("Conversation id Not captured")
        .contains("Call started Not recorded");

    MvcTestResult list = get(admin, "/manage/playgrounds/" + id + "/responses");
    assertThat(page(list).select("a.response-session").eachAttr("href"))
        .contains("/manage/playgrounds/" + id + "/sessions/" + second.id())
        .contains("/manage/playgrounds/" + id + "/sessions/" + first.id());
  }

  @Test
  void shouldLinkTheResponsesFromThePlaygroundEditor() {
    UUID id = world.tuningPlayground(admin);

    Document editor = page(get(admin, "/manage/playgrounds/" + id));

    assertThat(editor.getElementById("open-responses-link").attr("href"))
        .isEqualTo("/manage/playgrounds/" + id + "/responses");
  }

  // --- helpers --------------------------------------------------------------------------------

  private MvcTestResult get(Person user, String url, Object... variables) {
    return mvc.get().uri(url, variables).with(user.signedIn()).exchange();
  }

  /** A request for an address written already encoded, sent as it is. */
  private MvcTestResult raw(Person user, String encodedUrl) {
    return mvc.get().uri(URI.create(encodedUrl)).with(user.signedIn()).exchange();
  }

  private List<String> search(UUID playground, String text) {
    MvcTestResult result =
        get(admin, "/manage/playgrounds/" + playground + "/responses?q={q}", text);
    assertThat(result).hasStatusOk();
    return answers(result);
  }

  /** The per-question-and-model table: each row's question and counts. */
  private static List<List<String>> overview(Document page) {
    return page.select("section[aria-labelledby=per-question] tbody tr").stream()
        .map(row -> row.select("th, td").eachText())
        .toList();
  }
}
