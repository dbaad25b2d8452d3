package com.earshot;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.Axe;
import com.earshot.support.BrowserJourney;
import com.earshot.support.ElevenLabsInBrowser;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.MailInbox;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole study, as issue 15's "done when" tells it, in Chromium: a new admin creates a tuning
 * playground, fixes what Go live names, goes live, invites two testers by email who each finish an
 * evaluation (ElevenLabs' published widget, answered by {@link ElevenLabsInBrowser}), reads who
 * finished, changes the agent as a named version, and reads version 2 against version 1 once the
 * testers have met it. Every step at desktop and phone widths, with no axe-core violation.
 */
@BrowserJourney
class StudyJourneyTests {

  private static final String QUESTION = "How easy was the booking?";

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  void aNewAdminRunsATuningStudyFromDraftToTheResultOfASecondVersion(Journey journey) {
    // Going live too early answers 409, a new version without its note 400: Chromium logs both.
    journey.allowConsoleErrors("status of 409");
    journey.allowConsoleErrors("status of 400");
    Page admin = journey.page();
    journey.signInAsNewAdmin(admin);
    assertThat(admin.locator("#admin-start")).containsText("To run a study, create a playground");
    both(journey, admin, "a new admin's home says how to start");

    // A tuning playground, created as a draft.
    admin.navigate("/manage/playgrounds/new?type=tuning");
    String name = "Booking agent " + UUID.randomUUID().toString().substring(0, 8);
    admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
    Locator model = admin.getByRole(AriaRole.GROUP, name("The model"));
    model.getByLabel("Name (never shown to testers)").fill("Warm voice");
    model.getByLabel("Embed code or agent id").fill("agent_04studywarm");
    admin.getByRole(AriaRole.BUTTON, name("Create playground")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/manage/playgrounds/[0-9a-f-]{36}$"));
    UUID playground = UUID.fromString(admin.url().substring(admin.url().lastIndexOf('/') + 1));
    assertThat(admin.locator("#playground-status")).hasText("Draft");

    // Go live names what is missing; the admin fixes each.
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    Locator missing = admin.locator("#not-live");
    assertThat(missing.locator("p")).hasText("Not live yet: 2 things are missing.");
    assertThat(missing.getByRole(AriaRole.LINK))
        .hasText(
            new String[] {
              "The model's widget has not been seen to load since its last change: open its"
                  + " preview and wait for \"Yes: the widget loaded\".",
              "The form has no questions: add one."
            });
    both(journey, admin, "go live names what is missing");

    Locator adding =
        admin
            .locator("details")
            .filter(
                new Locator.FilterOptions()
                    .setHas(
                        admin
                            .locator("summary")
                            .getByText(
                                "Add a question", new Locator.GetByTextOptions().setExact(true))));
    adding.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill(QUESTION);
    adding.getByLabel("Answered by").selectOption("rating");
    adding.getByLabel("At 1").fill("very hard");
    adding.getByLabel("At 5").fill("very easy");
    adding
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add question"))
        .click();
    assertThat(admin.locator("#question-list")).containsText(QUESTION);

    missing.getByRole(AriaRole.LINK).first().click();
    assertThat(admin).hasURL(Pattern.compile(".*/preview\\?model=model_a$"));
    assertThat(admin.getByText("Yes:")).isVisible();
    both(journey, admin, "the preview sees the widget load");
    awaitWidgetChecks(playground, 1);
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();
    assertThat(admin.locator(".go-live-checklist .checklist-missing")).hasCount(0);
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    assertThat(admin.locator("#playground-status")).hasText("Live");
    both(journey, admin, "the study is live");

    // Two testers invited by email.
    admin.getByRole(AriaRole.LINK, name("Invite by email and see who finished")).click();
    String ann = Fixtures.uniqueEmail("ann");
    String ben = Fixtures.uniqueEmail("ben");
    admin.getByLabel("Email addresses").fill(ann + "\n" + ben);
    admin.getByRole(AriaRole.BUTTON, name("Send invitations")).click();
    assertThat(admin.getByRole(AriaRole.STATUS).getByText("Invited 2 testers.")).isVisible();
    both(journey, admin, "two testers invited");

    // Each follows the mailed link and evaluates version 1: Ann at a desk, Ben on his phone.
    Page annPage = journey.anotherBrowser();
    followInvitation(journey, annPage, ann, playground, "ann");
    evaluate(journey, annPage, 3, "ann rates version 1");
    Page benPage = journey.phone();
    followInvitation(journey, benPage, ben, playground, "ben");
    evaluate(journey, benPage, 2, "ben rates version 1 on his phone");

    // The admin reads who finished.
    admin.reload();
    assertThat(admin.locator("#invitation-counts")).hasText("2 invited · 2 started · 2 finished");
    both(journey, admin, "the admin reads who finished");

    // The agent changed in ElevenLabs: a named version with its note (refused without one).
    admin.navigate("/manage/playgrounds/" + playground);
    admin.getByRole(AriaRole.LINK, name("New version")).click();
    admin.getByLabel("Name (never shown to testers)").fill("Warmer voice");
    admin.getByLabel("Prompt").check();
    admin.locator("#start-version").click();
    assertThat(admin.locator("#not-saved")).isVisible();
    assertThat(admin.getByLabel("Change note (required)")).isFocused();
    assertThat(admin.getByLabel("Name (never shown to testers)")).hasValue("Warmer voice");
    both(journey, admin, "a new version needs its note");
    admin.getByLabel("Change note (required)").fill("A shorter greeting and a warmer voice.");
    admin.locator("#start-version").click();
    // it lands on the version history, the new version on top
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Version 2 started: testers meet it from now on.");
    assertThat(admin.locator("main")).containsText("A shorter greeting and a warmer voice.");
    assertThat(admin.locator("main")).containsText("Version 1 · Warm voice");
    both(journey, admin, "the version history");

    // Both meet version 2, without being told the agent may have changed right after submitting.
    annPage.reload();
    annPage.getByRole(AriaRole.BUTTON, name("Evaluate again")).click();
    evaluate(journey, annPage, 5, "ann rates version 2");
    benPage.reload();
    benPage.getByRole(AriaRole.BUTTON, name("Evaluate again")).click();
    evaluate(journey, benPage, 4, "ben rates version 2 on his phone");

    // The result: version 2 against version 1, each under the name it had.
    admin.navigate("/manage/playgrounds/" + playground + "/insights");
    Locator lead = admin.locator("#tuning-lead");
    assertThat(lead.locator("#tuning-title")).hasText("Version 2 against version 1");
    Locator table = lead.locator("[data-table=current-vs-previous]");
    assertThat(table.locator("th[data-version=previous]")).containsText("Warm voice");
    assertThat(table.locator("th[data-version=current]")).containsText("Warmer voice (current)");
    assertThat(table.locator("[data-row=sessions] td"))
        .hasText(new String[] {"2", "2"}); // previous, then current
    assertThat(table.locator("tr:has-text('" + QUESTION + "') [data-part=mean]"))
        .hasText(new String[] {"2.50", "4.50"});
    assertThat(lead).containsText("1 very hard … 5 very easy");
    both(journey, admin, "the admin reads version 2 against version 1");
  }

  /** Starts an evaluation, talks to the agent through the widget, rates it and submits. */
  private static void evaluate(Journey journey, Page tester, int rating, String step) {
    Locator start = tester.getByRole(AriaRole.BUTTON, name("Start"));
    if (start.count() > 0) {
      start.click();
    }
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    elevenLabs.startCall(tester);
    elevenLabs.endCall(tester);
    tester
        .locator(".rating-scale label")
        .getByText(String.valueOf(rating), new Locator.GetByTextOptions().setExact(true))
        .click();
    assertThat(tester.locator(".rating-ends")).hasText("1 very hard5 very easy");
    journey.step(tester, step);
    assertThat(Axe.violations(tester)).isEmpty();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.getByRole(AriaRole.STATUS)).containsText("Your answers are saved.");
    assertThat(tester.locator("main")).not().containsText("The agent may have changed");
    journey.step(tester, step + ": saved");
    assertThat(Axe.violations(tester)).isEmpty();
  }

  /**
   * The tester opens the link in the invitation mail (signed out), signs in with the link that
   * arrives next, and lands on the playground.
   */
  private static void followInvitation(
      Journey journey, Page tester, String email, UUID playground, String who) {
    assertThat(MailInbox.to(email).get(0).text())
        .contains(MailInbox.BASE_URL + "/playgrounds/" + playground);
    tester.navigate("/playgrounds/" + playground);
    assertThat(tester).hasURL(Pattern.compile(".*/login$"));
    tester.getByLabel("Email address").fill(email);
    tester.getByRole(AriaRole.BUTTON, name("Email me a sign-in link")).click();
    tester.navigate(MailInbox.signInPathFor(email));
    tester.getByRole(AriaRole.BUTTON, name("Sign in")).click();
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground));
    journey.step(tester, who + " lands on the playground from the invitation");
    assertThat(Axe.violations(tester)).isEmpty();
  }

  /** A step at desktop width and at phone width, each without an axe-core violation. */
  private static void both(Journey journey, Page page, String step) {
    journey.step(page, step);
    assertThat(Axe.violations(page)).as("axe on \"%s\"", step).isEmpty();
    page.setViewportSize(Journey.PHONE_WIDTH, Journey.PHONE_HEIGHT);
    journey.step(page, step + " (phone)");
    assertThat(Axe.violations(page)).as("axe on \"%s\" (phone)", step).isEmpty();
    page.setViewportSize(Journey.DESKTOP_WIDTH, Journey.DESKTOP_HEIGHT);
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

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }
}
