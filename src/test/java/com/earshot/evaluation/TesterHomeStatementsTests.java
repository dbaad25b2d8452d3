package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import com.earshot.support.StatementCounter;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The tester's home page reads the same number of statements however many playgrounds it shows: the
 * playgrounds, their models, their questions, the tester's sessions in them, and their models'
 * capacity, each for all of them at once.
 */
@EarshotTest
class TesterHomeStatementsTests {

  static final int STATEMENTS = 5;

  @Autowired MockMvcTester mvc;

  final EvaluationWorld world = new EvaluationWorld();

  @Test
  void shouldReadTheHomePageInFiveStatementsHoweverManyPlaygroundsItShows() {
    Person tester = world.tester("counted");
    UUID started = world.restrictedAbPlayground(List.of(tester.email()));
    world.fixtures.assignedSession(started, tester.id(), "model_a");
    UUID roundDone = world.restrictedAbPlayground(List.of(tester.email()));
    world.fixtures.submittedSession(roundDone, tester.id(), "model_a");
    world.fixtures.submittedSession(roundDone, tester.id(), "model_b");

    Home fewer = home(tester);
    for (int i = 0; i < 3; i++) {
      world.fixtures.submittedSession(
          world.restrictedAbPlayground(List.of(tester.email())), tester.id(), "model_b");
    }
    world.fixtures.submittedSession(world.tuningPlayground(null), tester.id(), "model_a");
    Home more = home(tester);

    assertThat(more.cards()).isEqualTo(fewer.cards() + 4);
    assertThat(fewer.statements()).isEqualTo(STATEMENTS);
    assertThat(more.statements()).isEqualTo(STATEMENTS);
  }

  record Home(int cards, int statements) {}

  private Home home(Person tester) {
    MvcTestResult[] home = new MvcTestResult[1];
    int statements =
        StatementCounter.count(
            () -> home[0] = mvc.get().uri("/").with(tester.signedIn()).exchange());
    assertThat(home[0]).hasStatusOk();
    Document page = Pages.page(home[0]);
    return new Home(page.select("article.card").size(), statements);
  }
}
