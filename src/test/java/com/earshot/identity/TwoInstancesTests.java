package com.earshot.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.ClientAddresses;
import com.earshot.support.CookieJar;
import com.earshot.support.Fixtures;
import com.earshot.support.MailInbox;
import com.earshot.support.MailInbox.Mail;
import com.earshot.support.TestDatabase;
import com.earshot.support.TwoInstances;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Earshot instances on one database, each with its own Tomcat on a free port, driven over real
 * HTTP: a link asked for on one is redeemed on the other, and the session works on both, because
 * tokens and sessions live in PostgreSQL.
 */
class TwoInstancesTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  static TwoInstances instances;
  static String first;
  static String second;

  final JdbcClient db = TestDatabase.superuserJdbc();

  @BeforeAll
  static void startTwoInstances() {
    instances = TwoInstances.start();
    first = TwoInstances.base(instances.first());
    second = TwoInstances.base(instances.second());
  }

  @AfterAll
  static void stopThem() {
    if (instances != null) {
      instances.close();
    }
  }

  @Test
  void shouldRedeemOnOneInstanceALinkAskedForOnTheOtherAndStaySignedInOnBoth() throws Exception {
    String email = Fixtures.uniqueEmail("roamer");
    String clientAddress = ClientAddresses.unique();
    Browser laptop = new Browser();

    HttpResponse<String> loginPage = laptop.get(first + "/login");
    assertThat(loginPage.statusCode()).isEqualTo(200);
    HttpResponse<String> requested =
        laptop.post(
            first + "/login",
            Map.of("email", email, "_csrf", csrfOf(loginPage)),
            Map.of("X-Forwarded-For", clientAddress));
    assertThat(requested.statusCode()).isEqualTo(302);
    assertThat(location(requested)).endsWith("/login/sent");
    assertThat(laptop.get(second + "/login/sent").body())
        .as("the flash message crossed instances in the shared session")
        .contains("Check your inbox", email);

    List<Mail> mails = MailInbox.to(email);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).link())
        .as("the public address both instances share, not the one asked")
        .startsWith(MailInbox.BASE_URL + "/login/ott?token=");
    String token = mails.get(0).token();

    Browser phone = new Browser();
    HttpResponse<String> confirm =
        phone.get(second + "/login/ott?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Continue to sign in");
    String sessionBeforeSignIn = phone.cookie("EARSHOT_SESSION");
    HttpResponse<String> signedIn =
        phone.post(
            second + "/login/ott", Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(location(signedIn)).isIn("/", second + "/");
    String session = phone.cookie("EARSHOT_SESSION");
    assertThat(session).isNotNull().isNotEqualTo(sessionBeforeSignIn);
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("EARSHOT_SESSION=")
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax"));

    HttpResponse<String> home = phone.get(first + "/");
    assertThat(home.statusCode()).as("signed in on the other instance").isEqualTo(200);
    assertThat(home.body()).contains(email, "Sign out");
    assertThat(phone.get(second + "/").body()).contains(email);

    Browser stale = new Browser();
    stale.cookies.put("EARSHOT_SESSION", sessionBeforeSignIn);
    HttpResponse<String> staleHome = stale.get(first + "/");
    assertThat(staleHome.statusCode())
        .as("the session id from before sign-in does not sign anyone in")
        .isEqualTo(302);
    assertThat(location(staleHome)).endsWith("/login");

    assertThat(
            db.sql("SELECT role::text FROM users WHERE email = ? AND last_login IS NOT NULL")
                .param(email)
                .query(String.class)
                .list())
        .containsExactly("tester");
    assertThat(AuditRow.find(db, "sign_in.link_requested", "new_values->>'email' = ?", email))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.ipAddress())
                    .as("the client address from the trusted proxy's X-Forwarded-For")
                    .isEqualTo(clientAddress));
  }

  @Test
  void shouldSignOutOnEveryInstance() throws Exception {
    String email = Fixtures.uniqueEmail("leaver");
    String token = StoredTokens.issue(db, email);
    Browser browser = new Browser();
    HttpResponse<String> confirm = browser.get(first + "/login/ott?token=" + token);
    assertThat(confirm.body()).contains("name=\"token\" value=\"" + token + "\"");
    assertThat(
            browser
                .post(
                    first + "/login/ott",
                    Map.of("token", token, "_csrf", csrfOf(confirm)),
                    Map.of())
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> home = browser.get(second + "/");
    assertThat(home.body()).contains(email);

    HttpResponse<String> signedOut =
        browser.post(second + "/logout", Map.of("_csrf", csrfOf(home)), Map.of());
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(location(signedOut)).endsWith("/login?signedOut");

    HttpResponse<String> afterwards = browser.get(first + "/");
    assertThat(afterwards.statusCode()).isEqualTo(302);
    assertThat(location(afterwards)).endsWith("/login");
    assertThat(
            db.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                .param(email)
                .query(Long.class)
                .single())
        .isZero();
  }

  private static String csrfOf(HttpResponse<String> page) {
    Matcher matcher = CSRF.matcher(page.body());
    assertThat(matcher.find()).as("a CSRF field in %s", page.uri()).isTrue();
    return matcher.group(1);
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  /** A browser's cookie jar: like a browser, it sends a host's cookies to each of its ports. */
  static final class Browser {

    private final HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final CookieJar cookies = new CookieJar();

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
    }

    HttpResponse<String> post(String url, Map<String, String> form, Map<String, String> headers)
        throws IOException, InterruptedException {
      String body =
          form.entrySet().stream()
              .map(
                  field ->
                      URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          headers);
    }

    String cookie(String name) {
      return cookies.get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
        throws IOException, InterruptedException {
      headers.forEach(request::header);
      cookies.header().ifPresent(cookie -> request.header("Cookie", cookie));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      cookies.remember(response.headers().allValues("Set-Cookie"));
      return response;
    }
  }
}
