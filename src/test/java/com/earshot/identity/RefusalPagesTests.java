package com.earshot.identity;

import static com.earshot.support.ClientAddresses.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.StoredTokens;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What a real server sends for a playground or session that is someone else's: the very page it
 * sends for one that does not exist (both are audited alike too, see ManageIsolationWebTests), so
 * the answer tells nobody whether it exists.
 */
@EarshotTest
class RefusalPagesTests {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired MockMvcTester mvc;
  @LocalServerPort int port;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();
  final String address = ClientAddresses.unique();

  @Test
  void shouldAnswerSomeoneElsesPlaygroundOrSessionWithThePageOfOneThatDoesNotExist()
      throws Exception {
    UUID owner = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(owner);
    UUID session = fixtures.assignedSession(playground, fixtures.tester("owner"), "model_a");
    Cookie admin = signIn(fixtures.emailOf(fixtures.admin("prying")));
    Cookie tester = signIn(fixtures.emailOf(fixtures.tester("prying")));

    HttpResponse<String> theirPlayground = get(admin, "/manage/playgrounds/" + playground);
    HttpResponse<String> noPlayground = get(admin, "/manage/playgrounds/" + UUID.randomUUID());
    HttpResponse<String> theirSession = get(tester, "/sessions/" + session);
    HttpResponse<String> noSession = get(tester, "/sessions/" + UUID.randomUUID());

    for (HttpResponse<String> response :
        List.of(theirPlayground, noPlayground, theirSession, noSession)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("Not found");
    }
    assertThat(comparable(theirPlayground)).isEqualTo(comparable(noPlayground));
    assertThat(comparable(theirSession)).isEqualTo(comparable(noSession));
    assertThat(theirPlayground.body()).doesNotContain(playground.toString());
  }

  /** Signs {@code email} in with a stored link, and returns the session's cookie. */
  private Cookie signIn(String email) {
    MvcTestResult result =
        mvc.post()
            .uri("/login/ott")
            .param("token", StoredTokens.issue(db, email))
            .with(csrf())
            .with(from(address))
            .exchange();
    assertThat(result).hasStatus(302).hasRedirectedUrl("/");
    return result.getResponse().getCookie("EARSHOT_SESSION");
  }

  private HttpResponse<String> get(Cookie session, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Cookie", session.getName() + "=" + session.getValue())
            .header("Accept", "text/html")
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Status, content type and page, without the per-request CSRF token. */
  private static String comparable(HttpResponse<String> response) {
    return response.statusCode()
        + " "
        + response.headers().firstValue("Content-Type").orElse("")
        + "\n"
        + response.body().replaceAll("(name=\"_csrf\"\\s+(?:value|content)=\")[^\"]*", "$1CSRF");
  }
}
