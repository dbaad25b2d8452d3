package com.earshot.identity.signin;

import static com.earshot.support.HttpBrowser.csrfOf;
import static com.earshot.support.HttpBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.AuditRow;
import com.earshot.support.ClientAddresses;
import com.earshot.support.Fixtures;
import com.earshot.support.HttpBrowser;
import com.earshot.support.MailInbox;
import com.earshot.support.MailInbox.Mail;
import com.earshot.support.StoredTokens;
import com.earshot.support.TestDatabase;
import com.earshot.support.TwoInstances;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
    HttpBrowser laptop = new HttpBrowser();

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

    HttpBrowser phone = new HttpBrowser();
    HttpResponse<String> confirm =
        phone.get(second + "/login/ott?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Continue to sign in");
    assertThat(phone.cookie("EARSHOT_SESSION")).as("the confirm page needs no session").isNull();
    HttpResponse<String> signedIn =
        phone.post(
            second + "/login/ott", Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(location(signedIn)).isIn("/", second + "/");
    String session = phone.cookie("EARSHOT_SESSION");
    assertThat(session).isNotNull();
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
    HttpBrowser browser = new HttpBrowser();
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
}
