package com.earshot.insights.dashboard;

import static com.earshot.support.Fixtures.choice;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.earshot.support.BrowserJourney;
import com.earshot.support.ElevenLabsInBrowser;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Insights, as an admin reads them: two testers evaluate both agents in Chromium (ElevenLabs'
 * widget, the real form), four more sessions each are written as rows, and the playground's admin
 * reads the numbers on the dashboard, the open responses and a session, and downloads the four
 * exports. Every number checked was worked out by hand from the answers below.
 */
@BrowserJourney
class InsightsJourneyTests {

  private static final String OVERALL = "Overall, how well did the agent do?";
  private static final String NATURAL = "How natural did the agent sound?";
  private static final String ANYTHING_ELSE = "Anything else we should know?";
  private static final String FALCON = "Falcon prompt v7";
  private static final String HERON = "Heron prompt v3";
  private static final Map<String, String> MODEL_NAMES =
      Map.of("model_a", FALCON, "model_b", HERON);
  private static final Map<String, String> AGENT_IDS =
      Map.of("model_a", "agent_7kq2rjw9tx", "model_b", "agent_3mz8xpl4vc");
  private static final Map<String, String> CHOICE_LABELS =
      Map.of("very_natural", "Very natural", "robotic", "Robotic");

  /** Markup and characters a page, a search or an export could get wrong. */
  private static final String MARKUP = "<b>bold</b> & 100%";

  private static final String REPEATED = "It repeated the date twice.";

  /** What a tester answers about one agent: a rating, a choice and, maybe, a free text. */
  record Answers(int rating, String choice, String text) {}

  private static final Map<String, Answers> FIRST_TESTER =
      Map.of(
          "model_a", new Answers(2, "robotic", null),
          "model_b", new Answers(5, "very_natural", MARKUP));
  private static final Map<String, Answers> SECOND_TESTER =
      Map.of(
          "model_a", new Answers(3, "robotic", REPEATED),
          "model_b", new Answers(4, "robotic", null));

  /** Four more testers, written as rows: ratings and choices of A and of B, tester by tester. */
  private static final int[] MORE_RATINGS_A = {2, 3, 2, 1};

  private static final int[] MORE_RATINGS_B = {4, 5, 4, 4};
  private static final String[] MORE_CHOICES_A = {"robotic", "robotic", "robotic", "very_natural"};
  private static final String[] MORE_CHOICES_B = {
    "very_natural", "very_natural", "very_natural", "very_natural"
  };

  private final Fixtures fixtures = new Fixtures();
  private final JdbcClient database = fixtures.jdbc();

  @Test
  void anAdminReadsTheDashboardAfterTestersEvaluatedOpensTheResponsesAndDownloadsTheExports(
      Journey journey) throws IOException {
    UUID owner = fixtures.admin("owner");
    String ownerEmail = fixtures.emailOf(owner);
    Playground playground = abPlayground(owner);

    // Two testers evaluate both agents in the browser.
    String first = Fixtures.uniqueEmail("tester");
    Page firstTester = journey.anotherBrowser();
    journey.signIn(firstTester, first);
    evaluateARound(journey.elevenLabs(firstTester), firstTester, playground, FIRST_TESTER);
    String second = Fixtures.uniqueEmail("tester");
    Page secondTester = journey.anotherBrowser();
    journey.signIn(secondTester, second);
    evaluateARound(journey.elevenLabs(secondTester), secondTester, playground, SECOND_TESTER);
    journey.step(secondTester, "a tester has evaluated both agents");
    assertThat(submittedRatings(playground.id()))
        .containsExactlyInAnyOrder(
            tuple(first, "model_a", 2),
            tuple(first, "model_b", 5),
            tuple(second, "model_a", 3),
            tuple(second, "model_b", 4));

    // Four more testers on the two days before, and one who was given an agent and left.
    LocalDateTime today = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0);
    for (int i = 0; i < MORE_RATINGS_A.length; i++) {
      UUID tester = fixtures.tester("earlier");
      LocalDateTime at = today.minusDays(i < 2 ? 2 : 1).withHour(9 + i);
      // In the order met, as the app saves them: a rating pairs with the round's first one.
      List<String> met = i % 2 == 0 ? List.of("model_a", "model_b") : List.of("model_b", "model_a");
      for (int position = 1; position <= 2; position++) {
        boolean a = met.get(position - 1).equals("model_a");
        fixtures.submittedSession(
            playground.id(),
            tester,
            met.get(position - 1),
            1,
            position,
            1,
            at.plusMinutes(10 * position),
            playground.overall(),
            a ? MORE_RATINGS_A[i] : MORE_RATINGS_B[i],
            playground.natural(),
            choice(a ? MORE_CHOICES_A[i] : MORE_CHOICES_B[i]));
      }
    }
    // The app counts a submission against the model's limit as it saves it; so do these rows.
    database
        .sql(
            "UPDATE evaluation_counters SET current_count = current_count + ? WHERE playground_id = ?")
        .params(MORE_RATINGS_A.length, playground.id())
        .update();
    database
        .sql(
            """
            INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                configuration_version, started_at, expires_at)
            VALUES (?, ?, 'model_a', 'expired', 1, now() - interval '2 days',
                    now() - interval '2 days' + interval '30 minutes')
            """)
        .params(playground.id(), fixtures.tester("gone"))
        .update();

