package com.earshot.playground;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.Axe;
import com.earshot.support.BrowserJourney;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A study's life in Chromium (issue 15 §1, §5): a new admin creates an A/B test, reads what Go live
 * says is missing, adds a question, previews both agents (ElevenLabs' published widget, as {@code
 * ElevenLabsInBrowser} answers it), goes live, a tester sees it, the admin pauses and closes it
 * through its confirmation, deletes it, and a second confirmation says it is already deleted. Every
 * page at desktop and phone widths, with no axe-core violation.
 */
@BrowserJourney
class LifecycleJourneyTests {

  private static final String QUESTION = "How easy was the booking?";

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  void aNewAdminTakesAPlaygroundFromDraftToLiveToClosedAndDeletesIt(Journey journey) {
    // Going live too early answers 409, deleting twice 410: Chromium logs both.
    journey.allowConsoleErrors("status of 409");
    journey.allowConsoleErrors("status of 410");
    Page admin = journey.page();
    journey.signInAsNewAdmin(admin);
    String name = "Booking study " + UUID.randomUUID().toString().substring(0, 8);

    admin.navigate("/manage/playgrounds/new?type=ab_testing");
    admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
    fillModel(admin, "Model A", "Long prompt", "agent_04lifecyclelong");
    fillModel(admin, "Model B", "Short prompt", "agent_04lifecycleshort");
    admin.getByRole(AriaRole.BUTTON, name("Create playground")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/manage/playgrounds/[0-9a-f-]{36}$"));
    UUID playground = UUID.fromString(admin.url().substring(admin.url().lastIndexOf('/') + 1));
    assertThat(admin.locator("#playground-status")).hasText("Draft");
    assertThat(admin.locator("#lifecycle")).containsText("Testers cannot see it yet.");
    journey.stepAtBothWidths(admin, "a new playground is a draft");

    // Go live too early: every missing item named, each a link to where it is fixed.
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    Locator missing = admin.locator("#not-live");
    assertThat(missing.locator("p")).hasText("Not live yet: 4 things are missing.");
    assertThat(missing.getByRole(AriaRole.LINK))
        .hasText(
            new String[] {
              "Model A's widget has not been seen to load since its last change: open its preview"
                  + " and wait for \"Yes: the widget loaded\".",
              "Model B's widget has not been seen to load since its last change: open its preview"
                  + " and wait for \"Yes: the widget loaded\".",
              "Model A's form has no questions: add one for both models or for Model A.",
              "Model B's form has no questions: add one for both models or for Model B."
            });
    journey.stepAtBothWidths(admin, "go live names what is missing");

    // A question asked about both models fills both forms.
    // (with no question yet, the builder's form is open already)
    Locator adding =
        admin
            .locator("details")
            .filter(
                new Locator.FilterOptions()
                    .setHas(admin.locator("summary").getByText("Add a question", exactText())));
    adding.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill(QUESTION);
    adding.getByLabel("Answered by").selectOption(new SelectOption().setLabel("Rating 1–5"));
    adding.getByLabel("Both models", new Locator.GetByLabelOptions().setExact(true)).check();
    adding
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add question"))
        .click();
    assertThat(admin.locator("#question-list")).containsText(QUESTION);

    // The checklist's link opens the preview, where ElevenLabs' widget loads.
    missing.getByRole(AriaRole.LINK).first().click();
    assertThat(admin).hasURL(Pattern.compile(".*/preview\\?model=model_a$"));
    assertThat(admin.getByText("Yes:")).isVisible();
    journey.stepAtBothWidths(admin, "the preview sees model A's widget load");
    awaitWidgetChecks(playground, 1);
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();
    admin.getByRole(AriaRole.LINK, name("Preview as tester: B")).click();
    assertThat(admin.getByText("Yes:")).isVisible();
    awaitWidgetChecks(playground, 2);
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();

    // Everything done: it goes live, and a tester sees it.
    assertThat(admin.locator(".go-live-checklist .checklist-missing")).hasCount(0);
    journey.stepAtBothWidths(admin, "the checklist complete");
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Live: testers can see the playground now.");
    assertThat(admin.locator("#playground-status")).hasText("Live");
    journey.stepAtBothWidths(admin, "the playground is live");

    Page tester = journey.phone();
    Fixtures fixtures = new Fixtures();
    journey.signIn(tester, fixtures.emailOf(fixtures.tester("lifecycle-tester")));
    tester.navigate("/");
    assertThat(tester.getByRole(AriaRole.LINK, name(name))).isVisible();
    journey.step(tester, "a tester sees the live playground");
    assertThat(Axe.violations(tester)).isEmpty();

    // Paused: the tester no longer finds it.
    admin.getByRole(AriaRole.BUTTON, name("Pause")).click();
    assertThat(admin.locator("#playground-status")).hasText("Paused");
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Resume"))).isVisible();
    journey.stepAtBothWidths(admin, "the playground is paused");
    tester.reload();
    assertThat(tester.getByRole(AriaRole.LINK, name(name))).hasCount(0);

    // Closing asks first, saying what it means.
    admin.getByRole(AriaRole.LINK, name("Close…")).click();
    assertThat(admin.getByRole(AriaRole.HEADING, name("Close “" + name + "”?"))).isVisible();
    assertThat(admin.locator("main"))
        .containsText(
            "A closed playground cannot be reopened: to run another round, duplicate it.");
    journey.stepAtBothWidths(admin, "closing asks first");
    admin.getByRole(AriaRole.BUTTON, name("Close the playground")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Closed: testers no longer see the playground. Every answer is kept.");
    assertThat(admin.locator("#playground-status")).hasText("Closed");
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Go live"))).hasCount(0);
    journey.stepAtBothWidths(admin, "the playground is closed");
    assertThat(status(playground)).isEqualTo("closed");

    // Nobody answered, so it may be deleted, after a confirmation; confirming again says it is
    // gone.
    admin.getByRole(AriaRole.LINK, name("Delete playground…")).click();
    assertThat(admin.getByRole(AriaRole.HEADING, name("Delete “" + name + "”?"))).isVisible();
    journey.stepAtBothWidths(admin, "deleting asks first");
    // the same confirmation, open in a second tab
    Page again = admin.context().newPage();
    again.navigate(admin.url());
    admin.getByRole(AriaRole.BUTTON, name("Delete the playground")).click();
    assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Playground deleted.");
    again.getByRole(AriaRole.BUTTON, name("Delete the playground")).click();
    assertThat(again.getByRole(AriaRole.HEADING, name("Already deleted"))).isVisible();
    assertThat(again.locator("main")).containsText("This playground was already deleted, on ");
    journey.stepAtBothWidths(again, "a second confirmation says it is already deleted");
  }

  /** The preview reports a loaded widget in the background: wait for its row. */
  private void awaitWidgetChecks(UUID playground, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (checks(playground) < count && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(checks(playground)).isEqualTo(count);
  }

  private long checks(UUID playground) {
    return database
        .sql("SELECT count(*) FROM widget_checks WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  private String status(UUID playground) {
    return database
        .sql("SELECT status FROM playgrounds WHERE id = ?")
        .param(playground)
        .query(String.class)
        .single();
  }

  private static void fillModel(Page admin, String legend, String name, String agentId) {
    Locator model = admin.getByRole(AriaRole.GROUP, name(legend).setExact(true));
    model.getByLabel("Name (never shown to testers)").fill(name);
    model.getByLabel("Embed code or agent id").fill(agentId);
    model.getByLabel("Evaluations wanted").fill("20");
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  private static Locator.GetByTextOptions exactText() {
    return new Locator.GetByTextOptions().setExact(true);
  }
}
