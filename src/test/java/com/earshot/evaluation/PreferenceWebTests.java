package com.earshot.evaluation;

import static com.earshot.evaluation.TesterPagesTests.start;
import static com.earshot.evaluation.TesterPagesTests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.evaluation.FixedRandomness.SeededRandomness;
import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The head-to-head question at the end of an A/B round (issue 16 §1), over HTTP and in the
 * database: asked after the second agent's submit, by position ("Agent 1", "Agent 2") and stored as
 * the model chosen; skipped, repeated, mistyped, asked for by someone else, and guarded by
 * row-level security.
 */
@EarshotTest
class PreferenceWebTests {

  @Autowired MockMvcTester mvc;
  @Autowired SeededRandomness coin;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;

  final EvaluationWorld world = new EvaluationWorld();

  /** A preference as the superuser reads it. */
  record PreferenceRow(
      UUID userId,
      int round,
      String verdict,
      String preferredModelKey,
      String firstModelKey,
      String reason) {}

  @Test
  void shouldAskAfterBothAgentsAndStoreTheModelMetSecondWhenModelAWasMetFirst() {
    Person tester = world.tester("pref-a-first");
    UUID playground = asking();

    String second = bothAgents(tester, playground, 0);
    MvcTestResult page = mvc.get().uri(second + "/preference").with(tester.signedIn()).exchange();
    assertThat(page).hasStatusOk();
    Document html = Pages.page(page);
    assertThat(html.select("fieldset legend").text())
        .isEqualTo("Which agent would you rather talk to again?");
    assertThat(html.select("fieldset label").eachText())
        .containsExactly("Agent 1", "Agent 2", "Both equally good", "Both bad");
    assertThat(html.select(".stepper-step.current").text()).contains("Done");
    assertThat(html.select("form.preference-form input[name=_csrf]")).hasSize(1);
    assertThat(html.select("form.preference-form").attr("action"))
        .isEqualTo(second + "/preference");
    assertThat(html.select("a:contains(Skip this question)").attr("href"))
        .isEqualTo(second + "/preference/skip");
    assertThat(Pages.text(page))
        .doesNotContain(
            world.modelName(playground, "model_a"),
            world.modelName(playground, "model_b"),
            "model_a",
            "model_b",
            "Model A",
            "Model B");

    MvcTestResult answered = answer(tester, second, "second", "  The second one listened.  ");

    assertThat(answered)
        .hasStatus(302)
        .hasRedirectedUrl("/playgrounds/" + playground)
        .flash()
        .containsEntry("submitted", true);
    assertThat(preferences(playground))
        .containsExactly(
            new PreferenceRow(
                tester.id(), 1, "second", "model_b", "model_a", "The second one listened."));
    MvcTestResult front =
        mvc.get()
            .uri("/playgrounds/{id}", playground)
            .cookie(answered.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(Pages.text(front)).contains("Round complete — you may do another round.");
  }

  @Test
  void shouldStoreTheModelMetFirstWhenModelBWasMetFirst() {
    Person tester = world.tester("pref-b-first");
    UUID playground = asking();

    String second = bothAgents(tester, playground, 1);
    assertThat(answer(tester, second, "first", "")).hasStatus(302);

    assertThat(preferences(playground))
        .containsExactly(new PreferenceRow(tester.id(), 1, "first", "model_b", "model_b", null));
  }

  @Test
  void shouldStoreNoModelForATie() {
    Person tester = world.tester("pref-tie");
    UUID playground = asking();

    String second = bothAgents(tester, playground, 1);
    assertThat(answer(tester, second, "both_bad", "Neither understood me")).hasStatus(302);

    assertThat(preferences(playground))
        .containsExactly(
            new PreferenceRow(
                tester.id(), 1, "both_bad", null, "model_b", "Neither understood me"));
  }

  @Test
  void shouldStoreNothingWhenTheTesterSkips() {
    Person tester = world.tester("pref-skip");
    UUID playground = asking();
    String second = bothAgents(tester, playground, 0);

    MvcTestResult skipped =
        mvc.get().uri(second + "/preference/skip").with(tester.signedIn()).exchange();

    assertThat(skipped)
        .hasStatus(302)
        .hasRedirectedUrl("/playgrounds/" + playground)
        .flash()
        .containsEntry("submitted", true);
    assertThat(preferences(playground)).isEmpty();
  }

  @Test
  void shouldKeepTheFirstAnswerWhenTheSameRoundIsAnsweredTwice() {
    Person tester = world.tester("pref-twice");
    UUID playground = asking();
    String second = bothAgents(tester, playground, 0);

    MvcTestResult once = answer(tester, second, "first", "one");
    MvcTestResult twice = answer(tester, second, "both_good", "two");

    assertThat(once).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
    assertThat(twice).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
    assertThat(preferences(playground))
        .containsExactly(new PreferenceRow(tester.id(), 1, "first", "model_a", "model_a", "one"));
    assertThat(mvc.get().uri(second + "/preference").with(tester.signedIn()).exchange())
        .as("an answered round's question leads on to the playground")
        .hasStatus(302)
        .hasRedirectedUrl("/playgrounds/" + playground);
  }

  @Test
  void shouldGiveTheFormBackWithTheErrorAtItsFieldAndWhatWasTypedKept() {
    Person tester = world.tester("pref-bad");
    UUID playground = asking();
    String second = bothAgents(tester, playground, 0);
    String long1001 = "é".repeat(1001);

    MvcTestResult unknown = answer(tester, second, "model_a", "Because <b>reasons</b>");
    MvcTestResult tooLong = answer(tester, second, "both_good", long1001);
    MvcTestResult none = answer(tester, second, null, "");

    assertThat(unknown).hasStatus(400);
    Document page = Pages.page(unknown);
    assertThat(Pages.errorAt(page, "verdict")).isEqualTo("Choose one of the answers listed.");
    assertThat(Pages.valueOf(page, "reason")).isEqualTo("Because <b>reasons</b>");
    assertThat(Pages.body(unknown)).doesNotContain("<b>reasons</b>");
    assertThat(tooLong).hasStatus(400);
    Document longPage = Pages.page(tooLong);
    assertThat(Pages.errorAt(longPage, "reason"))
        .isEqualTo("Keep the reason to 1000 characters (it has 1001).");
    assertThat(Pages.valueOf(longPage, "reason")).isEqualTo(long1001);
    assertThat(longPage.select("input[name=verdict][checked]").val()).isEqualTo("both_good");
    assertThat(none).hasStatus(400);
    assertThat(Pages.errorAt(Pages.page(none), "verdict"))
        .isEqualTo("Choose one of the answers, or skip this question.");
    assertThat(preferences(playground)).isEmpty();
  }

  @Test
  void shouldRefuseSomeoneElsesRoundAndARoundNotComplete() {
    Person tester = world.tester("pref-owner");
    Person other = world.tester("pref-intruder");
    UUID playground = asking();
    String second = bothAgents(tester, playground, 0);
    Person halfway = world.tester("pref-halfway");
    UUID question = question(playground);
    String first = Pages.location(start(mvc, halfway, playground));
    assertThat(submit(mvc, halfway, first, EvaluationWorld.form(question, "good"))).hasStatus(302);

    assertThat(answer(other, second, "first", "")).hasStatus(404);
    assertThat(mvc.get().uri(second + "/preference").with(other.signedIn()).exchange())
        .hasStatus(404);
    assertThat(mvc.get().uri(second + "/preference/skip").with(other.signedIn()).exchange())
        .hasStatus(404);
    assertThat(answer(halfway, first, "first", "")).hasStatus(404);
    assertThat(mvc.get().uri(first + "/preference").with(halfway.signedIn()).exchange())
        .hasStatus(404);
    assertThat(preferences(playground)).isEmpty();
  }

  @Test
  void shouldNotAskWhenThePlaygroundDoesNot() {
    Person tester = world.tester("pref-not-asked");
    UUID playground = world.abPlayground(50, 50);
    UUID question = world.select(playground, null, "good", "bad");
    coin.force(0);
    String first = Pages.location(start(mvc, tester, playground));
    String second =
        Pages.location(submit(mvc, tester, first, EvaluationWorld.form(question, "good")));

    MvcTestResult done = submit(mvc, tester, second, EvaluationWorld.form(question, "bad"));

    assertThat(done).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
    assertThat(mvc.get().uri(second + "/preference").with(tester.signedIn()).exchange())
        .hasStatus(404);
  }

  @Test
  void shouldRequireTheCsrfToken() {
    Person tester = world.tester("pref-csrf");
    UUID playground = asking();
    String second = bothAgents(tester, playground, 0);

    MvcTestResult forged =
        mvc.post()
            .uri(second + "/preference")
            .param("verdict", "first")
            .with(tester.signedIn())
            .exchange();

    assertThat(forged).hasStatus(403);
    assertThat(preferences(playground)).isEmpty();
  }

  // --- the database's own guards ---------------------------------------------------------------

  @Test
  void shouldLetATesterReadOnlyTheirOwnAndTheOwningAdminOnlyThoseOfTheirPlaygrounds() {
    UUID owner = world.admin();
    UUID playground = world.fixtures.playground(owner, "ab_testing", true, null);
    Person x = world.tester("rls-x");
    Person y = world.tester("rls-y");
    completeRound(playground, x, "model_a");
    completeRound(playground, y, "model_b");
    insertAsSuperuser(playground, x, "first", "model_a", "model_a");
    insertAsSuperuser(playground, y, "second", "model_b", "model_a");
    Person ownerPerson = new Person(owner, emailOf(owner), com.earshot.identity.Role.ADMIN);
    Person anotherAdmin = world.fixtures.adminPerson("rls-other-admin");

    assertThat(visibleUsers(x, playground)).containsExactly(x.id());
    assertThat(visibleUsers(y, playground)).containsExactly(y.id());
    assertThat(visibleUsers(ownerPerson, playground)).containsExactlyInAnyOrder(x.id(), y.id());
    assertThat(visibleUsers(anotherAdmin, playground)).isEmpty();
  }

  @Test
  void shouldRefuseAPreferenceInSomeoneElsesNameOrForARoundNotComplete() {
    UUID playground = world.fixtures.playground(world.admin(), "ab_testing", true, null);
    Person x = world.tester("guard-x");
    Person y = world.tester("guard-y");
    completeRound(playground, y, "model_a");
    world.fixtures.submittedSession(
        playground, x.id(), "model_a", 1, 1, 1, LocalDateTime.now().minusMinutes(10));

    assertThatThrownBy(() -> insertAs(x, playground, y.id(), "first", "model_a", "model_a"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("row-level security");
    assertThatThrownBy(() -> insertAs(x, playground, x.id(), "first", "model_a", "model_a"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("a preference needs a complete round");
    assertThatThrownBy(() -> insertAs(y, playground, y.id(), "first", "model_b", "model_a"))
        .as("the model met first is the one at position 1")
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> insertAs(y, playground, y.id(), "first", "model_b", "model_b"))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> insertAs(y, playground, y.id(), "both_good", "model_a", "model_a"))
        .as("a tie names no model")
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("preferences_preferred_matches_verdict");
    assertThat(preferences(playground)).isEmpty();
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** An active A/B playground that asks the preference, with one question about both models. */
  private UUID asking() {
    UUID playground = world.abPlayground(50, 50);
    world.select(playground, null, "good", "bad");
    world
        .db
        .sql("UPDATE playgrounds SET asks_preference = true WHERE id = ?")
        .param(playground)
        .update();
    return playground;
  }

  private UUID question(UUID playground) {
    return world
        .db
        .sql("SELECT id FROM questions WHERE playground_id = ?")
        .param(playground)
        .query(UUID.class)
        .single();
  }

  /**
   * The tester meets both agents over HTTP, {@code coin} 0: model A first, 1: model B first; the
   * second submit leads to the question. Returns the second session's path.
   */
  private String bothAgents(Person tester, UUID playground, int coinValue) {
    UUID question = question(playground);
    coin.force(coinValue);
    String first = Pages.location(start(mvc, tester, playground));
    String second =
        Pages.location(submit(mvc, tester, first, EvaluationWorld.form(question, "good")));
    assertThat(second).startsWith("/sessions/").isNotEqualTo(first);
    MvcTestResult done = submit(mvc, tester, second, EvaluationWorld.form(question, "bad"));
    assertThat(done).hasStatus(302).hasRedirectedUrl(second + "/preference");
    return second;
  }

  private MvcTestResult answer(Person tester, String session, String verdict, String reason) {
    var request = mvc.post().uri(session + "/preference").with(csrf()).with(tester.signedIn());
    if (verdict != null) {
      request = request.param("verdict", verdict);
    }
    return request.param("reason", reason).exchange();
  }

  private List<PreferenceRow> preferences(UUID playground) {
    return world
        .db
        .sql(
            """
            SELECT user_id, round_number, verdict, preferred_model_key, first_model_key, reason
            FROM preferences WHERE playground_id = ? ORDER BY created_at
            """)
        .param(playground)
        .query(
            (rs, row) ->
                new PreferenceRow(
                    rs.getObject("user_id", UUID.class),
                    rs.getInt("round_number"),
                    rs.getString("verdict"),
                    rs.getString("preferred_model_key"),
                    rs.getString("first_model_key"),
                    rs.getString("reason")))
        .list();
  }

  /** Round 1 of the tester, both sessions submitted, {@code first} at position 1. */
  private void completeRound(UUID playground, Person tester, String first) {
    LocalDateTime at = LocalDateTime.now().minusMinutes(10);
    world.fixtures.submittedSession(playground, tester.id(), first, 1, 1, 1, at);
    world.fixtures.submittedSession(
        playground,
        tester.id(),
        first.equals("model_a") ? "model_b" : "model_a",
        1,
        2,
        1,
        at.plusMinutes(5));
  }

  private void insertAsSuperuser(
      UUID playground, Person tester, String verdict, String first, String preferred) {
    world
        .db
        .sql(
            """
            INSERT INTO preferences (playground_id, user_id, round_number, verdict,
                                     first_model_key, preferred_model_key)
            VALUES (?, ?, 1, ?, ?, ?)
            """)
        .params(playground, tester.id(), verdict, first, preferred)
        .update();
  }

  private int insertAs(
      Person as, UUID playground, UUID user, String verdict, String first, String preferred) {
    return as.call(
        () ->
            new TransactionTemplate(transactions)
                .execute(
                    status ->
                        JdbcClient.create(dataSource)
                            .sql(
                                """
                                INSERT INTO preferences (playground_id, user_id, round_number,
                                    verdict, first_model_key, preferred_model_key)
                                VALUES (?, ?, 1, ?, ?, ?)
                                """)
                            .params(playground, user, verdict, first, preferred)
                            .update()));
  }

  private List<UUID> visibleUsers(Person as, UUID playground) {
    return as.call(
        () ->
            new TransactionTemplate(transactions)
                .execute(
                    status ->
                        JdbcClient.create(dataSource)
                            .sql("SELECT user_id FROM preferences WHERE playground_id = ?")
                            .param(playground)
                            .query(UUID.class)
                            .list()));
  }

  private String emailOf(UUID user) {
    return world
        .db
        .sql("SELECT email FROM users WHERE id = ?")
        .param(user)
        .query(String.class)
        .single();
  }
}