    // Manage › Playgrounds: the playground's numbers, and the way to its insights.
    Page admin = journey.page();
    journey.signIn(admin, ownerEmail);
    inNavigation(admin, "Manage").click();
    Locator listed =
        admin
            .getByRole(AriaRole.ROW)
            .filter(new Locator.FilterOptions().setHasText(playground.name()));
    assertThat(listed).hasCount(1);
    Locator cells = listed.locator("td");
    assertThat(cells.nth(3)).containsText("6 / 50");
    assertThat(cells.nth(4)).containsText("6 / 50");
    assertThat(cells.nth(5)).hasText("6");
    assertThat(cells.nth(6)).hasText("12");
    // one of the 13 sessions that ended was never submitted, as the dashboard will say
    assertThat(cells.nth(7)).hasText("7.7%");
    journey.step(admin, "manage lists the playground with its numbers");
    listed
        .getByRole(
            AriaRole.LINK,
            new Locator.GetByRoleOptions().setName("Insights of " + playground.name()))
        .click();

    // The dashboard: the headline numbers.
    assertThat(admin).hasURL(journey.url("/manage/playgrounds/" + playground.id() + "/insights"));
    assertThat(heading(admin, "Insights: " + playground.name())).isVisible();
    assertThat(metric(admin, "testers")).hasText("6");
    assertThat(metric(admin, "submitted")).hasText("12");
    // 12 ratings, 12 choices and 2 free texts
    assertThat(admin.getByRole(AriaRole.MAIN)).containsText("26 answers");
    assertThat(metric(admin, "drop-out")).hasText("7.7%");
    assertThat(admin.getByRole(AriaRole.MAIN))
        .containsText("1 given an agent and never submitted; 0 in progress");
    assertThat(metric(admin, "progress-model_a")).hasText("6 of 50");
    assertThat(metric(admin, "progress-model_b")).hasText("6 of 50");
    assertThat(admin.locator(".trouble"))
        .hasText(
            new String[] {
              "0 given back · 0 problems reported · 0 widget failures",
              "0 given back · 0 problems reported · 0 widget failures"
            });
    assertThat(metric(admin, "last-activity")).hasText(lastSubmission(playground.id()) + " UTC");

