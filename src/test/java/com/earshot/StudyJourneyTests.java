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
import com.microsoft.playwright.options.SelectOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole study, as issue 15's "Done when" tells it, in Chromium: a new admin creates a tuning
 * playground, fixes what Go live names, goes live, invites two testers by email who each finish an
 * evaluation (one at a desktop, one on a phone, each through ElevenLabs' published widget as {@link
 * ElevenLabsInBrowser} answers it), reads who finished, starts version 2 with a change note, both
 * testers evaluate again, and the admin reads version 2 against version 1 on Insights. Every step
 * at desktop and phone widths, every page without an axe-core violation.
 */
@BrowserJourney
class StudyJourneyTests {

  private static final String QUESTION = "How easy was it to book the table?";

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  void aNewAdminRunsATuningStudyFromDraftToTheResultOfItsSecondVersion(Journey journey) {
    // A refused Go live answers 409 and a refused new version 400: Chromium logs both.
    journey.allowConsoleErrors("status of 409");
    journey.allowConsoleErrors("status of 400");
    String ann = Fixtures.uniqueEmail("ann");
    String ben = Fixtures.uniqueEmail("ben");
    String name = "Table booking " + UUID.randomUUID().toString().substring(0, 8);

    // A new admin creates a tuning playground for the two testers they will invite.
    Page admin = journey.page();
    journey.signInAsNewAdmin(admin);
    inNavigation(admin, "Manage").click();
    admin.getByRole(AriaRole.LINK, name("New tuning playground")).click();
    admin.getByLabel("Name", exactLabel()).fill(name);
    admin.getByLabel("Name (never shown to testers)").fill("Calm voice");
    admin.getByLabel("Embed code or agent id").fill("agent_07studycalm");
    admin.getByLabel("Who may take part").fill(ann + ", " + ben);
    admin.getByRole(AriaRole.BUTTON, name("Create playground")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/manage/playgrounds/[0-9a-f-]{36}$"));
    UUID playground = UUID.fromString(admin.url().substring(admin.url().lastIndexOf('/') + 1));
    assertThat(admin.locator("#playground-status")).hasText("Draft");
    journey.stepAtBothWidths(admin, "the admin's new tuning playground is a draft");

    // Go live too early: both missing things named.
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    Locator missing = admin.locator("#not-live");
    assertThat(missing.locator("p")).hasText("Not live yet: 2 things are missing.");
    assertThat(missing.getByRole(AriaRole.LINK)).hasCount(2);
    assertThat(missing).containsText("widget has not been seen to load");
    assertThat(missing).containsText("form has no questions");
    journey.stepAtBothWidths(admin, "go live names what is missing");

    // The question, with the words testers read at the ends of its scale.
    Locator adding =
        admin
            .locator("details")
            .filter(
                new Locator.FilterOptions()
                    .setHas(admin.locator("summary").getByText("Add a question", exactText())));
    adding.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill(QUESTION);
    adding.getByLabel("Answered by").selectOption(new SelectOption().setLabel("Rating 1–5"));
    adding.getByLabel("At 1").fill("very hard");
    adding.getByLabel("At 5").fill("very easy");
    adding
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add question"))
        .click();
    assertThat(admin.locator("#question-list")).containsText(QUESTION);
    journey.stepAtBothWidths(admin, "the question is added");

    // The preview sees ElevenLabs' widget load; then nothing is missing and it goes live.
    admin.locator("#not-live").getByRole(AriaRole.LINK).first().click();
    assertThat(admin).hasURL(Pattern.compile(".*/preview\\?model=model_a$"));
    assertThat(admin.getByText("Yes:")).isVisible();
    journey.stepAtBothWidths(admin, "the preview sees the widget load");
    awaitWidgetCheck(playground);
    admin.getByRole(AriaRole.LINK, name("Back to the editor")).click();
    assertThat(admin.locator(".go-live-checklist .checklist-missing")).hasCount(0);
    admin.getByRole(AriaRole.BUTTON, name("Go live")).click();
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Live: testers can see the playground now.");
    assertThat(admin.locator("#playground-status")).hasText("Live");
    journey.stepAtBothWidths(admin, "the playground is live");

    // The testers here call for a second and answer at once; counted as real sessions only when
    // the review's minimums allow that (by default a call under 20 s is left out).
    admin.navigate("/manage/playgrounds/" + playground + "/review");
    admin.getByLabel("Shortest call that counts (seconds)").fill("0");
    admin.getByLabel("Quickest answers that count (seconds after the call)").fill("0");
    admin.getByRole(AriaRole.BUTTON, name("Save")).click();
    assertThat(admin.getByRole(AriaRole.STATUS)).isVisible();
    journey.stepAtBothWidths(admin, "the review minimums are set for one-second calls");

    // Invitations to both testers, by email.
    admin.navigate("/manage/playgrounds/" + playground);
    admin.getByRole(AriaRole.LINK, name("Invite by email and see who finished")).click();
    admin.getByLabel("Email addresses").fill(ann + "\n" + ben);
    admin.getByRole(AriaRole.BUTTON, name("Send invitations")).click();
    assertThat(admin.getByRole(AriaRole.STATUS).getByText("Invited 2 testers.")).isVisible();
    assertThat(admin.locator("#invitation-counts")).hasText("2 invited · 0 started · 0 finished");
    journey.stepAtBothWidths(admin, "two testers invited");

    // Each follows the mailed link and evaluates version 1: Ann at a desktop, Ben on a phone.
    Page annPage = journey.anotherBrowser();
    followInvitation(journey, annPage, ann, playground, "ann");
    evaluate(journey, annPage, 3, "ann evaluates version 1");
    Page benPage = journey.phone();
    followInvitation(journey, benPage, ben, playground, "ben");
    evaluate(journey, benPage, 2, "ben evaluates version 1 on his phone");

    // The admin reads who finished.
    admin.reload();
    assertThat(admin.locator("#invitation-counts")).hasText("2 invited · 2 started · 2 finished");
    assertThat(invitee(admin, ann).locator("td")).containsText(new String[] {ann, "Yes", "Yes"});
    assertThat(invitee(admin, ben).locator("td")).containsText(new String[] {ben, "Yes", "Yes"});
    journey.stepAtBothWidths(admin, "the admin reads who finished");

    // Version 2, on purpose: refused without a note (what was typed kept), then started.
    admin.navigate("/manage/playgrounds/" + playground);
    admin.getByRole(AriaRole.LINK, name("New version")).click();
    admin.getByLabel("Name (never shown to testers)").fill("Warm voice");
    admin.getByLabel("Prompt").check();
    admin.getByRole(AriaRole.BUTTON, name("Start version 2")).click();
    assertThat(admin.locator("#not-saved")).isVisible();
    assertThat(admin.locator("#version-note-error")).isVisible();
    assertThat(admin.getByLabel("Name (never shown to testers)")).hasValue("Warm voice");
    assertThat(admin.getByLabel("Prompt")).isChecked();
    journey.stepAtBothWidths(admin, "a new version without a note is refused");
    admin.getByLabel("Change note (required)").fill("Warmer voice; confirms the time twice.");
    admin.getByRole(AriaRole.BUTTON, name("Start version 2")).click();
    assertThat(admin).hasURL(journey.url("/manage/playgrounds/" + playground + "/versions"));
    assertThat(admin.getByRole(AriaRole.STATUS))
        .hasText("Version 2 started: testers meet it from now on.");
    assertThat(admin.locator(".model-version[data-version='2'] .version-note"))
        .hasText("Warmer voice; confirms the time twice.");
    assertThat(admin.locator(".model-version[data-version='1']")).containsText("Calm voice");
    journey.stepAtBothWidths(admin, "version 2 is started");

    // Both evaluate again, now meeting version 2.
    annPage.reload();
    annPage.getByRole(AriaRole.BUTTON, name("Evaluate again")).click();
    evaluate(journey, annPage, 5, "ann evaluates version 2");
    benPage.reload();
    benPage.getByRole(AriaRole.BUTTON, name("Evaluate again")).click();
    evaluate(journey, benPage, 4, "ben evaluates version 2 on his phone");

    // The result: version 2 against version 1, each under the name it had.
    admin.navigate("/manage/playgrounds/" + playground + "/insights");
    Locator lead = admin.locator("#tuning-lead");
    assertThat(
            lead.getByRole(
                AriaRole.HEADING,
                new Locator.GetByRoleOptions().setName("Version 2 against version 1")))
        .isVisible();
    assertThat(lead.locator("th[data-version=previous]")).containsText("Calm voice");
    assertThat(lead.locator("th[data-version=current]")).containsText("Warm voice");
    assertThat(lead.locator("[data-row=sessions] td")).hasText(new String[] {"2", "2"});
    Locator rating = lead.locator("tr[data-question='" + questionOf(playground) + "']");
    // v1: 3 and 2; v2: 5 and 4
    assertThat(rating.locator("td[data-cell=previous] [data-part=mean]")).hasText("2.50");
    assertThat(rating.locator("td[data-cell=current] [data-part=mean]")).hasText("4.50");
    assertThat(rating.locator("th")).containsText("1 very hard … 5 very easy");
    assertThat(lead.locator("[data-table=trend] tbody tr")).hasCount(2);
    journey.stepAtBothWidths(admin, "the admin reads version 2 against version 1");
  }

  /**
   * The tester starts (or continues) here, talks to the agent, rates it and submits; the page then
   * says the answers are saved, without "the agent may have changed".
   */
  private static void evaluate(Journey journey, Page tester, int rating, String step) {
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    elevenLabs.startCall(tester);
    elevenLabs.endCall(tester);
    assertThat(tester.locator(".rating-ends")).hasText("1 very hard5 very easy");
    tester
        .locator(".rating-scale label")
        .getByText(String.valueOf(rating), new Locator.GetByTextOptions().setExact(true))
        .click();
    journey.step(tester, step);
    assertThat(Axe.violations(tester)).as("axe on \"%s\"", step).isEmpty();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.getByRole(AriaRole.STATUS)).containsText("Your answers are saved.");
    assertThat(tester.locator("main")).not().containsText("may have changed");
    journey.step(tester, step + ": saved");
    assertThat(Axe.violations(tester)).as("axe on \"%s: saved\"", step).isEmpty();
  }

  /**
   * Opens the link in the invitation mail signed out, signs in with the link that arrives next,
   * lands on the playground and presses Start.
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
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
  }

  /** The preview reports a loaded widget in the background: wait for its row. */
  private void awaitWidgetCheck(UUID playground) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (widgetChecks(playground) == 0 && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(widgetChecks(playground)).isEqualTo(1);
  }

  private long widgetChecks(UUID playground) {
    return database
        .sql("SELECT count(*) FROM widget_checks WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  private UUID questionOf(UUID playground) {
    return database
        .sql("SELECT id FROM questions WHERE playground_id = ?")
        .param(playground)
        .query(UUID.class)
        .single();
  }

  private static Locator invitee(Page admin, String email) {
    return admin
        .locator("#invitees tbody tr")
        .filter(new Locator.FilterOptions().setHasText(email));
  }

  private static Locator inNavigation(Page page, String link) {
    return page.getByRole(AriaRole.NAVIGATION, name("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link).setExact(true));
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Page.GetByLabelOptions exactLabel() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static Locator.GetByTextOptions exactText() {
    return new Locator.GetByTextOptions().setExact(true);
  }
}
