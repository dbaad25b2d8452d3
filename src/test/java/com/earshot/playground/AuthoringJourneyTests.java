package com.earshot.playground;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.ElevenLabsInBrowser;
import com.earshot.support.ElevenLabsInBrowser.Call;
import com.earshot.support.ElevenLabsInBrowser.ConfigAnswer;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Authoring, as an admin does it: in Chromium, through the real pages, from an empty Manage page to
 * an A/B playground with both models, its questions and its allow-list, previewed as a tester sees
 * it and deactivated. Each step is checked on the page and in the database. The tests are
 * independent; the order only numbers the screenshots in story order.
 */
@BrowserJourney
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthoringJourneyTests {

  /** What ElevenLabs' Widget tab gives to paste. */
  private static final String SNIPPET =
      "<elevenlabs-convai agent-id=\"agent_01jwsnippetmodel\"></elevenlabs-convai>"
          + "<script src=\"https://unpkg.com/@elevenlabs/convai-widget-embed\" async"
          + " type=\"text/javascript\"></script>";

  private static final String BARE_AGENT_ID = "agent_02jwbareagentid";

  private static final String BOTH = "How natural did the agent sound?";
  private static final String A_ONLY = "Which part of the booking went wrong, if any?";
  private static final String B_ONLY = "How quickly did it confirm the booking?";

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  @Order(1)
  void anAdminBuildsAnABPlaygroundPreviewsItForEachModelGoesLiveAndPausesIt(Journey journey) {
    Page admin = journey.page();
    String email = journey.signInAsNewAdmin(admin);
    String name = "Table booking " + UUID.randomUUID().toString().substring(0, 8);

    // Manage › Playgrounds: a new admin has none (never another admin's).
    inNavigation(admin, "Manage").click();
    assertThat(heading(admin, "Your playgrounds")).isVisible();
    assertThat(admin.getByText("No playgrounds yet.")).isVisible();
    journey.step(admin, "manage without playgrounds");

    // Create: both models, one pasted snippet and one bare agent id, and support text.
    admin.getByRole(AriaRole.LINK, name("New A/B test")).click();
    assertThat(heading(admin, "New A/B test")).isVisible();
    admin.getByLabel("Name", exact()).fill(name);
    admin.getByLabel("Description (for admins)").fill("Long prompt against short prompt.");
    fillModel(admin, "Model A", "Booking bot, long prompt", SNIPPET, "20");
    fillModel(admin, "Model B", "Booking bot, short prompt", BARE_AGENT_ID, "25");
    admin
        .getByLabel("Support text for testers (HTML: headings, lists, links)")
        .fill(
            "<h2>Your scenario</h2><p>Book a table for two on Friday at 8 pm.</p>"
                + "<script>alert('not for testers')</script>");
    journey.step(admin, "new A/B test filled in");
    admin.getByRole(AriaRole.BUTTON, name("Create playground")).click();

    assertThat(admin).hasURL(Pattern.compile(".*/manage/playgrounds/[0-9a-f-]{36}$"));
    UUID playground = UUID.fromString(admin.url().substring(admin.url().lastIndexOf('/') + 1));
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Playground created. Now add the questions.");
    assertThat(heading(admin, name)).isVisible();
    assertThat(badges(admin)).containsText(new String[] {"A/B test", "Draft", "Every signed-in"});
    assertThat(modelSection(admin, "Model A"))
        .containsText("Understood: Agent agent_01jwsnippetmodel");
    assertThat(modelSection(admin, "Model B")).containsText("Understood: Agent " + BARE_AGENT_ID);
    assertThat(modelSection(admin, "Model B")).containsText("0 of 25 evaluations");
    journey.step(admin, "the new playground in the editor");

    Map<String, Object> row = playgroundRow(playground);
    assertThat(row)
        .containsEntry("name", name)
        .containsEntry("type", "ab_testing")
        .containsEntry("is_active", false)
        .containsEntry("owner", email)
        .containsEntry("restricted_emails", null);
    assertThat((String) row.get("support_text"))
        .contains("<h2>Your scenario</h2>")
        .doesNotContain("script", "alert");
    assertThat(models(playground))
        .containsExactly(
            List.of("model_a", "Booking bot, long prompt", SNIPPET, 20, 0),
            List.of("model_b", "Booking bot, short prompt", BARE_AGENT_ID, 25, 0));

    // Support text: the live preview shows it cleaned, as testers will see it.
    Locator details = admin.locator("#details");
    details
        .getByLabel("Support text for testers (HTML)")
        .fill(
            "<h2>Your scenario</h2><p>Book a table for <strong>two</strong> on Friday at 8 pm.</p>"
                + "<img src=x onerror=alert(1)>");
    assertThat(admin.locator("#support-preview strong")).hasText("two");
    assertThat(admin.locator("#support-preview img")).hasCount(0);
    journey.step(admin, "the support text's live preview");
    details.getByRole(AriaRole.BUTTON, named("Save details")).click();
    assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Details saved.");
    assertThat((String) playgroundRow(playground).get("support_text"))
        .contains("<strong>two</strong>")
        .doesNotContain("img", "onerror");

    // Access: emails and a domain pasted at once, case and duplicates folded.
    Locator access = admin.locator("#access");
    access
        .getByLabel("Emails and @domains")
        .fill("Ana@Example.com, bo@example.com\n@Acme.test; carl@example.org ana@example.com");
    access.getByRole(AriaRole.BUTTON, named("Save access")).click();
    assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Access saved.");
    assertThat(badges(admin)).containsText(new String[] {"Restricted (4)"});
    assertThat(admin.locator("#access").getByLabel("Emails and @domains"))
        .hasValue("ana@example.com\nbo@example.com\n@acme.test\ncarl@example.org");
    journey.step(admin, "the allow list saved");
    assertThat(playgroundRow(playground).get("restricted_emails"))
        .isEqualTo("{ana@example.com,bo@example.com,@acme.test,carl@example.org}");

    // Questions: a choice for both models, its options made with the options editor.
    Locator adding = addQuestionForm(admin);
    assertThat(admin.getByText("No questions yet: add the first below.")).isVisible();
    assertThat(adding.getByLabel("Question", exactly())).isVisible();
    adding.getByLabel("Question", exactly()).fill(BOTH);
    assertThat(adding.getByLabel("Answered by")).hasValue("select");
    assertThat(adding.getByLabel("Both models")).isChecked();
    assertThat(adding.getByLabel("Required", exactly())).isChecked();
    assertThat(adding.getByRole(AriaRole.GROUP, named("Options (for a choice)"))).isVisible();
    optionLabel(adding, 1).fill("Very natural");
    optionLabel(adding, 2).fill("Robotic");
    optionLabel(adding, 3).fill("Hard to say");
    adding.getByRole(AriaRole.BUTTON, named("Add option")).click();
    assertThat(optionLabel(adding, 4)).isFocused();
    optionLabel(adding, 4).fill("Somewhere in between");
    optionLabel(adding, 4).press("Tab");
    adding.getByRole(AriaRole.BUTTON, named("Move option 4 up")).click();
    adding.getByRole(AriaRole.BUTTON, named("Move option 3 up")).click();
    adding.getByRole(AriaRole.BUTTON, named("Add option")).click();
    optionLabel(adding, 5).fill("Not listed");
    adding.getByRole(AriaRole.BUTTON, named("Remove option 5")).click();
    assertThat(adding.locator(".option-row")).hasCount(4);
    optionValue(adding, 4).fill("unsure");
    assertThat(optionLabel(adding, 2)).hasValue("Somewhere in between");
    assertThat(optionValue(adding, 1)).hasValue("very_natural");
    assertThat(optionValue(adding, 2)).hasValue("somewhere_in_between");
    assertThat(optionValue(adding, 3)).hasValue("robotic");
    journey.step(admin, "a choice with its options");
    adding.getByRole(AriaRole.BUTTON, named("Add question")).click();
    assertThat(questionTitles(admin)).hasText(new String[] {"1. " + BOTH});
    assertThat(questionItem(admin, BOTH)).containsText("Choice");
    assertThat(questionItem(admin, BOTH)).containsText("A and B");
    assertThat(questionItem(admin, BOTH)).containsText("Required");

    // One question for model A only, one for model B only.
    addQuestion(journey, admin, A_ONLY, "Free text", "Model A", false);
    assertThat(questionTitles(admin)).hasText(new String[] {"1. " + BOTH, "2. " + A_ONLY});
    addQuestion(journey, admin, B_ONLY, "Rating 1–5", "Model B", true);
    assertThat(questionTitles(admin))
        .hasText(new String[] {"1. " + BOTH, "2. " + A_ONLY, "3. " + B_ONLY});
    assertThat(questionItem(admin, A_ONLY)).containsText("A only");
    assertThat(questionItem(admin, A_ONLY)).containsText("Optional");
    assertThat(questionItem(admin, B_ONLY)).containsText("B only");
    assertQuestions(previewLegends(admin, "A"), "1. " + BOTH, "2. " + A_ONLY);
    assertQuestions(previewLegends(admin, "B"), "1. " + BOTH, "2. " + B_ONLY);
    journey.step(admin, "three questions and what testers will see");

    UUID both = questionId(playground, BOTH);
    UUID aOnly = questionId(playground, A_ONLY);
    UUID bOnly = questionId(playground, B_ONLY);
    assertThat(questions(playground))
        .containsExactly(
            List.of(BOTH, "select", "both", true),
            List.of(A_ONLY, "input_string", "model_a", false),
            List.of(B_ONLY, "rating", "model_b", true));
    assertThat(
            database
                .sql("SELECT options::text FROM questions WHERE id = ?")
                .param(both)
                .query(String.class)
                .single())
        .isEqualTo(
            "[{\"label\": \"Very natural\", \"value\": \"very_natural\"},"
                + " {\"label\": \"Somewhere in between\", \"value\": \"somewhere_in_between\"},"
                + " {\"label\": \"Robotic\", \"value\": \"robotic\"},"
                + " {\"label\": \"Hard to say\", \"value\": \"unsure\"}]");

    // Reorder by drag and drop: the first question goes below the last.
    questionItem(admin, BOTH)
        .locator(".drag-handle")
        .dragTo(
            questionItem(admin, B_ONLY),
            new Locator.DragToOptions()
                .setTargetPosition(20, bottomOf(questionItem(admin, B_ONLY))));
    assertThat(questionTitles(admin))
        .hasText(new String[] {"1. " + A_ONLY, "2. " + B_ONLY, "3. " + BOTH});
    assertQuestions(previewLegends(admin, "A"), "1. " + A_ONLY, "2. " + BOTH);
    assertQuestions(previewLegends(admin, "B"), "1. " + B_ONLY, "2. " + BOTH);
    assertThat(order(playground)).containsExactly(aOnly, bOnly, both);
    journey.step(admin, "questions reordered by drag and drop");

    // And with the keyboard: the focus stays on the moved question's button.
    admin.getByRole(AriaRole.BUTTON, name("Move question 3 up")).focus();
    admin.keyboard().press("Enter");
    assertThat(questionTitles(admin))
        .hasText(new String[] {"1. " + A_ONLY, "2. " + BOTH, "3. " + B_ONLY});
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Move question 2 up"))).isFocused();
    admin.keyboard().press("Enter");
    assertThat(questionTitles(admin))
        .hasText(new String[] {"1. " + BOTH, "2. " + A_ONLY, "3. " + B_ONLY});
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Move question 1 up"))).isDisabled();
    assertQuestions(previewLegends(admin, "A"), "1. " + BOTH, "2. " + A_ONLY);
    assertQuestions(previewLegends(admin, "B"), "1. " + BOTH, "2. " + B_ONLY);
    assertThat(order(playground)).containsExactly(both, aOnly, bOnly);
    journey.step(admin, "questions reordered with the keyboard");

    // Preview as tester, model A then model B: the tester's page, and nothing saved.
    admin.getByRole(AriaRole.LINK, name("Preview as tester: A")).click();
    assertPreview(admin, "A", "agent_01jwsnippetmodel", BOTH, A_ONLY, B_ONLY);
    Call call = journey.elevenLabs(admin).startCall(admin);
    assertThat(call.agentId()).isEqualTo("agent_01jwsnippetmodel");
    assertThat(call.userId()).isEqualTo("earshot-preview");
    journey.step(admin, "preview as tester of model A");
    journey.elevenLabs(admin).endCall(admin);
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();
    admin.getByRole(AriaRole.LINK, name("Preview as tester: B")).click();
    assertPreview(admin, "B", BARE_AGENT_ID, BOTH, B_ONLY, A_ONLY);
    assertThat(admin.getByRole(AriaRole.RADIO, name("5 of 5 (excellent)"))).isVisible();
    journey.step(admin, "preview as tester of model B");
    assertThat(sessionsIn(playground)).as("a preview opens no session").isZero();
    assertThat(models(playground)).extracting(model -> model.get(4)).containsOnly(0);

    // Both widgets loaded in the preview and both forms have questions: it may go live, then pause.
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Live: testers can see the playground now.");
    assertThat(badges(admin)).containsText(new String[] {"A/B test", "Live"});
    assertThat(playgroundRow(playground).get("is_active")).isEqualTo(true);
    admin.getByRole(AriaRole.BUTTON, name("Pause")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Paused: testers no longer see the playground until you resume it.");
    assertThat(badges(admin)).containsText(new String[] {"A/B test", "Paused"});
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Resume"))).isVisible();
    journey.step(admin, "the playground paused");
    assertThat(playgroundRow(playground).get("is_active")).isEqualTo(false);

    inNavigation(admin, "Manage").click();
    Locator listed =
        admin.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
    assertThat(listed).containsText("Paused");
    assertThat(listed).containsText("0 / 20");
    assertThat(listed).containsText("0 / 25");
    assertThat(admin.getByRole(AriaRole.ROW)).hasCount(2);
    journey.step(admin, "manage lists the paused playground");

    // Every change was audited, by this admin, from this browser.
    assertThat(auditActions(playground))
        .containsExactly(
            "playground.create",
            "playground.update",
            "playground.update",
            "question.create",
            "question.create",
            "question.create",
            "question.reorder",
            "question.reorder",
            "question.reorder",
            "model.widget_loaded",
            "model.widget_loaded",
            "playground.go_live",
            "playground.pause");
    assertThat(
            database
                .sql(
                    """
                    SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id
                    WHERE a.playground_id = ? AND u.email = ? AND host(a.ip_address) = ?
                    """)
                .params(playground, email, journey.clientAddressOf(admin))
                .query(Long.class)
                .single())
        .isEqualTo(13);
  }

  @Test
  @Order(2)
  void anInvalidEmbedCodeIsRefusedAtItsFieldWithWhatWasTypedKeptAndNothingSaved(Journey journey) {
    // The refused form comes back as a 400 page, which Chromium logs.
    journey.allowConsoleErrors("status of 400");
    Page admin = journey.page();
    journey.signInAsNewAdmin(admin);
    String name = "Refused " + UUID.randomUUID().toString().substring(0, 8);
    String hostile =
        "<elevenlabs-convai agent-id=\"agent_01jwsnippetmodel\"></elevenlabs-convai>"
            + "<script src=\"https://evil.example/widget.js\" async></script>";

    admin.navigate("/manage/playgrounds/new?type=ab_testing");
    admin.getByLabel("Name", exact()).fill(name);
    fillModel(admin, "Model A", "Booking bot, long prompt", hostile, "20");
    fillModel(admin, "Model B", "Booking bot, short prompt", BARE_AGENT_ID, "25");
    admin.getByRole(AriaRole.BUTTON, name("Create playground")).click();

    assertThat(admin.getByRole(AriaRole.ALERT))
        .hasText("The playground was not created: please fix what is marked below.");
    Locator embedCode = model(admin, "Model A").getByLabel("Embed code or agent id");
    assertThat(embedCode).hasClass(Pattern.compile("\\bis-invalid\\b"));
    assertThat(embedCode).hasValue(hostile);
    assertThat(model(admin, "Model A").locator(".invalid-feedback"))
        .hasText(
            "Only the ElevenLabs widget script may be included, not"
                + " https://evil.example/widget.js.");
    assertThat(admin.getByLabel("Name", exact())).hasValue(name);
    assertThat(model(admin, "Model A").getByLabel("Name (never shown to testers)"))
        .hasValue("Booking bot, long prompt");
    assertThat(model(admin, "Model B").getByLabel("Embed code or agent id"))
        .hasValue(BARE_AGENT_ID);
    assertThat(model(admin, "Model B").getByLabel("Embed code or agent id"))
        .not()
        .hasClass(Pattern.compile("\\bis-invalid\\b"));
    assertThat(model(admin, "Model B").getByLabel("Evaluations wanted")).hasValue("25");
    journey.step(admin, "an invalid embed code refused at its field");
    assertThat(
            database
                .sql("SELECT count(*) FROM playgrounds WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  @Order(3)
  void thePreviewSaysWhetherEachModelsWidgetLoadsAndWhyNotInWordsAnAdminCanActOn(Journey journey) {
    // Chromium logs each refused request; the widget logs that it had no configuration.
    journey.allowConsoleErrors("status of (403|404|500)");
    journey.allowConsoleErrors("ERR_CONNECTION_FAILED");
    journey.allowConsoleErrors("Cannot fetch config for agent");
    Page admin = journey.page();
    String email = journey.signInAsNewAdmin(admin);
    UUID owner =
        database
            .sql("SELECT id FROM users WHERE email = ?")
            .param(email)
            .query(UUID.class)
            .single();
    UUID playground = new Fixtures(database).playground(owner, "ab_testing", true, null);
    String agent = "agent_03jwpreviewcheck";
    database
        .sql("UPDATE model_configurations SET embed_code = ? WHERE playground_id = ?")
        .params(agent, playground)
        .update();

    // A pasted user-id is accepted, not used, and the admin is told so.
    admin.navigate("/manage/playgrounds/" + playground);
    Locator modelA = admin.locator("#model-model_a");
    modelA
        .getByLabel("Embed code or agent id")
        .fill(
            "<elevenlabs-convai agent-id=\""
                + agent
                + "\" user-id=\"ann@acme.com\"></elevenlabs-convai>");
    modelA.getByRole(AriaRole.BUTTON, named("Save model")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText(
            "Model A saved. The embed code's user-id is not used: Earshot gives each session's"
                + " widget its own (an opaque reference, never the tester's email), so that every"
                + " call can be found in ElevenLabs by its session.");
    assertThat(admin.locator("#model-model_a"))
        .containsText("Understood: Agent " + agent + " · user-id ignored: Earshot sets its own");
    journey.step(admin, "a pasted user-id is not used");

    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(admin);
    Map<ConfigAnswer, String> said = new LinkedHashMap<>();
    said.put(
        ConfigAnswer.status(
            404, "{\"detail\":{\"status\":\"agent_not_found\",\"message\":\"Agent not found\"}}"),
        "No: ElevenLabs does not know the agent id "
            + agent
            + " (HTTP 404). ElevenLabs said:"
            + " “Agent not found”. Copy the embed code, or the id, again from the agent's Widget"
            + " tab in ElevenLabs.");
    said.put(
        ConfigAnswer.status(403, "{\"detail\":{\"message\":\"Host is not allowed\"}}"),
        "No: ElevenLabs refused this agent's widget to this site (HTTP 403). ElevenLabs said:"
            + " “Host is not allowed”. Either the agent is not public (it asks for"
            + " authentication), or this site, "
            + journey.url("")
            + ", is not on its allow-list: both are in the ElevenLabs agent's Security tab.");
    said.put(
        ConfigAnswer.networkDown(),
        "No: the browser could not reach ElevenLabs (api.us.elevenlabs.io). Check this network");
    said.put(
        ConfigAnswer.status(500, "Internal Server Error"),
        "No: ElevenLabs answered with an error (HTTP 500). Try again in a few minutes.");
    said.put(
        ConfigAnswer.status(200, "{\"widget_config\": "),
        "No: ElevenLabs' answer was not this agent's widget settings (HTTP 200).");
    said.put(ConfigAnswer.widget(), "Yes: the widget loaded, as it will for testers.");
    for (Map.Entry<ConfigAnswer, String> answer : said.entrySet()) {
      elevenLabs.answerConfig(agent, answer.getKey());
      admin.navigate("/manage/playgrounds/" + playground + "/preview?model=model_a");
      assertThat(admin.locator(".widget-check")).containsText(answer.getValue());
      assertThat(ElevenLabsInBrowser.policyViolations(admin)).isEmpty();
      if (answer.getKey().status() == 403 || answer.getKey().body() == null) {
        journey.step(admin, "the preview checks the widget: " + answer.getKey().status());
      }
    }
    assertThat(ElevenLabsInBrowser.widgetButton(admin, "Start a call")).isVisible();
    assertThat(sessionsIn(playground)).as("a preview opens no session").isZero();
  }

  // --- the admin's steps ----------------------------------------------------------------------

  private static void fillModel(
      Page admin, String legend, String name, String embedCode, String max) {
    Locator model = model(admin, legend);
    model.getByLabel("Name (never shown to testers)").fill(name);
    model.getByLabel("Embed code or agent id").fill(embedCode);
    model.getByLabel("Evaluations wanted").fill(max);
  }

  private static void addQuestion(
      Journey journey,
      Page admin,
      String text,
      String answeredBy,
      String askedAbout,
      boolean required) {
    admin.locator("summary").getByText("Add a question", exactText()).click();
    Locator adding = addQuestionForm(admin);
    adding.getByLabel("Question", exactly()).fill(text);
    adding.getByLabel("Answered by").selectOption(new SelectOption().setLabel(answeredBy));
    adding.getByLabel(askedAbout, exactly()).check();
    adding.getByLabel("Required", exactly()).setChecked(required);
    // Options belong to a choice only.
    assertThat(adding.getByRole(AriaRole.GROUP, named("Options (for a choice)"))).isHidden();
    journey.step(admin, "adding " + answeredBy + " for " + askedAbout);
    adding.getByRole(AriaRole.BUTTON, named("Add question")).click();
    assertThat(questionItem(admin, text)).isVisible();
  }

  private static void assertPreview(
      Page admin, String letter, String agentId, String first, String second, String absent) {
    assertThat(admin).hasURL(Pattern.compile(".*/preview\\?model=model_" + letter.toLowerCase()));
    assertThat(
            admin.getByText(
                "Preview of model "
                    + letter
                    + " as a tester sees it: nothing you do here is saved or counted."))
        .isVisible();
    assertThat(heading(admin, "Agent 1 of 2")).isVisible();
    assertThat(heading(admin, "Your scenario")).isVisible();
    assertThat(admin.getByText("Book a table for two on Friday at 8 pm.")).isVisible();
    Locator widget = admin.locator("elevenlabs-convai");
    assertThat(widget).hasCount(1);
    assertThat(widget).hasAttribute("agent-id", agentId);
    assertThat(widget.evaluate("element => element.getAttributeNames()"))
        .as("the canonical element: built from what was understood")
        .isEqualTo(List.of("agent-id", "placement", "user-id"));
    assertThat(widget).hasAttribute("user-id", "earshot-preview");
    assertThat(admin.locator("script[src='" + WidgetSettings.PINNED_SCRIPT_URL + "']"))
        .hasAttribute("integrity", WidgetSettings.PINNED_INTEGRITY);
    // Not the script of the pasted snippet.
    assertThat(admin.locator("script[src$='convai-widget-embed'], .support-text script"))
        .hasCount(0);
    assertThat(ElevenLabsInBrowser.widgetButton(admin, "Start a call")).isVisible();
    assertThat(admin.locator(".widget-check"))
        .containsText("Yes: the widget loaded, as it will for testers.");
    assertThat(ElevenLabsInBrowser.policyViolations(admin)).isEmpty();
    Locator legends = admin.getByRole(AriaRole.FORM, name("Your answers")).locator("legend");
    assertQuestions(legends, "1. " + first, "2. " + second);
    assertThat(admin.getByText(absent)).hasCount(0);
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Submit (not in a preview)"))).isDisabled();
  }

  /** The form's questions, in this order, and no others. */
  private static void assertQuestions(Locator legends, String... questions) {
    assertThat(legends).hasCount(questions.length);
    assertThat(legends).containsText(questions);
  }

  // --- what the admin sees ----------------------------------------------------------------------

  private static Locator heading(Page page, String text) {
    return page.getByRole(AriaRole.HEADING, name(text));
  }

  private static Locator inNavigation(Page page, String link) {
    return page.getByRole(AriaRole.NAVIGATION, name("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link).setExact(true));
  }

  private static Locator badges(Page admin) {
    return admin.locator("main h1 ~ .badge");
  }

  private static Locator model(Page admin, String legend) {
    return admin.getByRole(AriaRole.GROUP, name(legend).setExact(true));
  }

  private static Locator modelSection(Page admin, String heading) {
    return admin
        .locator("section")
        .filter(new Locator.FilterOptions().setHas(heading(admin, heading)));
  }

  private static Locator addQuestionForm(Page admin) {
    return admin
        .locator("details")
        .filter(
            new Locator.FilterOptions()
                .setHas(admin.locator("summary").getByText("Add a question", exactText())));
  }

  private static Locator optionLabel(Locator form, int number) {
    return form.getByLabel("Option " + number + " label", exactly());
  }

  private static Locator optionValue(Locator form, int number) {
    return form.getByLabel("Option " + number + " value", exactly());
  }

  private static Locator questionTitles(Page admin) {
    return admin.locator("#question-list > li strong");
  }

  private static Locator questionItem(Page admin, String text) {
    return admin
        .locator("#question-list > li")
        .filter(new Locator.FilterOptions().setHas(admin.locator("strong").getByText(text)));
  }

  private static Locator previewLegends(Page admin, String letter) {
    return admin
        .locator(".form-preview")
        .filter(new Locator.FilterOptions().setHasText("Form for model " + letter))
        .locator("legend");
  }

  private static double bottomOf(Locator item) {
    return item.boundingBox().height - 5;
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  private static Locator.GetByRoleOptions named(String name) {
    return new Locator.GetByRoleOptions().setName(name);
  }

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static Locator.GetByLabelOptions exactly() {
    return new Locator.GetByLabelOptions().setExact(true);
  }

  private static Locator.GetByTextOptions exactText() {
    return new Locator.GetByTextOptions().setExact(true);
  }

  // --- what the database holds ------------------------------------------------------------------

  private Map<String, Object> playgroundRow(UUID playground) {
    return database
        .sql(
            """
            SELECT p.name, p.type::text AS type, p.is_active, p.support_text,
                   p.restricted_emails::text AS restricted_emails, u.email AS owner
            FROM playgrounds p JOIN users u ON u.id = p.created_by WHERE p.id = ?
            """)
        .param(playground)
        .query()
        .singleRow();
  }

  /** Each model: key, name, embed code, limit, and its counter. */
  private List<List<Object>> models(UUID playground) {
    return database
        .sql(
            """
            SELECT m.model_key, m.model_name, m.embed_code, m.max_evaluations, c.current_count
            FROM model_configurations m
            JOIN evaluation_counters c
              ON c.playground_id = m.playground_id AND c.model_key = m.model_key
            WHERE m.playground_id = ? ORDER BY m.model_key
            """)
        .param(playground)
        .query(
            (rs, row) ->
                List.<Object>of(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)))
        .list();
  }

  private List<List<Object>> questions(UUID playground) {
    return database
        .sql(
            """
            SELECT question_text, question_type::text AS type,
                   coalesce(model_key, 'both') AS asked_about, required
            FROM questions WHERE playground_id = ? ORDER BY order_index
            """)
        .param(playground)
        .query(
            (rs, row) ->
                List.<Object>of(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
        .list();
  }

  private UUID questionId(UUID playground, String text) {
    return database
        .sql("SELECT id FROM questions WHERE playground_id = ? AND question_text = ?")
        .params(playground, text)
        .query(UUID.class)
        .single();
  }

  private List<UUID> order(UUID playground) {
    return database
        .sql("SELECT id FROM questions WHERE playground_id = ? ORDER BY order_index")
        .param(playground)
        .query(UUID.class)
        .list();
  }

  private long sessionsIn(UUID playground) {
    return database
        .sql("SELECT count(*) FROM evaluation_sessions WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  private List<String> auditActions(UUID playground) {
    return database
        .sql("SELECT action FROM audit_log WHERE playground_id = ? ORDER BY created_at, id")
        .param(playground)
        .query(String.class)
        .list();
  }
}