    // The rating: A 2 3 2 3 2 1, B 5 4 4 5 4 4 (the browser's testers first).
    Locator rating = article(admin, playground.overall());
    assertThat(cell(rating, "model_a", "n")).hasText("6");
    assertThat(cell(rating, "model_a", "mean")).hasText("2.17");
    String intervalA = Intervals.of(2, 3, 2, 3, 2, 1);
    assertThat(cell(rating, "model_a", "interval")).hasText(intervalA);
    assertThat(cell(rating, "model_b", "n")).hasText("6");
    assertThat(cell(rating, "model_b", "mean")).hasText("4.33");
    String intervalB = Intervals.of(5, 4, 4, 5, 4, 4);
    assertThat(cell(rating, "model_b", "interval")).hasText(intervalB);
    assertThat(row(rating, "model_a"))
        .hasText(
            "A · "
                + FALCON
                + " 6 2.17 "
                + intervalA
                + " 1 (16.7%) 3 (50.0%) 2 (33.3%) 0 (0.0%) 0 (0.0%)");
    assertThat(row(rating, "model_b"))
        .hasText(
            "B · "
                + HERON
                + " 6 4.33 "
                + intervalB
                + " 0 (0.0%) 0 (0.0%) 0 (0.0%) 4 (66.7%) 2 (33.3%)");
    // every tester rated B higher (by 3 1 2 2 2 3): Wilcoxon's exact p = 0.03125 alone, but one
    // of two tests between the agents: Holm doubles it to 0.0625, so no winner is named
    assertThat(rating.locator(".verdict"))
        .hasText(
            "No clear difference in ratings: a difference this large would arise by chance about 3"
                + " times in 100 (about 6 times in 100 once corrected for the 2 tests), so neither"
                + " is the winner here.");
    assertThat(rating.locator(".verdict")).hasClass(Pattern.compile("\\bverdict-unclear\\b"));
    assertThat(rating.locator("svg.chart").first()).isVisible();

    // The choice: A robotic 5 of 6, B very natural 5 of 6.
    Locator choice = article(admin, playground.natural());
    assertThat(share(choice, "robotic", "model_a")).hasText("5 (83.33%)");
    assertThat(share(choice, "very_natural", "model_a")).hasText("1 (16.67%)");
    assertThat(share(choice, "robotic", "model_b")).hasText("1 (16.67%)");
    assertThat(share(choice, "very_natural", "model_b")).hasText("5 (83.33%)");
    // Fisher's exact test on 1 5 / 5 1: p = 74 / 924 = 0.080
    assertThat(choice.locator(".verdict")).containsText("No clear difference");
    assertThat(choice.locator(".verdict")).containsText("about 8 times in 100");
    assertThat(choice.locator(".verdict")).hasClass(Pattern.compile("\\bverdict-unclear\\b"));
    assertThat(choice.locator("svg.chart rect")).hasCount(4);
    assertThat(choice.locator("svg.chart")).isVisible();

    Locator openAnswers =
        admin
            .getByRole(AriaRole.LISTITEM)
            .filter(new Locator.FilterOptions().setHasText(ANYTHING_ELSE));
    assertThat(openAnswers).containsText("A: 1 · B: 1");
    assertThat(
            admin
                .locator("section")
                .filter(new Locator.FilterOptions().setHas(heading(admin, "Activity")))
                .locator("svg.chart"))
        .isVisible();
    assertThat(admin.locator("[data-legend=activity]")).hasText("A · " + FALCON + " B · " + HERON);
    assertThat(labelsOverBars(admin)).as("chart labels drawn over a bar").isEmpty();
    assertChartsReadable(admin);
    assertThat(fitsTheScreenWidth(admin)).as("no sideways scrolling").isTrue();
    assertThat(journey.consoleErrors()).as("console errors on the dashboard").isEmpty();
    journey.step(admin, "the dashboard");

    // The four exports, from the dashboard's buttons.
    Locator everyAnswer = admin.getByRole(AriaRole.GROUP, name("Download every answer"));
    Locator perSession = admin.getByRole(AriaRole.GROUP, name("Download one row per session"));
    Path answersCsv =
        download(admin, everyAnswer.getByRole(AriaRole.LINK, linkNamed("Answers CSV")));
    Path answersJson = download(admin, everyAnswer.getByRole(AriaRole.LINK, linkNamed("JSON")));
    Path sessionsCsv =
        download(admin, perSession.getByRole(AriaRole.LINK, linkNamed("Sessions CSV")));
    Path sessionsJson = download(admin, perSession.getByRole(AriaRole.LINK, linkNamed("JSON")));
    String slug = "table-booking-" + playground.id().toString().substring(0, 8);
    assertThat(List.of(answersCsv, answersJson, sessionsCsv, sessionsJson))
        .extracting(file -> file.getFileName().toString())
        .allMatch(file -> file.startsWith(slug + "-"))
        .containsExactly(
            slug + "-answers-" + today.toLocalDate() + ".csv",
            slug + "-answers-" + today.toLocalDate() + ".json",
            slug + "-sessions-" + today.toLocalDate() + ".csv",
            slug + "-sessions-" + today.toLocalDate() + ".json");

