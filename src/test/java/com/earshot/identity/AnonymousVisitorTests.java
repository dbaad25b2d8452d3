package com.earshot.identity;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An anonymous visitor costs no database row (issue 11): the sign-in pages, the link request and
 * its "check your inbox", the emailed link's confirm page, error pages and a signed-out visit to a
 * page store no HTTP session, because CSRF tokens, the page to return to after sign-in and one-off
 * messages travel in cookies. Real HTTP against the app on a free port (where Spring Session's
 * filter and cookies are what production has), counting the rows in spring_session.
 */
@EarshotTest
class AnonymousVisitorTests {

  @LocalServerPort int port;

  final JdbcClient db = TestDatabase.superuserJdbc();
  final Map<String, String> fromAddress = Map.of("X-Forwarded-For", ClientAddresses.unique());

  @Test
  void shouldStoreNoSessionWhileAVisitorAsksForALinkAndOpensIt() throws Exception {
    long start = System.currentTimeMillis();
    String email = Fixtures.uniqueEmail("visitor");
    HttpBrowser visitor = new HttpBrowser();

    HttpResponse<String> home = visitor.get(url("/"));
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(location(home)).endsWith("/login");
    HttpResponse<String> loginPage = visitor.get(url("/login"));
    assertThat(loginPage.statusCode()).isEqualTo(200);
    assertThat(loginPage.body()).contains("Sign in to Earshot");
    HttpResponse<String> requested =
        visitor.post(
            url("/login"), Map.of("email", email, "_csrf", csrfOf(loginPage)), fromAddress);
    assertThat(requested.statusCode()).isEqualTo(302);
    assertThat(location(requested)).endsWith("/login/sent");
    HttpResponse<String> sent = visitor.get(url("/login/sent"));
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("Check your inbox", email);
    assertThat(location(visitor.get(url("/login/sent"))))
        .as("the message is shown once")
        .endsWith("/login");
    String token = MailInbox.to(email).get(0).token();
    HttpResponse<String> confirm = visitor.get(url("/login/ott?token=" + token));
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Continue to sign in");
    HttpResponse<String> incomplete = visitor.get(url("/login/ott"));
    assertThat(incomplete.statusCode()).isEqualTo(400);
    assertThat(incomplete.body()).contains("This sign-in link is incomplete");
    HttpResponse<String> forged = visitor.post(url("/login"), Map.of("email", email), fromAddress);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("This form has expired");

    assertThat(visitor.cookie("EARSHOT_SESSION")).isNull();
    assertThat(sessionsCreatedSince(start)).as("session rows for the visitor").isZero();

    HttpResponse<String> signedIn =
        visitor.post(url("/login/ott"), Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(visitor.get(url("/")).body()).contains(email, "Sign out");
    assertThat(sessionsCreatedSince(start))
        .as("signing in stores the session in PostgreSQL, as before")
        .isOne();
    assertThat(
            db.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                .param(email)
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void shouldReturnAfterSignInToThePageFirstAskedFor() throws Exception {
    String email = Fixtures.uniqueEmail("returner");
    HttpBrowser visitor = new HttpBrowser();

    HttpResponse<String> account = visitor.get(url("/account"));
    assertThat(account.statusCode()).isEqualTo(302);
    assertThat(location(account)).endsWith("/login");
    assertThat(setCookie(account, "REDIRECT_URI")).contains("HttpOnly", "SameSite=Lax");
    String token = StoredTokens.issue(db, email);
    HttpResponse<String> confirm = visitor.get(url("/login/ott?token=" + token));
    HttpResponse<String> signedIn =
        visitor.post(url("/login/ott"), Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of());

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(location(signedIn)).isEqualTo(url("/account"));
    HttpResponse<String> there = visitor.get(location(signedIn));
    assertThat(there.statusCode()).isEqualTo(200);
    assertThat(there.body()).contains(email);
    assertThat(visitor.cookie("REDIRECT_URI")).as("used once, then forgotten").isNull();
  }

  @Test
  void shouldRefuseALinkRequestWithoutTheTokenOfThisBrowsersOwnCookie() throws Exception {
    String email = Fixtures.uniqueEmail("csrf-target");
    HttpBrowser victim = new HttpBrowser();
    HttpBrowser attacker = new HttpBrowser();
    HttpResponse<String> victimsPage = victim.get(url("/login"));
    HttpResponse<String> attackersPage = attacker.get(url("/login"));

    assertThat(victim.post(url("/login"), Map.of("email", email), fromAddress).statusCode())
        .isEqualTo(403);
    assertThat(
            victim
                .post(
                    url("/login"),
                    Map.of("email", email, "_csrf", csrfOf(attackersPage)),
                    fromAddress)
                .statusCode())
        .as("a token made for another browser's cookie")
        .isEqualTo(403);
    assertThat(MailInbox.to(email)).isEmpty();

    String token = csrfOf(victimsPage);
    assertThat(token)
        .as("masked anew in every page (BREACH)")
        .isNotEqualTo(csrfOf(victim.get(url("/login"))));
    assertThat(
            victim
                .post(url("/login"), Map.of("email", email, "_csrf", token), fromAddress)
                .statusCode())
        .isEqualTo(302);
    assertThat(MailInbox.to(email)).hasSize(1);
  }

  @Test
  void shouldKeepTheCookiesHttpOnlyAndSameSiteAndSecureBehindHttps() throws Exception {
    HttpBrowser visitor = new HttpBrowser();

    HttpResponse<String> plain = visitor.get(url("/login"));
    assertThat(setCookie(plain, "EARSHOT_CSRF"))
        .contains("HttpOnly", "SameSite=Lax")
        .doesNotContain("Secure");

    HttpBrowser behindProxy = new HttpBrowser();
    Map<String, String> https = Map.of("X-Forwarded-Proto", "https");
    HttpResponse<String> page = behindProxy.get(url("/login"), https);
    assertThat(setCookie(page, "EARSHOT_CSRF")).contains("HttpOnly", "SameSite=Lax", "Secure");
    HttpResponse<String> requested =
        behindProxy.post(
            url("/login"),
            Map.of("email", Fixtures.uniqueEmail("secure"), "_csrf", csrfOf(page)),
            Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", ClientAddresses.unique()));
    assertThat(requested.statusCode()).isEqualTo(302);
    assertThat(setCookie(requested, "EARSHOT_FLASH"))
        .contains("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=180");
  }

  @Test
  void shouldIgnoreAFlashCookieThatWasTamperedWithOrGarbled() throws Exception {
    String email = Fixtures.uniqueEmail("flash");
    HttpBrowser visitor = new HttpBrowser();
    HttpResponse<String> loginPage = visitor.get(url("/login"));
    visitor.post(url("/login"), Map.of("email", email, "_csrf", csrfOf(loginPage)), fromAddress);
    String genuine = visitor.cookie("EARSHOT_FLASH");
    String payload = genuine.substring(0, genuine.indexOf('.'));
    String signature = genuine.substring(genuine.indexOf('.') + 1);
    String otherEmail =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                    .replace(email, "someone-else@example.com")
                    .getBytes(StandardCharsets.UTF_8));
    char last = signature.charAt(signature.length() - 1);
    // The same 32 bytes spelled another way: the last character's two spare bits set.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String respelled =
        signature.substring(0, signature.length() - 1)
            + alphabet.charAt(alphabet.indexOf(last) + 1);

    for (String forged :
        List.of(
            otherEmail + "." + signature,
            payload + "." + respelled,
            payload
                + "."
                + signature.substring(0, signature.length() - 1)
                + (last == 'A' ? 'B' : 'A'),
            payload,
            payload + ".",
            ".",
            "not-base64!." + signature,
            "e30." + signature,
            "A".repeat(3500) + "." + signature)) {
      HttpBrowser holder = new HttpBrowser();
      holder.cookies.put("EARSHOT_FLASH", forged);
      HttpResponse<String> page = holder.get(url("/login/sent"));
      assertThat(page.statusCode()).as("with the flash cookie %s", forged).isEqualTo(302);
      assertThat(location(page)).endsWith("/login");
    }

    HttpResponse<String> shown = visitor.get(url("/login/sent"));
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains(email).doesNotContain("someone-else");
  }

  @Test
  void shouldGiveABrowserThatAlreadyHadASessionANewSessionIdAtSignIn() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    signIn(browser, Fixtures.uniqueEmail("first"));
    String before = browser.cookie("EARSHOT_SESSION");
    String second = Fixtures.uniqueEmail("second");

    signIn(browser, second);

    assertThat(browser.cookie("EARSHOT_SESSION")).isNotNull().isNotEqualTo(before);
    assertThat(browser.get(url("/")).body()).contains(second);
    HttpBrowser stale = new HttpBrowser();
    stale.cookies.put("EARSHOT_SESSION", before);
    HttpResponse<String> staleHome = stale.get(url("/"));
    assertThat(staleHome.statusCode())
        .as("the session id from before the sign-in signs nobody in")
        .isEqualTo(302);
    assertThat(location(staleHome)).endsWith("/login");
  }

  private void signIn(HttpBrowser browser, String email) throws Exception {
    String token = StoredTokens.issue(db, email);
    HttpResponse<String> confirm = browser.get(url("/login/ott?token=" + token));
    HttpResponse<String> signedIn =
        browser.post(url("/login/ott"), Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of());
    assertThat(signedIn.statusCode()).isEqualTo(302);
  }

  private long sessionsCreatedSince(long millis) {
    return db.sql("SELECT count(*) FROM spring_session WHERE creation_time >= ?")
        .param(millis)
        .query(Long.class)
        .single();
  }

  private static String setCookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
