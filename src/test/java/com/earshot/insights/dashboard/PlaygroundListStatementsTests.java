package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Role;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.StatementCounter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Manage › Playgrounds reads the same number of statements however many playgrounds it lists: the
 * playgrounds, their models, their questions (the catalog's three), and their metrics.
 */
@EarshotTest
class PlaygroundListStatementsTests {

  static final int STATEMENTS = 4;

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldListThePlaygroundsInFourStatementsHoweverManyThereAre() throws Exception {
    UUID admin = fixtures.admin("listed");
    UUID answered = fixtures.abPlayground(admin);
    fixtures.submittedSession(answered, fixtures.tester("listed"), "model_a");
    fixtures.playground(admin, "tuning", false, null);

    Listed fewer = list(admin);
    for (int i = 0; i < 3; i++) {
      fixtures.question(fixtures.abPlayground(admin), null, "rating", null);
    }
    Listed more = list(admin);

    assertThat(fewer.rows()).isEqualTo(2);
    assertThat(more.rows()).isEqualTo(5);
    assertThat(fewer.statements()).isEqualTo(STATEMENTS);
    assertThat(more.statements()).isEqualTo(STATEMENTS);
  }

  record Listed(int rows, int statements) {}

  private Listed list(UUID admin) throws Exception {
    EarshotUser principal = new EarshotUser(admin, fixtures.emailOf(admin), Role.ADMIN);
    MvcTestResult[] list = new MvcTestResult[1];
    int statements =
        StatementCounter.count(
            () ->
                list[0] =
                    mvc.get()
                        .uri("/manage/playgrounds")
                        .with(
                            authentication(
                                UsernamePasswordAuthenticationToken.authenticated(
                                    principal, null, principal.authorities())))
                        .exchange());
    assertThat(list[0]).hasStatusOk();
    return new Listed(
        Jsoup.parse(list[0].getResponse().getContentAsString(StandardCharsets.UTF_8))
            .select("tbody tr")
            .size(),
        statements);
  }
}