    assertAnswersExport(csv(answersCsv), first, second);
    assertAnswersExport(json(answersJson), first, second);
    assertSessionsExport(csv(sessionsCsv), first, second);
    assertSessionsExport(json(sessionsJson), first, second);
    assertThat(
            database
                .sql(
                    """
                    SELECT user_id, new_values ->> 'shape' AS shape, new_values ->> 'format'
                           AS format, host(ip_address) AS address
                    FROM audit_log
                    WHERE action = 'playground.export' AND resource_id = ? AND playground_id = ?
                    ORDER BY created_at, id
                    """)
                .params(playground.id(), playground.id())
                .query(
                    (rs, n) ->
                        tuple(
                            rs.getObject("user_id", UUID.class),
                            rs.getString("shape"),
                            rs.getString("format"),
                            rs.getString("address")))
                .list())
        .as("an audit row per download")
        .containsExactly(
            tuple(owner, "answers", "csv", journey.clientAddressOf(admin)),
            tuple(owner, "answers", "json", journey.clientAddressOf(admin)),
            tuple(owner, "sessions", "csv", journey.clientAddressOf(admin)),
            tuple(owner, "sessions", "json", journey.clientAddressOf(admin)));

    // Open responses: the markup a tester typed is text, never markup.
    admin.getByRole(AriaRole.LINK, name("Open responses")).click();
    assertThat(admin).hasURL(journey.url("/manage/playgrounds/" + playground.id() + "/responses"));
    assertThat(heading(admin, "Open responses")).isVisible();
    Locator responses = admin.locator("li.response");
    assertThat(responses).hasCount(2);
    assertThat(admin.locator("#answer-count")).hasText("2 answers");
    assertThat(responses.locator(".answer-text")).hasText(new String[] {REPEATED, MARKUP});
    assertThat(admin.getByText(MARKUP, new Page.GetByTextOptions().setExact(true))).isVisible();
    assertThat(admin.locator("main b")).hasCount(0);
    assertThat(journey.consoleErrors()).as("console errors on the open responses").isEmpty();
    journey.step(admin, "open responses");

    // A search for the whole answer, characters and all, finds it alone.
    admin.getByLabel("Answers containing").fill(MARKUP);
    admin.getByRole(AriaRole.BUTTON, name("Filter")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/responses\\?.*q=.*"));
    assertThat(admin.getByLabel("Answers containing")).hasValue(MARKUP);
    assertThat(responses).hasCount(1);
    assertThat(admin.locator("#answer-count")).hasText("1 answer containing “" + MARKUP + "”");
    Locator found = responses.first();
    assertThat(found.locator(".answer-text")).hasText(MARKUP);
    assertThat(found.locator(".response-question")).hasText(ANYTHING_ELSE);
    assertThat(found.locator(".response-model")).hasText(Pattern.compile("B\\b.*" + HERON));
    assertThat(found.locator(".response-tester")).hasText(first);
    assertThat(admin.locator("main b")).hasCount(0);
    journey.step(admin, "open responses searched");

    // The session the answer belongs to, with its other answers.
    found
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("the session's answers"))
        .click();
    UUID session = sessionOf(playground.id(), first, "model_b");
    assertThat(admin)
        .hasURL(journey.url("/manage/playgrounds/" + playground.id() + "/sessions/" + session));
    assertThat(heading(admin, "A tester's session")).isVisible();
    Locator facts = admin.locator("#session-facts");
    assertThat(facts).containsText(first);
    assertThat(facts).containsText(HERON);
    assertThat(facts).containsText("Submitted");
    assertThat(facts.locator("code"))
        .hasText(
            new Pattern[] {
              Pattern.compile("conv_[0-9a-f]{32}"), Pattern.compile(callReferenceOf(session))
            });
    Locator answers = admin.locator(".session-answer");
    assertThat(answers).hasCount(3);
    assertThat(answers.locator(".answer-question"))
        .hasText(new String[] {OVERALL, NATURAL, ANYTHING_ELSE});
    assertThat(answers.nth(0).locator(".answer-value")).hasText("5/5");
    assertThat(answers.nth(1).locator(".answer-value")).containsText("Very natural");
    assertThat(answers.nth(2).locator(".answer-value")).hasText(MARKUP);
    assertThat(admin.locator("main b")).hasCount(0);
    assertThat(journey.consoleErrors()).as("console errors on the session").isEmpty();
    journey.step(admin, "a session's answers");

