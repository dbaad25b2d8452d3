package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What a submit with bad input or at a bad moment gets (DESIGN.md, "Submission"; issue 5, "Bad
 * input and faults"): a clear message at the field or on the page, everything typed kept, and
 * nothing in the database: no answer rows, the session still assigned, the counter unchanged.
 */
@EarshotTest
class SubmissionBadInputTests {

  @Autowired MockMvcTester mvc;

  final EvaluationWorld world = new EvaluationWorld();

  UUID playground;
  UUID verdict;
  UUID comment;
  UUID stars;
  UUID aboutB;
  Person tester;
  UUID session;

  @BeforeEach
  void aTesterWithAnAgentAndAForm() {
    playground = world.abPlayground(50, 50);
    verdict = world.select(playground, null, "good", "bad");
    comment = world.text(playground, "model_a");
    stars = world.rating(playground, null);
    aboutB = world.select(playground, "model_b", "yes", "no");
    tester = world.tester("careless");
    session = world.fixtures.assignedSession(playground, tester.id(), "model_a");
  }

  @Test
  void shouldAcceptAValidSubmitAndGoOnToTheOtherAgent() {
    MvcTestResult result = post(valid());

    assertThat(result).hasStatus(302);
    assertThat(Pages.location(result)).startsWith("/sessions/");
    assertThat(world.storedAnswers(session))
        .containsOnly(
            Map.entry(verdict, "good"),
            Map.entry(comment, "Clear and quick."),
            Map.entry(stars, "4"));
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldRefuseMissingRequiredAnswersAndKeepWhatWasTyped() {
    MvcTestResult result = post(EvaluationWorld.form(verdict, "bad", comment, "   "));

    assertThat(result).hasStatus(400);
    Document page = Pages.page(result);
    assertThat(page.text())
        .contains(
            "Some answers need your attention.",
            "Please write an answer.",
            "Please choose a rating from 1 to 5.");
    assertThat(page.select("input[name=q-" + verdict + "][value=bad]").hasAttr("checked"))
        .as("the choice made is still chosen")
        .isTrue();
    assertThat(page.select("input[name=q-" + verdict + "][value=good]").hasAttr("checked"))
        .isFalse();
    assertNothingWritten();

    MvcTestResult typedKept =
        post(EvaluationWorld.form(comment, "What I wrote, kept.", stars, "2"));
    assertThat(typedKept).hasStatus(400);
    Document again = Pages.page(typedKept);
    assertThat(again.select("textarea[name=q-" + comment + "]").text())
        .isEqualTo("What I wrote, kept.");
    assertThat(again.select("input[name=q-" + stars + "][value=2]").hasAttr("checked")).isTrue();
    assertThat(again.text()).contains("Please choose an answer.");
    assertNothingWritten();
  }

  @Test
  void shouldRefuseASelectValueThatIsNotAmongTheOptions() {
    MvcTestResult result = post(with(verdict, "excellent"));

    assertThat(result).hasStatus(400);
    assertThat(Pages.text(result)).contains("Please choose one of the answers shown.");
    assertThat(Pages.page(result).select("textarea[name=q-" + comment + "]").text())
        .isEqualTo("Clear and quick.");
    assertNothingWritten();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "five", "4.5", "-1"})
  void shouldRefuseARatingOutsideOneToFive(String rating) {
    MvcTestResult result = post(with(stars, rating));

    assertThat(result).hasStatus(400);
    assertThat(Pages.text(result)).contains("Please choose a rating from 1 to 5.");
    assertNothingWritten();
  }

  @Test
  void shouldRefuseTextOverTenThousandCharactersAndKeepIt() {
    String tooLong = "a".repeat(10_001);

    MvcTestResult result = post(with(comment, tooLong));

    assertThat(result).hasStatus(400);
    assertThat(Pages.text(result)).contains("At most 10000 characters; this has 10001.");
    assertThat(Pages.page(result).select("textarea[name=q-" + comment + "]").text())
        .isEqualTo(tooLong);
    assertNothingWritten();
  }

  @Test
  void shouldAcceptTextOfExactlyTenThousandCharacters() {
    String longest = "b".repeat(10_000);

    assertThat(post(with(comment, longest))).hasStatus(302);

    assertThat(world.storedAnswers(session)).containsEntry(comment, longest);
  }

  @Test
  void shouldRefuseAnAnswerToTheOtherModelsQuestion() {
    Map<String, String> form = valid();
    form.put("q-" + aboutB, "yes");

    MvcTestResult result = post(form);

    assertThat(result).hasStatus(400);
    assertThat(Pages.text(result)).contains("The answers do not match this form");
    assertNothingWritten();
  }

  @Test
  void shouldRefuseAnAnswerToAnotherPlaygroundsQuestion() {
    UUID elsewhere = world.abPlayground(50, 50);
    UUID foreign = world.select(elsewhere, null, "good", "bad");
    Map<String, String> form = valid();
    form.put("q-" + foreign, "good");

    MvcTestResult result = post(form);

    assertThat(result).hasStatus(400);
    assertThat(Pages.text(result)).contains("The answers do not match this form");
    assertNothingWritten();
    assertThat(world.answersIn(elsewhere)).isZero();
  }

  @Test
  void shouldAnswerNotFoundForAnotherTestersSession() {
    Person stranger = world.tester("stranger");

    assertThat(mvc.get().uri("/sessions/{id}", session).with(stranger.signedIn())).hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/sessions/{id}", session)
                .params(multi(valid()))
                .with(csrf())
                .with(stranger.signedIn()))
        .hasStatus(404);
    assertThat(mvc.get().uri("/sessions/{id}", UUID.randomUUID()).with(tester.signedIn()))
        .hasStatus(404);
    assertThat(mvc.get().uri("/sessions/not-a-session").with(tester.signedIn())).hasStatus(404);
    assertNothingWritten();
  }

  @Test
  void shouldRefuseASubmitWithoutACsrfToken() {
    assertThat(
            mvc.post()
                .uri("/sessions/{id}", session)
                .params(multi(valid()))
                .with(tester.signedIn()))
        .hasStatus(403);
    assertNothingWritten();
  }

  @Test
  void shouldRefuseASubmitWithAForgedCsrfToken() {
    assertThat(
            mvc.post()
                .uri("/sessions/{id}", session)
                .params(multi(valid()))
                .with(csrf().useInvalidToken())
                .with(tester.signedIn()))
        .hasStatus(403);
    assertNothingWritten();
  }

  @Test
  void shouldAcceptASubmitAfterTheReservationLapsedWhileThereIsRoom() {
    world.lapse(session);
    assertThat(
            Pages.text(mvc.get().uri("/sessions/{id}", session).with(tester.signedIn()).exchange()))
        .contains("This agent waited for you longer than planned.");

    MvcTestResult result = post(valid());

    assertThat(result).hasStatus(302);
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.answers(session)).isEqualTo(3);
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldAcceptASubmitOfASessionAlreadyMarkedExpiredWhileThereIsRoom() {
    world.lapse(session);
    world
        .db
        .sql("UPDATE evaluation_sessions SET status = 'expired' WHERE id = ?")
        .param(session)
        .update();

    assertThat(post(valid())).hasStatus(302);

    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.answers(session)).isEqualTo(3);
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldRefuseASubmitAfterTheReservationLapsedAndTheLastPlaceWentToSomeoneElse() {
    world.fixtures.limit(playground, "model_a", 1);
    world.lapse(session);
    UUID other =
        world.fixtures.assignedSession(playground, world.tester("newcomer").id(), "model_a");

    MvcTestResult result = post(valid());

    assertThat(result).hasStatus(409);
    Document page = Pages.page(result);
    assertThat(page.text())
        .contains(
            "This agent has all the evaluations it needs.",
            "Your place expired while you were away",
            "Your answers were not saved");
    assertThat(page.select("textarea[name=q-" + comment + "]").text())
        .isEqualTo("Clear and quick.");
    assertNothingWritten();
    assertThat(world.status(other)).isEqualTo("assigned");
  }

  @Test
  void shouldRefuseASubmitWhenTheModelReachedItsLimitMeanwhile() {
    world.fixtures.limit(playground, "model_a", 1);
    world.fixtures.setCount(playground, "model_a", 1);

    MvcTestResult result = post(valid());

    assertThat(result).hasStatus(409);
    assertThat(Pages.text(result))
        .contains("This agent has all the evaluations it needs.", "The last places were taken.");
    assertThat(world.status(session)).isEqualTo("assigned");
    assertThat(world.answers(session)).isZero();
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldTellTheTesterThePlaygroundClosedAndShowWhatTheyTyped() {
    world.deactivate(playground);

    MvcTestResult result = post(valid());

    assertThat(result).hasStatus(409);
    assertThat(Pages.text(result))
        .contains(
            "This playground is closed", "Your answers could not be saved", "Clear and quick.");
    assertNothingWritten();
    assertThat(
            Pages.text(mvc.get().uri("/sessions/{id}", session).with(tester.signedIn()).exchange()))
        .contains("This playground is closed");
  }

  private void assertNothingWritten() {
    assertThat(world.answers(session)).as("answer rows").isZero();
    assertThat(world.answersIn(playground)).as("answer rows in the playground").isZero();
    assertThat(world.status(session)).isEqualTo("assigned");
    assertThat(world.counter(playground, "model_a")).as("model A's counter").isZero();
    assertThat(world.counter(playground, "model_b")).as("model B's counter").isZero();
  }

  private Map<String, String> valid() {
    return EvaluationWorld.form(verdict, "good", comment, "Clear and quick.", stars, "4");
  }

  private Map<String, String> with(UUID question, String answer) {
    Map<String, String> form = valid();
    form.put("q-" + question, answer);
    return form;
  }

  private MvcTestResult post(Map<String, String> form) {
    return mvc.post()
        .uri("/sessions/{id}", session)
        .params(multi(form))
        .with(csrf())
        .with(tester.signedIn())
        .exchange();
  }

  static org.springframework.util.MultiValueMap<String, String> multi(Map<String, String> form) {
    org.springframework.util.LinkedMultiValueMap<String, String> params =
        new org.springframework.util.LinkedMultiValueMap<>();
    new LinkedHashMap<>(form).forEach(params::add);
    return params;
  }
}
