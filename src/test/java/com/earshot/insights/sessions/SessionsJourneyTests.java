package com.earshot.insights.sessions;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.ConversationRows;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An admin goes from the Insights page to the playground's sessions, to one tester's sessions, and
 * to a session whose transcript is hostile: the agent's words hold a script and an image that runs
 * one when it fails to load. They are shown as the text they are and never run. On a desktop and a
 * phone.
 */
@BrowserJourney
class SessionsJourneyTests {

  /** Markup in an agent's turn: if any of it ran, {@code window.pwned} would be set. */
  private static final String HOSTILE =
      "<script>window.pwned = 'script'</script><img src=x onerror=\"window.pwned = 'img'\">"
          + "<b>bold</b>";

  private final Fixtures fixtures = new Fixtures();
  private final ConversationRows conversations = new ConversationRows(fixtures.jdbc());

  @Test
  void anAdminOpensTheSessionsAndReadsAHostileTranscriptAsText(Journey journey) {
    Page admin = journey.page();
    String email = journey.signInAsNewAdmin(admin);
    UUID owner =
        fixtures
            .jdbc()
            .sql("SELECT id FROM users WHERE email = ?")
            .param(email)
            .query(UUID.class)
            .single();
    UUID playground = fixtures.abPlayground(owner);
    UUID ann = fixtures.tester("ann");
    LocalDateTime at = LocalDateTime.of(2026, 11, 25, 10, 5);
    UUID first = fixtures.submittedSession(playground, ann, "model_a", 1, 1, 1, at);
    UUID second = fixtures.submittedSession(playground, ann, "model_b", 1, 2, 1, at.plusMinutes(6));
    fixtures.submittedSession(
        playground, fixtures.tester("bob"), "model_b", 1, 1, 1, at.plusHours(1));
    fixtures
        .jdbc()
        .sql(
            "UPDATE evaluation_sessions SET call_started_at = started_at + interval '30 seconds',"
                + " call_ended_at = started_at + interval '2 minutes' WHERE id IN (?, ?)")
        .params(first, second)
        .update();
    conversations.stored(
        first,
        """
        [{"role": "agent", "message": %s, "time_in_call_secs": 0, "interrupted": false},
         {"role": "user", "message": "Is this the clinic?", "time_in_call_secs": 6, "interrupted": true},
         {"role": "agent", "message": null, "time_in_call_secs": 70, "tool_calls": ["end_call"]}]
        """
            .formatted(
                fixtures
                    .jdbc()
                    .sql("SELECT to_jsonb(?::text)::text")
                    .param(HOSTILE)
                    .query(String.class)
                    .single()),
        true);
    conversations.fetch(first, "done", 1, null);
    conversations.fetch(second, "failed", 8, "500 from ElevenLabs");
    List<String> dialogs = new ArrayList<>();
    admin.onDialog(
        dialog -> {
          dialogs.add(dialog.message());
          dialog.dismiss();
        });

    // Insights › Sessions
    admin.navigate("/manage/playgrounds/" + playground + "/insights");
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sessions").setExact(true))
        .click();
    assertThat(admin).hasURL(journey.url("/manage/playgrounds/" + playground + "/sessions"));
    Locator rows = admin.locator("tr.session-row");
    assertThat(rows).hasCount(3);
    assertThat(rows.nth(1).locator(".session-conversation")).hasText("Fetch failed");
    assertThat(rows.nth(2).locator(".session-duration")).hasText("1:14");
    journey.step(admin, "the playground's sessions");

    // One tester's sessions, from their email
    rows.nth(2).locator("a.session-tester").click();
    assertThat(admin.locator("#tester-heading")).hasText("Sessions of " + fixtures.emailOf(ann));
    assertThat(admin.locator("tr.session-row")).hasCount(2);
    journey.step(admin, "one tester's sessions");

    // The session with the hostile transcript
    admin.locator("tr.session-row").nth(1).locator("a.session-link").click();
    assertThat(admin)
        .hasURL(journey.url("/manage/playgrounds/" + playground + "/sessions/" + first));
    Locator turns = admin.locator("#transcript li");
    assertThat(turns).hasCount(3);
    assertThat(turns.nth(0).locator(".turn-message")).hasText(HOSTILE);
    assertThat(turns.nth(1)).containsText("interrupted");
    assertThat(turns.nth(2)).containsText("Called end_call");
    assertThat(admin.locator("#transcript script, #transcript img, #transcript b")).hasCount(0);
    assertThat(admin.locator("audio[controls]")).hasAttribute("preload", "none");
    journey.step(admin, "a session with a hostile transcript");
    assertThat(admin.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    assertThat(dialogs).isEmpty();

    // The other agent's session of the round, whose fetch failed
    admin.locator("#other-session").click();
    assertThat(admin)
        .hasURL(journey.url("/manage/playgrounds/" + playground + "/sessions/" + second));
    assertThat(admin.locator("#no-conversation")).containsText("Last error: 500 from ElevenLabs");

    // The same pages on a phone
    Page phone = journey.phone();
    journey.signIn(phone, email);
    phone.navigate("/manage/playgrounds/" + playground + "/sessions");
    assertThat(phone.locator("tr.session-row")).hasCount(3);
    journey.step(phone, "the sessions on a phone");
    phone.navigate("/manage/playgrounds/" + playground + "/sessions/" + first);
    assertThat(phone.locator("#transcript li").first().locator(".turn-message")).hasText(HOSTILE);
    journey.step(phone, "the hostile transcript on a phone");
    assertThat(phone.evaluate("() => window.pwned === undefined")).isEqualTo(true);
  }
}