    // In Tokyo (UTC+9 all year) the same moment reads in Tokyo's time, with UTC on hover.
    Page tokyo = journey.anotherBrowserIn("Asia/Tokyo");
    journey.signIn(tokyo, ownerEmail);
    tokyo.navigate("/manage/playgrounds/" + playground.id() + "/insights");
    String utc = lastSubmission(playground.id());
    String inTokyo =
        LocalDateTime.parse(utc.replace(' ', 'T'))
            .plusHours(9)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    assertThat(metric(tokyo, "last-activity")).hasText(inTokyo + " GMT+9");
    assertThat(metric(tokyo, "last-activity").locator("time"))
        .hasAttribute("title", Pattern.compile("^" + utc + ":\\d\\d UTC$"));
    journey.step(tokyo, "the dashboard in Tokyo");

    // The dashboard and the responses on a phone: nothing wider than the screen.
    Page phone = journey.phone();
    journey.signIn(phone, ownerEmail);
    phone.navigate("/manage/playgrounds/" + playground.id() + "/insights");
    assertThat(metric(phone, "submitted")).hasText("12");
    assertThat(article(phone, playground.overall()).locator("svg.chart").first()).isVisible();
    assertThat(fitsTheScreenWidth(phone)).as("no sideways scrolling on a phone").isTrue();
    assertChartsReadable(phone);
    journey.step(phone, "the dashboard on a phone");
    phone.navigate("/manage/playgrounds/" + playground.id() + "/responses");
    assertThat(phone.locator("li.response")).hasCount(2);
    assertThat(fitsTheScreenWidth(phone)).as("no sideways scrolling on a phone").isTrue();
    assertThat(journey.consoleErrors()).as("console errors on a phone").isEmpty();
  }

  // --- the playground ---------------------------------------------------------------------------

  record Playground(UUID id, String name, UUID overall, UUID natural, UUID anythingElse) {}

  /**
   * An active, public A/B playground of {@code owner}: a rating and a choice asked about both
   * models, and an optional free text; 50 evaluations wanted of each model.
   */
  private Playground abPlayground(UUID owner) {
    UUID id = fixtures.playground(owner, "ab_testing", true, null);
    String name = "Table booking " + id.toString().substring(0, 8);
    database
        .sql("UPDATE playgrounds SET name = ?, support_text = ? WHERE id = ?")
        .params(name, "<h2>Your scenario</h2><p>Book a table for two on Friday at 8 pm.</p>", id)
        .update();
    for (String model : List.of("model_a", "model_b")) {
      // named as if created so: version 1's record (V30) says the same
      for (String table : List.of("model_configurations", "model_versions")) {
        database
            .sql(
                "UPDATE "
                    + table
                    + " SET model_name = ?, embed_code = ? WHERE playground_id = ? AND model_key = ?")
            .params(MODEL_NAMES.get(model), AGENT_IDS.get(model), id, model)
            .update();
      }
    }
    // The testers here call for a second and answer at once: this journey reads every session,
    // so nothing is too short or too fast (V25; SessionReviewWebTests leaves sessions out).
    database
        .sql(
            "INSERT INTO playground_review_settings (playground_id, min_call_seconds,"
                + " min_answer_seconds) VALUES (?, 0, 0)")
        .param(id)
        .update();
    UUID overall = question(id, OVERALL, "rating", null, true);
    UUID natural =
        question(
            id,
            NATURAL,
            "select",
            "[{\"label\":\"Very natural\",\"value\":\"very_natural\"},"
                + "{\"label\":\"Robotic\",\"value\":\"robotic\"}]",
            true);
    UUID anythingElse = question(id, ANYTHING_ELSE, "input_string", null, false);
    return new Playground(id, name, overall, natural, anythingElse);
  }

  private UUID question(
      UUID playground, String text, String type, String options, boolean required) {
    return database
        .sql(
            """
            INSERT INTO questions
              (playground_id, question_text, question_type, options, required, order_index)
            VALUES (?, ?, ?::question_type, ?::jsonb, ?,
                    (SELECT count(*) FROM questions WHERE playground_id = ?))
            RETURNING id
            """)
        .params(playground, text, type, options, required, playground)
        .query(UUID.class)
        .single();
  }

  // --- what a tester does -----------------------------------------------------------------------

  /**
   * One round, as a signed-in tester does it: start, call Agent 1 and answer about its model, then
   * the same with Agent 2. Which model each agent is comes from the database, never the page.
   */
  private void evaluateARound(
      ElevenLabsInBrowser elevenLabs,
      Page tester,
      Playground playground,
      Map<String, Answers> answers) {
    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    for (int agent = 1; agent <= 2; agent++) {
      assertThat(heading(tester, "Agent " + agent + " of 2")).isVisible();
      UUID session = UUID.fromString(tester.url().substring(tester.url().lastIndexOf('/') + 1));
      String model = modelOf(session);
      String conversation = elevenLabs.startCall(tester).conversationId();
      eventually(tester, () -> conversation.equals(conversationOf(session)));
      elevenLabs.endCall(tester);
      Answers about = answers.get(model);
      tester
          .locator(".rating-scale label")
          .getByText(String.valueOf(about.rating()), new Locator.GetByTextOptions().setExact(true))
          .click();
      // "5 of 5 (excellent)": the ends of the scale say what they mean
      assertThat(
              tester.getByRole(
                  AriaRole.RADIO, new Page.GetByRoleOptions().setName(about.rating() + " of 5")))
          .isChecked();
      tester.getByLabel(CHOICE_LABELS.get(about.choice()), exactLabel()).check();
      if (about.text() != null) {
        tester.getByLabel(ANYTHING_ELSE).fill(about.text());
      }
      tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    }
    assertThat(tester).hasURL(Pattern.compile(".*/playgrounds/" + playground.id() + "$"));
    assertThat(tester.getByRole(AriaRole.STATUS))
        .containsText("Your answers about both agents are saved.");
  }

  /** Waits (5 s at most) for what the page does in the background, like reporting the call. */
  private static void eventually(Page page, BooleanSupplier condition) {
    for (int i = 0; i < 50; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      page.waitForTimeout(100);
    }
    assertThat(condition.getAsBoolean()).as("within 5 seconds").isTrue();
  }

  // --- what the admin sees ----------------------------------------------------------------------

  private static Locator metric(Page page, String name) {
    return page.locator("[data-metric=" + name + "]");
  }

  private static Locator article(Page page, UUID question) {
    return page.locator("article[data-question='" + question + "']");
  }

  private static Locator row(Locator article, String model) {
    return article.locator("tr[data-model=" + model + "]");
  }

  private static Locator cell(Locator article, String model, String cell) {
    return row(article, model).locator("td[data-cell=" + cell + "]");
  }

  private static Locator share(Locator article, String value, String model) {
    return article.locator("tr[data-value=" + value + "] td[data-model=" + model + "]");
  }

  private static Locator heading(Page page, String text) {
    return page.getByRole(AriaRole.HEADING, name(text));
  }

  private static Locator inNavigation(Page page, String link) {
    return page.getByRole(AriaRole.NAVIGATION, name("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link).setExact(true));
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByRoleOptions linkNamed(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Page.GetByLabelOptions exactLabel() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static boolean fitsTheScreenWidth(Page page) {
    return (Boolean)
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }

  /**
   * Every chart label whole (inside its chart, not cut by its edge), at least 12 CSS px as drawn
   * (its font size scaled as its chart is), and each model's marks filled alike on every chart.
   */
  @SuppressWarnings("unchecked")
  private static void assertChartsReadable(Page page) {
    Map<String, Object> found =
        (Map<String, Object>)
            page.evaluate(
                """
                () => {
                  const clipped = [], small = [], fills = { "model-a": [], "model-b": [] };
                  for (const chart of document.querySelectorAll("svg.chart")) {
                    if (!chart.getClientRects().length) continue; // in a closed <details>
                    const view = chart.viewBox.baseVal;
                    const scale = chart.getBoundingClientRect().width / view.width;
                    for (const label of chart.querySelectorAll("text")) {
                      const box = label.getBBox();
                      if (box.x < view.x - 0.5 || box.y < view.y - 0.5
                          || box.x + box.width > view.x + view.width + 0.5
                          || box.y + box.height > view.y + view.height + 0.5) {
                        clipped.push(chart.getAttribute("aria-label") + ": " + label.textContent);
                      }
                      const size = parseFloat(getComputedStyle(label).fontSize) * scale;
                      if (size < 12) small.push(label.textContent + " at " + size.toFixed(1) + "px");
                    }
                    for (const model of Object.keys(fills)) {
                      for (const bar of chart.querySelectorAll("rect." + model)) {
                        fills[model].push(getComputedStyle(bar).fill);
                      }
                    }
                  }
                  return { clipped, small, a: [...new Set(fills["model-a"])],
                           b: [...new Set(fills["model-b"])], bars: fills["model-b"].length };
                }
                """);
    assertThat((List<String>) found.get("clipped")).as("chart labels cut off").isEmpty();
    assertThat((List<String>) found.get("small")).as("chart text under 12 px").isEmpty();
    assertThat((List<String>) found.get("b")).as("B's fill on every chart").hasSize(1);
    assertThat((List<String>) found.get("a")).as("A's fill on every chart").hasSize(1);
    assertThat((List<String>) found.get("a"))
        .doesNotContainAnyElementsOf((List<String>) found.get("b"));
    assertThat(((Number) found.get("bars")).intValue()).as("B's bars drawn").isPositive();
  }

  /** The labels of the page's charts that overlap a bar, where they cannot be read. */
  @SuppressWarnings("unchecked")
  private static List<String> labelsOverBars(Page page) {
    return (List<String>)
        page.evaluate(
            """
            () => [...document.querySelectorAll("svg.chart")].flatMap(chart => {
              const bars = [...chart.querySelectorAll("rect")].map(bar => bar.getBBox());
              return [...chart.querySelectorAll("text")]
                .filter(label => {
                  const box = label.getBBox();
                  return bars.some(bar => box.x < bar.x + bar.width && bar.x < box.x + box.width
                    && box.y < bar.y + bar.height && bar.y < box.y + box.height);
                })
                .map(label => chart.getAttribute("aria-label") + ": " + label.textContent);
            })
            """);
  }

  // --- the downloads ----------------------------------------------------------------------------

  /** Clicks {@code link}, waits for the download it starts and keeps it under target/downloads. */
  private static Path download(Page page, Locator link) {
    Download download = page.waitForDownload(link::click);
    assertThat(download.failure()).isNull();
    Path file =
        Paths.get("target", "downloads", InsightsJourneyTests.class.getSimpleName())
            .resolve(download.suggestedFilename());
    download.saveAs(file);
    return file;
  }

  /** The rows of an export, each a map from column to cell (empty cells are null). */
  record Table(List<String> columns, List<Map<String, String>> rows) {

    List<Map<String, String>> where(String column, String value) {
      return rows.stream().filter(row -> value.equals(row.get(column))).toList();
    }
  }

  private static Table csv(Path file) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, format)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        Map<String, String> row = new LinkedHashMap<>();
        record.toMap().forEach((column, cell) -> row.put(column, cell.isEmpty() ? null : cell));
        rows.add(row);
      }
      return new Table(parser.getHeaderNames(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table json(Path file) {
    JsonNode array;
    try {
      array = JsonMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(array.isArray()).as("%s is a JSON array", file).isTrue();
    List<String> columns = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode object : array) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String column :
          StreamSupport.stream(object.propertyNames().spliterator(), false).toList()) {
        JsonNode value = object.get(column);
        row.put(column, value.isNull() ? null : value.asString());
        if (!columns.contains(column)) {
          columns.add(column);
        }
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** One row per answer: 26 in all, the browser testers' among them as they entered them. */
  private static void assertAnswersExport(Table answers, String first, String second) {
    assertThat(answers.rows()).hasSize(26);
    assertThat(answers.columns())
        .contains(
            "tester_email", "model_key", "question_text", "answer_value", "rating", "answer_text");
    for (var tester : Map.of(first, FIRST_TESTER, second, SECOND_TESTER).entrySet()) {
      for (var model : tester.getValue().entrySet()) {
        List<List<String>> given =
            answers.where("tester_email", tester.getKey()).stream()
                .filter(row -> model.getKey().equals(row.get("model_key")))
                .map(
                    row ->
                        Arrays.asList(
                            row.get("question_text"),
                            row.get("rating"),
                            row.get("answer_value"),
                            row.get("answer_text")))
                .toList();
        Answers entered = model.getValue();
        List<List<String>> expected = new ArrayList<>();
        expected.add(Arrays.asList(OVERALL, String.valueOf(entered.rating()), null, null));
        expected.add(Arrays.asList(NATURAL, null, entered.choice(), null));
        if (entered.text() != null) {
          expected.add(Arrays.asList(ANYTHING_ELSE, null, null, entered.text()));
        }
        assertThat(given)
            .as("what %s answered about %s", tester.getKey(), model.getKey())
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    assertThat(answers.where("answer_text", MARKUP))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("model_name", HERON));
  }

  /** One row per session (13: one never submitted), with a column per question. */
  private static void assertSessionsExport(Table sessions, String first, String second) {
    assertThat(sessions.columns()).endsWith(OVERALL, NATURAL, ANYTHING_ELSE);
    assertThat(sessions.columns()).doesNotHaveDuplicates();
    assertThat(sessions.rows()).hasSize(13);
    assertThat(sessions.where("status", "submitted")).hasSize(12);
    assertThat(sessions.where("status", "expired")).hasSize(1);
    for (var tester : Map.of(first, FIRST_TESTER, second, SECOND_TESTER).entrySet()) {
      for (var model : tester.getValue().entrySet()) {
        Answers entered = model.getValue();
        assertThat(
                sessions.where("tester_email", tester.getKey()).stream()
                    .filter(row -> model.getKey().equals(row.get("model_key")))
                    .toList())
            .as("the session of %s with %s", tester.getKey(), model.getKey())
            .singleElement()
            .satisfies(
                row -> {
                  assertThat(row)
                      .containsEntry("status", "submitted")
                      .containsEntry("model_name", MODEL_NAMES.get(model.getKey()))
                      .containsEntry("round", "1")
                      .containsEntry(OVERALL, String.valueOf(entered.rating()))
                      .containsEntry(NATURAL, entered.choice())
                      .containsEntry(ANYTHING_ELSE, entered.text());
                  assertThat(row.get("conversation_id")).matches("conv_[0-9a-f]{32}");
                  assertThat(row.get("shown_as")).isEqualTo("Agent " + row.get("position"));
                });
      }
    }
  }

  // --- what the database holds ------------------------------------------------------------------

  private String modelOf(UUID session) {
    return database
        .sql("SELECT model_key FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(String.class)
        .single();
  }

  private String conversationOf(UUID session) {
    return database
        .sql("SELECT conversation_id FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** The session's widget user-id: its conversations' user_id in ElevenLabs. */
  private String callReferenceOf(UUID session) {
    return database
        .sql("SELECT call_reference::text FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(String.class)
        .single();
  }

  private UUID sessionOf(UUID playground, String email, String model) {
    return database
        .sql(
            """
            SELECT s.id FROM evaluation_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.playground_id = ? AND u.email = ? AND s.model_key = ?
            """)
        .params(playground, email, model)
        .query(UUID.class)
        .single();
  }

  /** The ratings submitted in the playground: tester, model and rating. */
  private List<Tuple> submittedRatings(UUID playground) {
    return database
        .sql(
            """
            SELECT u.email, e.model_key, e.rating FROM evaluations e
            JOIN users u ON u.id = e.user_id JOIN evaluation_sessions s ON s.id = e.session_id
            WHERE e.playground_id = ? AND e.rating IS NOT NULL AND s.status = 'submitted'
            """)
        .param(playground)
        .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getInt(3)))
        .list();
  }

  /** The newest submission, as the dashboard prints it (UTC, to the minute). */
  private String lastSubmission(UUID playground) {
    return database
        .sql(
            """
            SELECT to_char(max(submitted_at), 'YYYY-MM-DD HH24:MI') FROM evaluation_sessions
            WHERE playground_id = ?
            """)
        .param(playground)
        .query(String.class)
        .single();
  }
}
