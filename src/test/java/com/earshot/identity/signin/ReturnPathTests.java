package com.earshot.identity.signin;

import static com.earshot.support.HttpBrowser.csrfOf;
import static com.earshot.support.HttpBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.HttpBrowser;
import com.earshot.support.MailInbox;
import com.earshot.support.StoredTokens;
import com.earshot.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A link to a page lands there after sign-in, even when the emailed link is opened in another
 * browser: the page asked for travels with the sign-in form, in the emailed link and through its
 * confirm page. Only a local path of the app does: never another site (no open redirect).
 */
@EarshotTest
class ReturnPathTests {

  /** Ways to name another site (or to hide one) that a redirect to a "path" must never take. */
  static final List<String> ELSEWHERE =
      List.of(
          "//evil.example",
          "///evil.example",
          "https://evil.example",
          "http:/evil.example",
          "javascript:alert(1)",
          "/\\evil.example",
          "\\\\evil.example",
          "/%2F%2Fevil.example",
          "/%5Cevil.example",
          "%2F%2Fevil.example",
          "/playgrounds/../..//evil.example",
          "/./evil.example",
          " //evil.example",
          "/\t/evil.example",
          "/playgrounds?next=https://evil.example",
          "/playgrounds#//evil.example",
          "/login",
          "/login/ott",
          "/logout",
          "evil.example",
          "");

  @LocalServerPort int port;

  final JdbcClient db = TestDatabase.superuserJdbc();
  final Map<String, String> fromAddress = Map.of("X-Forwarded-For", ClientAddresses.unique());

  @Test
  void shouldAcceptOnlyPlainLocalPaths() {
    assertThat(ReturnPath.of("/playgrounds/" + UUID.randomUUID())).isPresent();
    assertThat(ReturnPath.of("/account")).contains("/account");
    assertThat(ReturnPath.of("/")).contains("/");
    for (String elsewhere : ELSEWHERE) {
      assertThat(ReturnPath.of(elsewhere)).as("the return path %s", elsewhere).isEmpty();
    }
    assertThat(ReturnPath.of(null)).isEmpty();
    assertThat(ReturnPath.of("/" + "a".repeat(ReturnPath.MAX_LENGTH))).isEmpty();
  }

  @Test
  void shouldLandOnThePageAskedForWhenTheMailedLinkIsOpenedInAnotherBrowser() throws Exception {
    String email = Fixtures.uniqueEmail("elsewhere");
    String page = "/playgrounds/" + UUID.randomUUID();
    HttpBrowser laptop = new HttpBrowser();

    HttpResponse<String> asked = laptop.get(url(page));
    assertThat(asked.statusCode()).isEqualTo(302);
    HttpResponse<String> form = laptop.get(url("/login"));
    assertThat(hiddenNext(form.body())).as("the form carries the page asked for").isEqualTo(page);
    HttpResponse<String> requested =
        laptop.post(
            url("/login"),
            Map.of("email", email, "next", page, "_csrf", csrfOf(form)),
            fromAddress);
    assertThat(location(requested)).endsWith("/login/sent");

    String link = MailInbox.signInLinkFor(email);
    assertThat(link).startsWith(MailInbox.BASE_URL + "/login/ott?token=").endsWith("&next=" + page);
    HttpBrowser phone = new HttpBrowser();
    HttpResponse<String> confirm = phone.get(url(MailInbox.signInPathFor(email)));
    assertThat(hiddenNext(confirm.body())).isEqualTo(page);
    HttpResponse<String> signedIn =
        phone.post(
            url("/login/ott"),
            Map.of(
                "token", last(MailInbox.to(email)).token(),
                "next", page,
                "_csrf", csrfOf(confirm)),
            fromAddress);

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(location(signedIn)).isEqualTo(url(page));
  }

  @Test
  void shouldTakeAReturnPathNamedInTheSignInAddress() throws Exception {
    HttpBrowser visitor = new HttpBrowser();
    HttpResponse<String> form = visitor.get(url("/login?next=/account"));
    assertThat(hiddenNext(form.body())).isEqualTo("/account");

    String email = Fixtures.uniqueEmail("named");
    String token = StoredTokens.issue(db, email);
    HttpResponse<String> confirm = visitor.get(url("/login/ott?token=" + token + "&next=/account"));
    HttpResponse<String> signedIn =
        visitor.post(
            url("/login/ott"),
            Map.of("token", token, "next", "/account", "_csrf", csrfOf(confirm)),
            fromAddress);
    assertThat(location(signedIn)).isEqualTo(url("/account"));
    assertThat(location(visitor.get(url("/login?next=/account"))))
        .as("signed in already: straight there")
        .isEqualTo(url("/account"));
  }

  @Test
  void shouldNeverSendAnyoneToAnotherSite() throws Exception {
    for (String elsewhere : ELSEWHERE) {
      HttpBrowser visitor = new HttpBrowser();
      HttpResponse<String> form = visitor.get(url("/login?next=" + encoded(elsewhere)));
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(hiddenNext(form.body())).as("the form's return path for %s", elsewhere).isNull();

      String email = Fixtures.uniqueEmail("redirected");
      HttpResponse<String> requested =
          visitor.post(
              url("/login"),
              Map.of("email", email, "next", elsewhere, "_csrf", csrfOf(form)),
              Map.of("X-Forwarded-For", ClientAddresses.unique()));
      assertThat(location(requested)).endsWith("/login/sent");
      assertThat(MailInbox.signInLinkFor(email)).doesNotContain("next").doesNotContain("evil");

      String token = StoredTokens.issue(db, email);
      HttpResponse<String> confirm =
          visitor.get(url("/login/ott?token=" + token + "&next=" + encoded(elsewhere)));
      assertThat(hiddenNext(confirm.body())).isNull();
      HttpResponse<String> signedIn =
          visitor.post(
              url("/login/ott"),
              Map.of("token", token, "next", elsewhere, "_csrf", csrfOf(confirm)),
              fromAddress);
      assertThat(signedIn.statusCode()).isEqualTo(302);
      assertThat(location(signedIn))
          .as("after signing in with next=%s", elsewhere)
          .isEqualTo(url("/"));
      assertThat(location(visitor.get(url("/login?next=" + encoded(elsewhere)))))
          .as("signed in, /login?next=%s", elsewhere)
          .isEqualTo(url("/"));
    }
  }

  private static String hiddenNext(String html) {
    Element field = Jsoup.parse(html).selectFirst("form input[type=hidden][name=next]");
    return field == null ? null : field.attr("value");
  }

  private static String encoded(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static <T> T last(List<T> items) {
    return items.get(items.size() - 1);
  }
}
