package com.earshot.invitation;

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
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reaching testers, as an admin and two testers do it in Chromium: the admin copies the tester link
 * and invites two testers by email; each follows the link in the mail the SMTP server received,
 * signs in and lands on the playground; one goes through Agent 1 → Agent 2 (ElevenLabs' published
 * widget, answered by {@link ElevenLabsInBrowser}) to "Round complete", the other, on a phone, only
 * starts; the admin reads who got how far. Every page passes axe-core.
 */
@BrowserJourney
class InvitationJourneyTests {

  private static final String NATURAL = "How natural did the agent sound?";

  private final JdbcClient database = TestDatabase.superuserJdbc();
  private final Fixtures fixtures = new Fixtures(database);

  @Test
  void anAdminInvitesTwoTestersWhoFollowTheMailedLinkAndReadsWhoFinished(Journey journey) {
    // The malformed address comes back as a 400 page, which Chromium logs.
    journey.allowConsoleErrors("status of 400");
    UUID owner = fixtures.admin("inviter");
    UUID playground = playground(owner);
    String link = MailInbox.BASE_URL + "/playgrounds/" + playground;
    Page admin = journey.page();
    admin.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
    journey.signIn(admin, fixtures.emailOf(owner));

    // The tester link, on the playground's page, copied with one click.
    admin.navigate("/manage/playgrounds/" + playground);
    Locator testerLink = admin.getByLabel("Tester link");
    assertThat(testerLink).hasValue(link);
    admin.getByRole(AriaRole.BUTTON, name("Copy tester link")).click();
    assertThat(admin.locator(".copy-status")).hasText("Copied the tester link.");
    assertThat(admin.evaluate("navigator.clipboard.readText()")).isEqualTo(link);
    admin.locator("#testers").scrollIntoViewIfNeeded();
    journey.step(admin, "the admin copies the tester link");
    assertThat(Axe.violations(admin)).isEmpty();

    // Two testers invited by email.
    admin.getByRole(AriaRole.LINK, name("Invite by email and see who finished")).click();
    assertThat(admin.getByRole(AriaRole.HEADING, name("Invitations"))).isVisible();
    assertThat(admin.getByText("Nobody is invited yet.")).isVisible();
    journey.step(admin, "the invitations page, nobody invited yet");
    assertThat(Axe.violations(admin)).isEmpty();
    String ann = Fixtures.uniqueEmail("ann");
    String ben = Fixtures.uniqueEmail("ben");
    admin.getByLabel("Email addresses").fill(ann + "\n" + ben + ", not-an-address");
    admin.getByRole(AriaRole.BUTTON, name("Send invitations")).click();
    assertThat(admin.locator("#emails-error"))
        .hasText("Not an email address: not-an-address. Nothing was sent.");
    assertThat(admin.getByLabel("Email addresses")).hasValue(ann + "\n" + ben + ", not-an-address");
    journey.step(admin, "a malformed address named, nothing sent");
    assertThat(Axe.violations(admin)).isEmpty();
    admin.getByLabel("Email addresses").fill(ann + "\n" + ben);
    admin.getByRole(AriaRole.BUTTON, name("Send invitations")).click();
    assertThat(admin.getByRole(AriaRole.STATUS).getByText("Invited 2 testers.")).isVisible();
    assertThat(admin.locator("#invitation-counts")).hasText("2 invited · 0 started · 0 finished");
    journey.step(admin, "two testers invited");
    assertThat(Axe.violations(admin)).isEmpty();

    // Ann follows the mailed link, signs in and lands on the playground.
    Page tester = journey.anotherBrowser();
    followInvitation(journey, tester, ann, playground, "ann");
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();

    // Agent 1, then Agent 2: the stepper says where she is.
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    assertThat(tester.locator("ol.stepper [aria-current=step]")).containsText("Agent 1");
    elevenLabs.startCall(tester);
    elevenLabs.endCall(tester);
    tester.getByLabel("Very natural").check();
    journey.step(tester, "ann talks to agent 1");
    assertThat(Axe.violations(tester)).isEmpty();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.locator(".meet-agent-2"))
        .containsText("Now meet Agent 2 of 2. It is a different agent from Agent 1");
    assertThat(tester.locator("ol.stepper [aria-current=step]")).containsText("Agent 2");
    assertThat(tester.locator("ol.stepper li").first()).containsText("(done)");
    journey.step(tester, "ann meets agent 2");
    assertThat(Axe.violations(tester)).isEmpty();
    elevenLabs.startCall(tester);
    elevenLabs.endCall(tester);
    tester.getByLabel("Robotic").check();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground));
    assertThat(tester.getByRole(AriaRole.STATUS))
        .containsText("Round complete — you may do another round.");
    assertThat(tester.locator("ol.stepper [aria-current=step]")).containsText("Done");
    assertThat(tester.getByRole(AriaRole.BUTTON, name("Start another round"))).isVisible();
    journey.step(tester, "ann's round complete");
    assertThat(Axe.violations(tester)).isEmpty();

    // Ben, on his phone, follows his link and meets Agent 1, no further.
    Page phone = journey.phone();
    followInvitation(journey, phone, ben, playground, "ben");
    phone.getByRole(AriaRole.BUTTON, name("Start")).click();
    assertThat(phone.locator("ol.stepper [aria-current=step]")).containsText("Agent 1");
    assertThat(fitsTheScreenWidth(phone)).as("the stepper fits a phone").isTrue();
    assertThat(
            phone.evaluate(
                "new Set([...document.querySelectorAll('ol.stepper li')]"
                    + ".map(step => step.getBoundingClientRect().top)).size"))
        .as("the three steps on one line")
        .isEqualTo(1);
    journey.step(phone, "ben meets agent 1 on his phone");
    assertThat(Axe.violations(phone)).isEmpty();

    // The admin reads who got how far, on the desktop and on a phone.
    admin.reload();
    assertThat(admin.locator("#invitation-counts")).hasText("2 invited · 2 started · 1 finished");
    assertThat(row(admin, ann).locator("td")).containsText(new String[] {ann, "Yes", "Yes"});
    assertThat(row(admin, ben).locator("td")).containsText(new String[] {ben, "Yes", "Not yet"});
    assertThat(admin.getByRole(AriaRole.BUTTON, name("Remind the 1 who have not finished")))
        .isVisible();
    journey.step(admin, "the admin reads who finished");
    assertThat(Axe.violations(admin)).isEmpty();
    Page adminPhone = journey.phone();
    journey.signIn(adminPhone, fixtures.emailOf(owner));
    adminPhone.navigate("/manage/playgrounds/" + playground + "/invitations");
    assertThat(adminPhone.locator("#invitation-counts"))
        .hasText("2 invited · 2 started · 1 finished");
    journey.step(adminPhone, "the admin reads who finished on a phone");
    assertThat(Axe.violations(adminPhone)).isEmpty();
    adminPhone.navigate("/manage/playgrounds/" + playground);
    adminPhone.locator("#testers").scrollIntoViewIfNeeded();
    assertThat(adminPhone.getByLabel("Tester link")).hasValue(link);
    journey.step(adminPhone, "the tester link on a phone");
  }

  /**
   * The tester opens the link in the invitation mail (signed out), signs in with the link that
   * arrives next, and lands on the playground.
   */
  private void followInvitation(
      Journey journey, Page tester, String email, UUID playground, String who) {
    String invitation = MailInbox.to(email).get(0).text();
    assertThat(invitation).contains(MailInbox.BASE_URL + "/playgrounds/" + playground);
    tester.navigate("/playgrounds/" + playground);
    assertThat(tester).hasURL(Pattern.compile(".*/login$"));
    journey.step(tester, who + " follows the invitation to the sign-in page");
    assertThat(Axe.violations(tester)).isEmpty();
    tester.getByLabel("Email address").fill(email);
    tester.getByRole(AriaRole.BUTTON, name("Email me a sign-in link")).click();
    assertThat(tester.getByRole(AriaRole.HEADING, name("Check your inbox"))).isVisible();
    String signIn = MailInbox.signInPathFor(email);
    assertThat(signIn).endsWith("&next=/playgrounds/" + playground);
    tester.navigate(signIn);
    tester.getByRole(AriaRole.BUTTON, name("Sign in")).click();
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground));
    assertThat(tester.getByRole(AriaRole.HEADING, name(nameOf(playground)))).isVisible();
    journey.step(tester, who + " lands on the playground");
    assertThat(Axe.violations(tester)).isEmpty();
  }

  /** An active, public A/B playground of {@code owner} with one question about both agents. */
  private UUID playground(UUID owner) {
    UUID id = fixtures.playground(owner, "ab_testing", true, null);
    database
        .sql("UPDATE playgrounds SET name = ?, support_text = ? WHERE id = ?")
        .params(
            "Hotel check-in " + id.toString().substring(0, 8),
            "<h2>Your scenario</h2><p>Check in for two nights from Friday.</p>",
            id)
        .update();
    database
        .sql(
            """
            UPDATE model_configurations SET embed_code = 'agent_' || model_key || '_checkin'
            WHERE playground_id = ?
            """)
        .param(id)
        .update();
    database
        .sql(
            """
            INSERT INTO questions
              (playground_id, model_key, question_text, question_type, options, required, order_index)
            VALUES (?, NULL, ?, 'select',
                    '[{"label":"Very natural","value":"very_natural"},{"label":"Robotic","value":"robotic"}]',
                    true, 0)
            """)
        .params(id, NATURAL)
        .update();
    return id;
  }

  private String nameOf(UUID playground) {
    return database
        .sql("SELECT name FROM playgrounds WHERE id = ?")
        .param(playground)
        .query(String.class)
        .single();
  }

  private static Locator row(Page admin, String email) {
    return admin
        .locator("#invitees tbody tr")
        .filter(new Locator.FilterOptions().setHasText(email));
  }

  private static boolean fitsTheScreenWidth(Page page) {
    return (Boolean)
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }
}
