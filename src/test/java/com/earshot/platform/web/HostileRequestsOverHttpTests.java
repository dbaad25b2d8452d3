package com.earshot.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.ClientAddresses;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile requests the way they arrive over the wire, which MockMvc does not show: Tomcat's own
 * limit on a post (2 MB), a NUL sent as {@code %00}, a forwarded address that is not an address, a
 * session cookie no session can have, and the error path opened directly (issue 11, section 2).
 */
@BrowserJourney
class HostileRequestsOverHttpTests {

  @Value("${local.server.port}")
  int port;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldShowAPageForAFormOverTheLimitAndGiveTheFormBackJustUnderIt(Journey journey) {
    journey.allowConsoleErrors("status of 4\\d\\d");
    Page admin = journey.page();
    String email = journey.signInAsNewAdmin(admin);
    UUID playground = fixtures.abPlayground(userId(email));

    admin.navigate("/manage/playgrounds/" + playground);
    admin
        .locator("#description")
        .evaluate("(field, size) => field.value = 'x'.repeat(size)", 3_000_000);
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save details")).click();
    assertThat(
            admin.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName("Too much at once")))
        .isVisible();
    journey.step(admin, "a form over the limit");

    admin.navigate("/manage/playgrounds/" + playground);
    admin
        .locator("#description")
        .evaluate("(field, size) => field.value = 'x'.repeat(size)", 1_000_000);
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save details")).click();
    assertThat(admin.locator("#description-error")).hasText("At most 5000 characters.");
    assertThat(admin.locator("#description").evaluate("field => field.value.length"))
        .isEqualTo(1_000_000);
    assertThat(
            db.sql("SELECT description IS NULL FROM playgrounds WHERE id = ?")
                .param(playground)
                .query(Boolean.class)
                .single())
        .as("the description, not saved")
        .isTrue();
  }

  @Test
  void shouldAnswerTheErrorPathOpenedDirectlyWithNotFound(Journey journey) {
    journey.allowConsoleErrors("status of 404");
    Page page = journey.page();

    assertThat(page.navigate("/error").status()).isEqualTo(404);
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found")))
        .isVisible();
  }

  @Test
  void shouldSendTheLinkForAnEmailPostedWithAnEncodedNul() throws Exception {
    String email = Fixtures.uniqueEmail("wire-nul");
    Form login = login();

    HttpResponse<String> sent =
        post(login, "email=" + email.replace("@", "%00@"), ClientAddresses.unique());

    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login/sent"));
    assertThat(
            db.sql("SELECT count(*) FROM one_time_tokens WHERE username = ?")
                .param(email)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldAuditNoAddressWhenAProxyForwardsOneThatIsNot() throws Exception {
    for (String forwarded : new String[] {"not-an-address", "a".repeat(400), "999.1.1.1"}) {
      String email = Fixtures.uniqueEmail("wire-forwarded");

      HttpResponse<String> sent = post(login(), "email=" + email, forwarded);

      assertThat(sent.statusCode()).as(forwarded).isEqualTo(302);
      assertThat(
              db.sql(
                      """
                      SELECT ip_address IS NULL FROM audit_log
                      WHERE action = 'sign_in.link_requested' AND new_values ->> 'email' = ?
                      """)
                  .param(email)
                  .query(Boolean.class)
                  .list())
          .as("the audit row has no address, for %s", forwarded)
          .containsExactly(true);
    }
  }

  @Test
  void shouldTreatASessionCookieWithANulInItsIdAsNoSession() throws Exception {
    String nul = Base64.getEncoder().encodeToString("\0\0\0".getBytes());

    HttpResponse<String> home =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/"))
                .header("Cookie", "EARSHOT_SESSION=" + nul)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The sign-in form as a browser gets it: its session cookie and CSRF token. */
  record Form(String cookie, String csrf) {}

  private Form login() throws IOException, InterruptedException {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    return new Form(
        page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0], csrf.group(1));
  }

  private HttpResponse<String> post(Form form, String body, String forwardedFor)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + "/login"))
            .header("Cookie", form.cookie())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", forwardedFor)
            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + form.csrf() + "&" + body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private UUID userId(String email) {
    return db.sql("SELECT id FROM users WHERE email = ?").param(email).query(UUID.class).single();
  }
}
