package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.Fixtures;
import com.earshot.support.OwnDatabase;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The home page of a tester who has no playground. Every public playground is visible to every
 * tester, so this runs on a database of its own where the only playgrounds are closed to them.
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=3")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TesterHomeEmptyStateTests.ItsOwnDatabase.class)
class TesterHomeEmptyStateTests {

  static final String DATABASE = "earshot_tester_home";

  static class ItsOwnDatabase extends OwnDatabase.Initializer {
    ItsOwnDatabase() {
      super(DATABASE);
    }
  }

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures(OwnDatabase.superuserJdbc(DATABASE));

  @Test
  void shouldTellATesterWithoutPlaygroundsWhatToDo() {
    Person tester = fixtures.testerPerson("newcomer");
    UUID admin = fixtures.admin("owner");
    fixtures.playground(admin, "ab_testing", true, java.util.List.of("someone-else@example.com"));
    fixtures.playground(admin, "tuning", false, null);

    MvcTestResult home = mvc.get().uri("/").with(tester.signedIn()).exchange();

    assertThat(home).hasStatusOk();
    assertThat(Pages.page(home).select("article.card")).isEmpty();
    assertThat(Pages.text(home))
        .contains(
            "No playgrounds for you yet.",
            "Nobody has invited " + tester.email() + " to a playground yet.",
            "When someone does, you get an email with a link, and the playground appears here.",
            "Invited under another address? Sign out and sign in with that one.")
        .as("nothing can have been sent to them")
        .doesNotContainIgnoringCase("the link you were sent")
        .doesNotContainIgnoringCase("the invitation you were sent");
  }

  @Test
  void shouldPointAnInvitedTesterWithoutAnOpenPlaygroundAtTheirInvitation() {
    Person tester = fixtures.testerPerson("invited");
    UUID admin = fixtures.admin("inviter");
    UUID closed = fixtures.playground(admin, "ab_testing", false, null);
    fixtures
        .jdbc()
        .sql("INSERT INTO invitations (playground_id, email, invited_by) VALUES (?, ?, ?)")
        .params(closed, tester.email(), admin)
        .update();

    MvcTestResult home = mvc.get().uri("/").with(tester.signedIn()).exchange();

    assertThat(home).hasStatusOk();
    assertThat(Pages.page(home).select("article.card")).isEmpty();
    assertThat(Pages.text(home))
        .contains(
            "No playgrounds for you yet.",
            "You were invited to evaluate a voice agent, but that playground is not open to you"
                + " right now. Follow the link in the invitation you were sent once it opens, or"
                + " ask the person who invited you.")
        .doesNotContain("Nobody has invited");
  }

  @Test
  void shouldTellAnAdminWithNothingToEvaluateHowToCreateAPlayground() {
    Person admin = fixtures.adminPerson("builder");

    MvcTestResult home = mvc.get().uri("/").with(admin.signedIn()).exchange();

    assertThat(home).hasStatusOk();
    assertThat(Pages.page(home).select("#admin-start a").attr("href"))
        .isEqualTo("/manage/playgrounds/new");
    assertThat(Pages.text(home))
        .contains("Nothing to evaluate here yet.", "To run a study, create a playground")
        .doesNotContain("No playgrounds for you yet.", "When someone invites you");
  }
}
