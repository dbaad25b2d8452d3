package com.earshot.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.MailInbox;
import com.earshot.support.MailInbox.Mail;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Inviting testers by email, on the server: every address validated, the limit per send, the access
 * list of a restricted playground, no mail twice within a day, the limit per admin, the mail as the
 * SMTP server receives it, one audit row per send, and each invitee's progress.
 */
@EarshotTest
class InvitationWebTests {

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  @Test
  void shouldMailEachTypedAddressTheTesterLinkAndAuditTheSendInOneRow() {
    Person admin = fixtures.adminPerson("inviter");
    UUID playground = fixtures.abPlayground(admin.id());
    String ann = Fixtures.uniqueEmail("ann");
    String bob = Fixtures.uniqueEmail("bob");
    String cy = Fixtures.uniqueEmail("cy");

    MvcTestResult sent =
        invite(admin, playground, ann + ", " + bob.toUpperCase() + "\n\n" + cy + "; " + ann);

    assertThat(sent).hasStatus(302).hasRedirectedUrl(pageOf(playground));
    assertThat(notice(sent)).isEqualTo("Invited 3 testers.");
    for (String email : List.of(ann, bob, cy)) {
      List<Mail> mails = MailInbox.to(email);
      assertThat(mails).as("mail to %s", email).hasSize(1);
      assertThat(mails.get(0).subject())
          .startsWith("You are invited to evaluate a voice agent: Playground ");
      assertThat(mails.get(0).text()).contains(MailInbox.BASE_URL + "/playgrounds/" + playground);
      assertThat(mails.get(0).html())
          .contains("href=\"" + MailInbox.BASE_URL + "/playgrounds/" + playground + "\"");
    }
    assertThat(invited(playground)).containsExactlyInAnyOrder(ann, bob, cy);
    assertThat(AuditRow.find(db, "invitation.send", "playground_id = ?", playground))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.userId()).isEqualTo(admin.id());
              assertThat(row.resourceId()).isEqualTo(playground);
              assertThat(row.newValues())
                  .containsEntry("sent", 3)
                  .containsEntry("not_sent_again", 0)
                  .containsEntry("emails", List.of(ann, bob, cy));
            });

    Document page = Pages.page(mvc.get().uri(pageOf(playground)).with(admin.signedIn()).exchange());
    assertThat(page.select("#invitees tbody tr")).hasSize(3);
    assertThat(page.selectFirst("#invitation-counts").text())
        .isEqualTo("3 invited · 0 started · 0 finished");
  }

  @Test
  void shouldNameEveryMalformedAddressKeepTheTextAndSendNothing() {
    Person admin = fixtures.adminPerson("typo");
    UUID playground = fixtures.abPlayground(admin.id());
    String good = Fixtures.uniqueEmail("good");
    String typed = good + ", not-an-email\nalso@bad, <script>@x.y";

    MvcTestResult refused = invite(admin, playground, typed);

    assertThat(refused).hasStatus(400);
    Document page = Pages.page(refused);
    assertThat(Pages.errorAt(page, "emails"))
        .isEqualTo("Not email addresses: not-an-email, also@bad, <script>@x.y. Nothing was sent.");
    assertThat(page.getElementById("emails").wholeText()).isEqualTo(typed);
    assertThat(Pages.body(refused)).doesNotContain("<script>@");
    assertThat(MailInbox.to(good)).isEmpty();
    assertThat(invited(playground)).isEmpty();
    assertThat(AuditRow.find(db, "invitation.send", "playground_id = ?", playground)).isEmpty();
  }

  @Test
  void shouldRefuseTenThousandAddressesAtOnceAndSendNothing() {
    Person admin = fixtures.adminPerson("bulk");
    UUID playground = fixtures.abPlayground(admin.id());
    String first = Fixtures.uniqueEmail("first-of-many");
    String many =
        first
            + "\n"
            + IntStream.range(1, 10_000)
                .mapToObj(i -> "tester" + i + "@bulk.example.com")
                .collect(Collectors.joining("\n"));

    MvcTestResult refused = invite(admin, playground, many);

    assertThat(refused).hasStatus(400);
    assertThat(Pages.errorAt(Pages.page(refused), "emails"))
        .isEqualTo("At most 200 addresses at once; you entered 10,000. Nothing was sent.");
    assertThat(Pages.page(refused).getElementById("emails").wholeText()).isEqualTo(many);
    assertThat(MailInbox.to(first)).isEmpty();
    assertThat(invited(playground)).isEmpty();
  }

  @Test
  void shouldNotMailARepeatedInvitationAgainWithinADayButAfterIt() {
    Person admin = fixtures.adminPerson("again");
    UUID playground = fixtures.abPlayground(admin.id());
    String ann = Fixtures.uniqueEmail("ann");
    String bob = Fixtures.uniqueEmail("bob");
    String cy = Fixtures.uniqueEmail("cy");
    String dee = Fixtures.uniqueEmail("dee");
    invite(admin, playground, ann + "," + bob + "," + cy);

    MvcTestResult again = invite(admin, playground, ann + "," + bob + "," + cy + "," + dee);

    assertThat(notice(again)).isEqualTo("Invited 1 tester. 3 already invited, not sent again.");
    assertThat(MailInbox.to(ann)).hasSize(1);
    assertThat(MailInbox.to(dee)).hasSize(1);
    MvcTestResult none = invite(admin, playground, ann);
    assertThat(notice(none)).isEqualTo("No invitation sent. 1 already invited, not sent again.");
    assertThat(AuditRow.find(db, "invitation.send", "playground_id = ?", playground))
        .as("a send that mailed nobody changed nothing")
        .hasSize(2);

    db.sql(
            "UPDATE invitations SET last_sent_at = last_sent_at - interval '25 hours' WHERE email = ?")
        .param(ann)
        .update();
    MvcTestResult later = invite(admin, playground, ann);
    assertThat(notice(later)).isEqualTo("Invited 1 tester.");
    assertThat(MailInbox.to(ann)).hasSize(2);
    assertThat(
            db.sql("SELECT times_sent FROM invitations WHERE playground_id = ? AND email = ?")
                .params(playground, ann)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseByNameAddressesARestrictedPlaygroundDoesNotAdmit() {
    Person admin = fixtures.adminPerson("gatekeeper");
    String listed = Fixtures.uniqueEmail("listed");
    String outsider = Fixtures.uniqueEmail("outsider");
    UUID playground =
        fixtures.playground(admin.id(), "ab_testing", true, List.of(listed, "@acme.test"));
    String colleague = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";

    MvcTestResult refused = invite(admin, playground, listed + "\n" + colleague + "\n" + outsider);

    assertThat(refused).hasStatus(400);
    assertThat(Pages.errorAt(Pages.page(refused), "emails"))
        .isEqualTo(
            "Not on this playground's access list, so they could not open it: "
                + outsider
                + ". Add them under “Who may take part” first, or leave them out. Nothing was sent.");
    assertThat(MailInbox.to(listed)).isEmpty();

    MvcTestResult admitted = invite(admin, playground, listed + "\n" + colleague);
    assertThat(notice(admitted)).isEqualTo("Invited 2 testers.");
    assertThat(MailInbox.to(colleague)).hasSize(1);
  }

  @Test
  void shouldInviteTheAddressesOnTheAccessListWithOneButton() {
    Person admin = fixtures.adminPerson("lister");
    String one = Fixtures.uniqueEmail("one");
    String two = Fixtures.uniqueEmail("two");
    UUID playground =
        fixtures.playground(admin.id(), "tuning", true, List.of(one, two, "@acme.test"));
    Document page = Pages.page(mvc.get().uri(pageOf(playground)).with(admin.signedIn()).exchange());
    assertThat(page.text()).contains("Invite the 2 addresses on the access list");

    MvcTestResult sent =
        mvc.post()
            .uri(pageOf(playground) + "/access-list")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();

    assertThat(sent).hasStatus(302);
    assertThat(notice(sent)).isEqualTo("Invited 2 testers.");
    assertThat(invited(playground)).containsExactlyInAnyOrder(one, two);
    assertThat(AuditRow.find(db, "invitation.send_access_list", "playground_id = ?", playground))
        .singleElement()
        .satisfies(row -> assertThat(row.newValues()).containsEntry("sent", 2));

    UUID open = fixtures.abPlayground(admin.id());
    MvcTestResult nothing =
        mvc.post()
            .uri(pageOf(open) + "/access-list")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();
    assertThat(nothing).hasStatus(400);
    assertThat(Pages.text(nothing)).contains("The access list names no single address to invite");
  }

  @Test
  void shouldEscapeThePlaygroundNameInTheMail() {
    Person admin = fixtures.adminPerson("escaper");
    UUID playground = fixtures.abPlayground(admin.id());
    db.sql("UPDATE playgrounds SET name = ? WHERE id = ?")
        .params("<img src=x onerror=alert(1)> & \"Co\"", playground)
        .update();
    String tester = Fixtures.uniqueEmail("reader");

    invite(admin, playground, tester);

    Mail mail = MailInbox.to(tester).get(0);
    assertThat(mail.html())
        .contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;")
        .doesNotContain("<img");
    assertThat(mail.text()).contains("\"<img src=x onerror=alert(1)> & \"Co\"\"");
  }

  @Test
  void shouldLimitHowOftenOneAdminSendsAndSayWhenToTryAgain() {
    Person admin = fixtures.adminPerson("sender");
    UUID playground = fixtures.abPlayground(admin.id());
    for (int i = 0; i < 10; i++) {
      assertThat(invite(admin, playground, Fixtures.uniqueEmail("ok" + i))).hasStatus(302);
    }
    String late = Fixtures.uniqueEmail("late");

    MvcTestResult limited = invite(admin, playground, late);

    assertThat(limited).hasStatus(429);
    assertThat(limited.getResponse().getHeader("Retry-After")).isEqualTo("900");
    assertThat(Pages.errorAt(Pages.page(limited), "emails"))
        .isEqualTo(
            "You have sent many invitations in a short time. Please wait 15 minutes, then send"
                + " these. Nothing was sent.");
    assertThat(Pages.page(limited).getElementById("emails").wholeText()).isEqualTo(late);
    assertThat(MailInbox.to(late)).isEmpty();
    assertThat(invited(playground)).hasSize(10);
    assertThat(AuditRow.find(db, "invitation.rate_limited", "user_id = ?", admin.id())).hasSize(1);
    Person another = fixtures.adminPerson("another-sender");
    UUID theirs = fixtures.abPlayground(another.id());
    assertThat(invite(another, theirs, late)).as("the limit is per admin").hasStatus(302);
  }

  @Test
  void shouldShowEachInviteeInvitedStartedAndFinished() {
    Person admin = fixtures.adminPerson("watcher");
    UUID ab = fixtures.abPlayground(admin.id());
    UUID tester = fixtures.tester("none");
    UUID starter = fixtures.tester("starter");
    UUID halfway = fixtures.tester("halfway");
    UUID finisher = fixtures.tester("finisher");
    invite(
        admin,
        ab,
        String.join(
            ",",
            fixtures.emailOf(tester),
            fixtures.emailOf(starter),
            fixtures.emailOf(halfway),
            fixtures.emailOf(finisher)));
    fixtures.assignedSession(ab, starter, "model_a");
    fixtures.submittedSession(ab, halfway, "model_a");
    fixtures.submittedSession(ab, finisher, "model_a");
    fixtures.submittedSession(ab, finisher, "model_b");

    Document page = Pages.page(mvc.get().uri(pageOf(ab)).with(admin.signedIn()).exchange());

    assertThat(page.selectFirst("#invitation-counts").text())
        .isEqualTo("4 invited · 3 started · 1 finished");
    assertThat(progress(page, fixtures.emailOf(tester))).isEqualTo("Not yet Not yet");
    assertThat(progress(page, fixtures.emailOf(starter))).isEqualTo("Yes Not yet");
    assertThat(progress(page, fixtures.emailOf(halfway)))
        .as("one agent of two")
        .isEqualTo("Yes Not yet");
    assertThat(progress(page, fixtures.emailOf(finisher))).isEqualTo("Yes Yes");
    assertThat(page.text()).contains("Remind the 3 who have not finished");

    UUID tuning = fixtures.playground(admin.id(), "tuning", true, null);
    UUID tuner = fixtures.tester("tuner");
    invite(admin, tuning, fixtures.emailOf(tuner));
    fixtures.submittedSession(tuning, tuner, "model_a");
    Document tuned = Pages.page(mvc.get().uri(pageOf(tuning)).with(admin.signedIn()).exchange());
    assertThat(progress(tuned, fixtures.emailOf(tuner)))
        .as("tuning: one submit")
        .isEqualTo("Yes Yes");
  }

  @Test
  void shouldRemindOnlyThoseWhoHaveNotFinishedAndNotTwiceInADay() {
    Person admin = fixtures.adminPerson("reminder");
    UUID playground = fixtures.abPlayground(admin.id());
    UUID waiting = fixtures.tester("waiting");
    UUID finisher = fixtures.tester("done");
    String stranger = Fixtures.uniqueEmail("never-signed-in");
    invite(
        admin,
        playground,
        fixtures.emailOf(waiting) + "," + fixtures.emailOf(finisher) + "," + stranger);
    fixtures.submittedSession(playground, finisher, "model_a");
    fixtures.submittedSession(playground, finisher, "model_b");

    MvcTestResult tooSoon = remind(admin, playground);
    assertThat(notice(tooSoon))
        .isEqualTo("No reminder sent. 2 mailed recently, not sent again. 1 finished already.");
    db.sql(
            "UPDATE invitations SET last_sent_at = last_sent_at - interval '25 hours' WHERE playground_id = ?")
        .param(playground)
        .update();

    MvcTestResult reminded = remind(admin, playground);

    assertThat(reminded).hasStatus(302);
    assertThat(notice(reminded)).isEqualTo("Reminded 2 testers. 1 finished already.");
    assertThat(MailInbox.to(fixtures.emailOf(waiting))).hasSize(2);
    assertThat(last(MailInbox.to(fixtures.emailOf(waiting))).subject()).startsWith("Reminder: ");
    assertThat(MailInbox.to(stranger)).hasSize(2);
    assertThat(MailInbox.to(fixtures.emailOf(finisher))).hasSize(1);
    assertThat(AuditRow.find(db, "invitation.remind", "playground_id = ?", playground))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.newValues()).containsEntry("sent", 2).containsEntry("finished", 1));
    assertThat(
            db.sql(
                    "SELECT count(*) FROM invitations WHERE playground_id = ? AND reminded_at IS NOT NULL")
                .param(playground)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void shouldShowTheTesterLinkWithACopyButtonOnThePlaygroundsPage() {
    Person admin = fixtures.adminPerson("linker");
    UUID playground = fixtures.abPlayground(admin.id());

    Document editor =
        Pages.page(
            mvc.get()
                .uri("/manage/playgrounds/{id}", playground)
                .with(admin.signedIn())
                .exchange());

    assertThat(editor.getElementById("tester-link").val())
        .isEqualTo(MailInbox.BASE_URL + "/playgrounds/" + playground);
    assertThat(editor.getElementById("tester-link").hasAttr("readonly")).isTrue();
    assertThat(editor.selectFirst("button.copy-link").text()).isEqualTo("Copy tester link");
    assertThat(editor.getElementById("invitations-link").attr("href"))
        .isEqualTo(pageOf(playground));
  }

  @Test
  void shouldAnswerNotFoundForAnotherAdminsPlayground() {
    Person owner = fixtures.adminPerson("owner");
    Person other = fixtures.adminPerson("other");
    UUID playground = fixtures.abPlayground(owner.id());
    String tester = Fixtures.uniqueEmail("theirs");
    invite(owner, playground, tester);

    assertThat(mvc.get().uri(pageOf(playground)).with(other.signedIn()).exchange()).hasStatus(404);
    assertThat(invite(other, playground, Fixtures.uniqueEmail("hijack"))).hasStatus(404);
    assertThat(remind(other, playground)).hasStatus(404);
    assertThat(
            mvc.post()
                .uri(pageOf(playground) + "/access-list")
                .with(other.signedIn())
                .with(csrf())
                .exchange())
        .hasStatus(404);
    assertThat(invited(playground)).containsExactly(tester);
    Person someTester = fixtures.testerPerson("curious");
    assertThat(mvc.get().uri(pageOf(playground)).with(someTester.signedIn()).exchange())
        .hasStatus(404);
  }

  // --- helpers --------------------------------------------------------------------------------

  private MvcTestResult invite(Person admin, UUID playground, String emails) {
    return mvc.post()
        .uri(pageOf(playground))
        .param("emails", emails)
        .with(admin.signedIn())
        .with(csrf())
        .exchange();
  }

  private MvcTestResult remind(Person admin, UUID playground) {
    return mvc.post()
        .uri(pageOf(playground) + "/remind")
        .with(admin.signedIn())
        .with(csrf())
        .exchange();
  }

  private static String pageOf(UUID playground) {
    return "/manage/playgrounds/" + playground + "/invitations";
  }

  private List<String> invited(UUID playground) {
    return db.sql("SELECT email FROM invitations WHERE playground_id = ?")
        .param(playground)
        .query(String.class)
        .list();
  }

  /** Started and finished, as the invitee's row says them. */
  private static String progress(Document page, String email) {
    Element row =
        page.select("#invitees tbody tr").stream()
            .filter(tr -> tr.child(0).text().equals(email))
            .findFirst()
            .orElseThrow();
    return row.child(1).text() + " " + row.child(2).text();
  }

  private static Object notice(MvcTestResult result) {
    return result.getMvcResult().getFlashMap().get("notice");
  }

  private static <T> T last(List<T> items) {
    return items.get(items.size() - 1);
  }
}
