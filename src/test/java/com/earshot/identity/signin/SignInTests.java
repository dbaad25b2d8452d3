package com.earshot.identity.signin;

import static com.earshot.support.ClientAddresses.from;
import static com.earshot.support.Fixtures.justNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.ForgedHosts;
import com.earshot.support.MailInbox;
import com.earshot.support.MailInbox.Mail;
import com.earshot.support.Pages;
import com.earshot.support.RawHttp;
import com.earshot.support.Refusals;
import com.earshot.support.StartingGate;
import com.earshot.support.StoredTokens;
import jakarta.servlet.http.Cookie;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Sign-in by email link, end to end on the server: the link request, the mail as GreenMail (a real
 * SMTP server) receives it, the confirm page, redemption, and what is then in PostgreSQL.
 *
 * <p>The app runs on a real (random) port while MockMvc drives it: only with an embedded server
 * does Boot apply {@code server.servlet.session.*} (cookie name, HttpOnly, SameSite, timeout) to
 * Spring Session, so only then are sessions what production has. Sessions are followed by their
 * cookie, as a browser does, since Spring Session (not MockMvc's mock session) holds them.
 *
 * <p>Requests whose headers matter (Host, X-Forwarded-*) go to that real port over a socket ({@link
 * RawHttp}), through Tomcat's RemoteIpValve. Here it trusts only 127.0.0.1, so that 127.0.0.2, an
 * address of this machine too, is a client outside the trusted proxies: on a real network, any
 * address but the load balancer's.
 */
@EarshotTest
class SignInTests {

  /** Listed as an admin in the configuration, there in capitals and with blanks around it. */
  static final String ADMIN_EMAIL = Fixtures.uniqueEmail("boss");

  static final String SESSION_COOKIE = "EARSHOT_SESSION";

  @DynamicPropertySource
  static void mailAndWhoMaySignIn(DynamicPropertyRegistry registry) {
    MailInbox.properties().forEach((name, value) -> registry.add(name, () -> value));
    registry.add(
        "earshot.sign-in.admin-emails",
        () -> "  " + ADMIN_EMAIL.toUpperCase() + " , nobody-else@example.com");
    registry.add("earshot.sign-in.allowed-email-domains", () -> "example.com, @Example.org");
    registry.add("server.tomcat.remoteip.internal-proxies", () -> TRUSTED_PROXY + "/32");
  }

  static final String TRUSTED_PROXY = "127.0.0.1";
  static final String UNTRUSTED_CLIENT = "127.0.0.2";

  @Autowired MockMvcTester mvc;
  @LocalServerPort int port;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();
  final String address = ClientAddresses.unique();

  @Test
  void shouldMailALinkNamingEarshotAndItsExpiryInHtmlAndPlainText() {
    String email = Fixtures.uniqueEmail("ann");

    MvcTestResult requested = requestLink(email, address);

    assertThat(requested).hasStatus(302).hasRedirectedUrl("/login/sent");
    assertThat(sentPage(requested)).contains("Check your inbox", email, "within 10 minutes");
    List<Mail> mails = MailInbox.to(email);
    assertThat(mails).hasSize(1);
    Mail mail = mails.get(0);
    assertThat(mail.subject()).contains("Earshot");
    assertThat(mail.from()).contains("Earshot");
    assertThat(mail.text()).contains("Sign in to Earshot", "within 10 minutes", mail.link());
    assertThat(mail.link()).isEqualTo(MailInbox.BASE_URL + "/login/ott?token=" + mail.token());
    assertThat(mail.html())
        .contains("href=\"" + mail.link() + "\"", email)
        .satisfies(html -> assertThat(visibleText(html)).contains("within 10 minutes"));
    assertThat(
            db.sql(
                    """
                    SELECT username FROM one_time_tokens
                    WHERE token_value = ?
                      AND expires_at BETWEEN (now() AT TIME ZONE 'UTC') + interval '9 minutes'
                                         AND (now() AT TIME ZONE 'UTC') + interval '10 minutes'
                    """)
                .param(StoredTokens.sha256(mail.token()))
                .query(String.class)
                .list())
        .as("one token, valid ten minutes, stored only as its SHA-256")
        .containsExactly(email);
    assertThat(tokensStoredAs(mail.token())).isZero();
  }

  static Stream<Arguments> shouldLinkToTheBaseUrlWhateverHostTheRequestNames() {
    return Stream.of(TRUSTED_PROXY, UNTRUSTED_CLIENT)
        .flatMap(
            from -> ForgedHosts.headers().stream().map(headers -> Arguments.of(from, headers)));
  }

  @ParameterizedTest(name = "from {0} with {1}")
  @MethodSource
  void shouldLinkToTheBaseUrlWhateverHostTheRequestNames(String from, Map<String, String> forged) {
    String email = Fixtures.uniqueEmail("forged-host");
    Map<String, String> headers = new LinkedHashMap<>(forged);
    // From the proxy, a client address of this test's own: the rate limit counts per address.
    headers.put("X-Forwarded-For", ClientAddresses.unique());

    assertThat(new RawHttp(from, port).requestSignInLink(email, headers).status()).isEqualTo(302);

    List<Mail> mails = MailInbox.to(email);
    assertThat(mails).hasSize(1);
    Mail mail = mails.get(0);
    assertThat(mail.link()).isEqualTo(MailInbox.BASE_URL + "/login/ott?token=" + mail.token());
    assertThat(mail.text() + mail.html()).doesNotContain(ForgedHosts.HOST);
  }

  @Test
  void shouldTakeTheClientAddressFromXForwardedForOnlyFromATrustedProxy() {
    String forged = ClientAddresses.unique();
    String stranger = Fixtures.uniqueEmail("stranger");
    long hitsBefore = rateLimitHits("address:" + UNTRUSTED_CLIENT);

    assertThat(
            new RawHttp(UNTRUSTED_CLIENT, port)
                .requestSignInLink(stranger, Map.of("X-Forwarded-For", forged))
                .status())
        .isEqualTo(302);

    assertThat(AuditRow.find(db, "sign_in.link_requested", "new_values->>'email' = ?", stranger))
        .singleElement()
        .satisfies(row -> assertThat(row.ipAddress()).isEqualTo(UNTRUSTED_CLIENT));
    assertThat(rateLimitHits("address:" + UNTRUSTED_CLIENT)).isEqualTo(hitsBefore + 1);
    assertThat(rateLimitHits("address:" + forged)).as("the forged address").isZero();

    String proxied = Fixtures.uniqueEmail("proxied");
    String client = ClientAddresses.unique();
    assertThat(
            new RawHttp(TRUSTED_PROXY, port)
                .requestSignInLink(proxied, Map.of("X-Forwarded-For", client))
                .status())
        .isEqualTo(302);

    assertThat(AuditRow.find(db, "sign_in.link_requested", "new_values->>'email' = ?", proxied))
        .singleElement()
        .satisfies(row -> assertThat(row.ipAddress()).isEqualTo(client));
    assertThat(rateLimitHits("address:" + client)).isOne();
  }

  @Test
  void shouldShowAConfirmPageForTheLinkWithoutUsingItUp() {
    String email = Fixtures.uniqueEmail("scanner");
    String token = askForLink(email);

    assertThat(mvc.get().uri("/login/ott").param("token", token).with(from(address)))
        .hasStatusOk()
        .bodyText()
        .contains(
            "Continue to sign in",
            "action=\"/login/ott\"",
            "name=\"token\" value=\"" + token + "\"",
            "name=\"_csrf\"");
    assertThat(mvc.get().uri("/login/ott").param("token", token).with(from(address))).hasStatusOk();

    assertThat(tokensFor(email)).as("opening the link twice consumed nothing").isEqualTo(1);
    assertThat(userCount(email)).isZero();
    assertThat(redeem(token)).as("the link still works after the confirm page").isNotNull();
  }

  @Test
  void shouldSignInWithTheConfirmedLinkAndShowTheEmailInThePage() {
    String email = Fixtures.uniqueEmail("bea");
    String token = askForLink(email);

    MvcTestResult signedIn =
        mvc.post()
            .uri("/login/ott")
            .param("token", token)
            .with(csrf())
            .with(from(address))
            .exchange();

    assertThat(signedIn).hasStatus(302).hasRedirectedUrl("/");
    Cookie session = signedIn.getResponse().getCookie(SESSION_COOKIE);
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(mvc.get().uri("/").cookie(session))
        .hasStatusOk()
        .bodyText()
        .contains(email, "Sign out", "Playgrounds");
    assertThat(tokensFor(email)).as("the token is used up").isZero();
    assertThat(
            db.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                .param(email)
                .query(Long.class)
                .single())
        .as("the session is kept in PostgreSQL")
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseTheSecondUseOfALink() {
    String email = Fixtures.uniqueEmail("twice");
    String token = askForLink(email);
    redeem(token);

    MvcTestResult again =
        mvc.post()
            .uri("/login/ott")
            .param("token", token)
            .with(csrf())
            .with(from(address))
            .exchange();

    assertThat(again).hasStatus(302).hasRedirectedUrl("/login?invalid");
    assertThat(again.getResponse().getCookie(SESSION_COOKIE)).isNull();
    assertThat(mvc.get().uri("/login?invalid"))
        .hasStatusOk()
        .bodyText()
        .contains("This sign-in link has expired or was already used.");
    assertThat(AuditRow.fromAddress(db, "sign_in.failed", address))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.userId()).isNull();
              assertThat(row.newValues())
                  .containsOnlyKeys("reason")
                  .extractingByKey("reason")
                  .asString()
                  .contains("expired or was already used");
            });
  }

  @Test
  void shouldRefuseAnExpiredLink() {
    String email = Fixtures.uniqueEmail("late");
    String token = askForLink(email);
    db.sql(
            "UPDATE one_time_tokens SET expires_at = expires_at - interval '11 minutes' WHERE token_value = ?")
        .param(StoredTokens.sha256(token))
        .update();

    MvcTestResult late =
        mvc.post()
            .uri("/login/ott")
            .param("token", token)
            .with(csrf())
            .with(from(address))
            .exchange();

    assertThat(late).hasStatus(302).hasRedirectedUrl("/login?invalid");
    assertThat(late.getResponse().getCookie(SESSION_COOKIE)).isNull();
    assertThat(userCount(email)).as("nobody was signed in").isZero();
    assertThat(tokensFor(email)).as("the expired token is gone").isZero();
    assertThat(AuditRow.fromAddress(db, "sign_in.failed", address))
        .singleElement()
        .satisfies(row -> assertThat(row.newValues()).containsOnlyKeys("reason"));
    assertThat(AuditRow.fromAddress(db, "sign_in.succeeded", address)).isEmpty();
  }

  @Test
  void shouldRefuseAForgedLink() {
    String forged = "forged-" + UUID.randomUUID();

    assertThat(mvc.post().uri("/login/ott").param("token", forged).with(csrf()).with(from(address)))
        .hasStatus(302)
        .hasRedirectedUrl("/login?invalid");
    assertThat(
            mvc.post()
                .uri("/login/ott")
                .param("token", "x".repeat(5000))
                .with(csrf())
                .with(from(address)))
        .hasStatus(302)
        .hasRedirectedUrl("/login?invalid");
    assertThat(mvc.get().uri("/login/ott").param("token", "x".repeat(5000))).hasStatus(400);
    assertThat(AuditRow.fromAddress(db, "sign_in.failed", address)).hasSize(2);
    assertThat(AuditRow.fromAddress(db, "sign_in.succeeded", address)).isEmpty();
  }

  @Test
  void shouldAnswerAnUnknownEmailExactlyAsAKnownOne() {
    String known = fixtures.emailOf(fixtures.tester("known"));
    String unknown = Fixtures.uniqueEmail("unknown");

    MvcTestResult forKnown = requestLink(known, address);
    MvcTestResult forUnknown = requestLink(unknown, ClientAddresses.unique());

    assertThat(forUnknown.getResponse().getStatus())
        .isEqualTo(forKnown.getResponse().getStatus())
        .isEqualTo(302);
    assertThat(forUnknown.getResponse().getRedirectedUrl())
        .isEqualTo(forKnown.getResponse().getRedirectedUrl());
    assertThat(forUnknown.getResponse().getContentAsByteArray())
        .isEqualTo(forKnown.getResponse().getContentAsByteArray());
    assertThat(forUnknown.getMvcResult().getFlashMap().keySet())
        .isEqualTo(forKnown.getMvcResult().getFlashMap().keySet());
    String knownPage = withoutPerSessionParts(sentPage(forKnown), known);
    String unknownPage = withoutPerSessionParts(sentPage(forUnknown), unknown);
    assertThat(unknownPage).isEqualTo(knownPage).contains("Check your inbox");
    assertThat(MailInbox.to(known)).hasSize(1);
    assertThat(MailInbox.to(unknown)).hasSize(1);
    assertThat(userCount(unknown)).as("users appear when they redeem a link").isZero();
  }

  @Test
  void shouldLimitLinksPerEmailToFiveInFifteenMinutes() {
    String email = Fixtures.uniqueEmail("eager");
    for (int i = 1; i <= 5; i++) {
      assertThat(requestLink(email, ClientAddresses.unique()))
          .as("request %d", i)
          .hasStatus(302)
          .hasRedirectedUrl("/login/sent");
    }

    MvcTestResult sixth = requestLink(email, address);

    assertThat(sixth)
        .hasStatus(429)
        .hasHeader("Retry-After", "900")
        .bodyText()
        .contains(
            "Too many sign-in links were asked for. Please wait 15 minutes",
            "value=\"" + email + "\"");
    assertThat(MailInbox.to(email)).as("nothing sent for the sixth").hasSize(5);
    assertThat(tokensFor(email)).isEqualTo(5);
    assertThat(AuditRow.find(db, "sign_in.link_requested", "new_values->>'email' = ?", email))
        .hasSize(5);
    assertThat(AuditRow.fromAddress(db, "sign_in.rate_limited", address))
        .containsExactly(
            new AuditRow(
                null,
                "sign_in.rate_limited",
                null,
                null,
                null,
                null,
                Map.of("email", email),
                address));
  }

  @Test
  void shouldLimitLinksPerClientAddressToThirtyInFifteenMinutes() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= 30; i++) {
      assertThat(requestLink("crowd-" + run + "-" + i + "@example.com", address))
          .as("request %d", i)
          .hasStatus(302);
    }
    String thirtyFirst = "crowd-" + run + "-31@example.com";

    assertThat(requestLink(thirtyFirst, address))
        .hasStatus(429)
        .bodyText()
        .contains("Too many sign-in links were asked for");

    assertThat(MailInbox.to(thirtyFirst)).as("nothing sent when refused").isEmpty();
    assertThat(tokensFor(thirtyFirst)).isZero();
    assertThat(MailInbox.to("crowd-" + run + "-30@example.com")).hasSize(1);
    assertThat(AuditRow.fromAddress(db, "sign_in.link_requested", address)).hasSize(30);
    assertThat(Refusals.times(db, "sign_in.rate_limited", "host(a.ip_address) = ?", address))
        .isEqualTo(1);
    assertThat(requestLink(thirtyFirst, ClientAddresses.unique()))
        .as("the same email from another address is not limited")
        .hasStatus(302);
    assertThat(MailInbox.to(thirtyFirst)).hasSize(1);
  }

  @Test
  void shouldCreateTheUserAtFirstSignInAsATester() {
    String email = Fixtures.uniqueEmail("newcomer");
    String token = askForLink(email);
    assertThat(userCount(email)).isZero();

    Cookie session = redeem(token);

    assertThat(
            db.sql("SELECT role::text FROM users WHERE email = ? AND last_login IS NOT NULL")
                .param(email)
                .query(String.class)
                .list())
        .containsExactly("tester");
    assertThat(mvc.get().uri("/").cookie(session))
        .hasStatusOk()
        .bodyText()
        .contains(email)
        .doesNotContain("href=\"/admin/users\"");
    assertThat(AuditRow.find(db, "user.create", "new_values->>'email' = ?", email))
        .singleElement()
        .satisfies(row -> assertThat(row.newValues()).containsEntry("role", "tester"));
  }

  @Test
  void shouldMakeAnAdminOfAnEmailListedAsOneAtFirstSignIn() {
    Cookie session = redeem(askForLink(ADMIN_EMAIL));

    assertThat(
            db.sql("SELECT role::text FROM users WHERE email = ?")
                .param(ADMIN_EMAIL)
                .query(String.class)
                .list())
        .containsExactly("admin");
    assertThat(mvc.get().uri("/").cookie(session))
        .hasStatusOk()
        .bodyText()
        .contains(ADMIN_EMAIL, "href=\"/admin/users\"");
    assertThat(mvc.get().uri("/admin/users").cookie(session)).hasStatusOk();
  }

  @Test
  void shouldTrimAndLowerCaseTheEmail() {
    String local = "Mixed-" + UUID.randomUUID().toString().substring(0, 8);
    String typed = "  " + local + "@Example.COM ";
    String email = local.toLowerCase() + "@example.com";

    assertThat(requestLink(typed, address)).hasStatus(302).flash().containsEntry("email", email);
    Cookie session = redeem(MailInbox.to(email).get(0).token());

    assertThat(
            db.sql("SELECT email FROM users WHERE lower(email) = ?")
                .param(email)
                .query(String.class)
                .list())
        .containsExactly(email);
    assertThat(mvc.get().uri("/").cookie(session)).bodyText().contains(email).doesNotContain(local);
    assertThat(AuditRow.fromAddress(db, "sign_in.link_requested", address))
        .singleElement()
        .satisfies(row -> assertThat(row.newValues()).isEqualTo(Map.of("email", email)));
  }

  @Test
  void shouldSetLastLoginAtEverySignIn() {
    String email = Fixtures.uniqueEmail("regular");
    redeem(askForLink(email));
    assertThat(lastLogin(email)).is(justNow());
    db.sql("UPDATE users SET last_login = '2000-01-01 00:00' WHERE email = ?")
        .param(email)
        .update();

    redeem(askForLink(email));

    assertThat(lastLogin(email)).isAfter(LocalDateTime.of(2020, 1, 1, 0, 0));
    assertThat(userCount(email)).as("the second sign-in found the same user").isEqualTo(1);
    assertThat(AuditRow.find(db, "user.create", "new_values->>'email' = ?", email)).hasSize(1);
  }

  @Test
  void shouldTellARefusedDomainPlainlyAndSendNothing() {
    String email = "visitor-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.net";

    assertThat(requestLink(email, address))
        .hasStatus(403)
        .bodyText()
        .contains(
            "Sign-in here is limited to addresses at example.com, example.org. No email was sent.",
            "value=\"" + email + "\"");

    assertThat(MailInbox.to(email)).isEmpty();
    assertThat(tokensFor(email)).isZero();
    assertThat(AuditRow.fromAddress(db, "sign_in.link_requested", address)).isEmpty();
    assertThat(requestLink(email.replace("elsewhere.net", "example.org"), address))
        .as("an allowed domain from the same address")
        .hasStatus(302);
  }

  @Test
  void shouldNotRedeemALinkForADomainThatMayNoLongerSignIn() {
    String email = "former-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.net";
    String token = StoredTokens.issue(db, email);

    assertThat(mvc.post().uri("/login/ott").param("token", token).with(csrf()).with(from(address)))
        .hasStatus(302)
        .hasRedirectedUrl("/login?invalid");
    assertThat(userCount(email)).isZero();
    assertThat(tokensFor(email)).isZero();
  }

  @Test
  void shouldRejectAMalformedEmailKeepingWhatWasTyped() {
    assertThat(requestLink("not-an-email", address))
        .hasStatus(400)
        .bodyText()
        .contains("Enter your email address, like name@example.com", "value=\"not-an-email\"");
    assertThat(requestLink("<script>alert(1)</script>@example.com", address))
        .hasStatus(400)
        .bodyText()
        .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;@example.com\"")
        .doesNotContain("<script>alert(1)");
    assertThat(requestLink("", address)).hasStatus(400);
    assertThat(mvc.post().uri("/login").with(csrf()).with(from(address))).hasStatus(400);
    assertThat(AuditRow.fromAddress(db, "sign_in.link_requested", address)).isEmpty();
  }

  @Test
  void shouldRejectAnEmailLongerThan254Characters() {
    String email = "a".repeat(243) + "@example.com";
    assertThat(email).hasSize(255);

    assertThat(requestLink(email, address))
        .hasStatus(400)
        .bodyText()
        .contains("at most 254 characters", "value=\"" + email + "\"");
    assertThat(requestLink("b".repeat(100_000) + "@example.com", address)).hasStatus(400);

    assertThat(MailInbox.to(email)).isEmpty();
    assertThat(tokensFor(email)).isZero();
  }

  @Test
  void shouldRefuseALinkRequestWithoutCsrfToken() {
    String email = Fixtures.uniqueEmail("forged-form");

    assertThat(mvc.post().uri("/login").param("email", email).with(from(address))).hasStatus(403);
    assertThat(
            mvc.post()
                .uri("/login")
                .param("email", email)
                .with(csrf().useInvalidToken())
                .with(from(address)))
        .hasStatus(403);

    assertThat(MailInbox.to(email)).isEmpty();
    assertThat(tokensFor(email)).isZero();
    assertThat(AuditRow.fromAddress(db, "security.csrf_rejected", address))
        .isNotEmpty()
        .allSatisfy(
            row -> {
              assertThat(row.userId()).isNull();
              assertThat(row.newValues()).isEqualTo(Map.of("path", "/login", "method", "POST"));
            });
    assertThat(Refusals.times(db, "security.csrf_rejected", "host(a.ip_address) = ?", address))
        .as("the missing and the forged token")
        .isEqualTo(2);
  }

  @Test
  void shouldAuditASignOut() {
    String email = Fixtures.uniqueEmail("leaving");
    Cookie session = redeem(askForLink(email));
    UUID user =
        db.sql("SELECT id FROM users WHERE email = ?").param(email).query(UUID.class).single();

    assertThat(mvc.post().uri("/logout").cookie(session).with(csrf()).with(from(address)))
        .hasStatus(302)
        .hasRedirectedUrl("/login?signedOut");

    assertThat(AuditRow.find(db, "sign_in.signed_out", "user_id = ?", user))
        .containsExactly(
            new AuditRow(user, "sign_in.signed_out", "user", user, null, null, null, address));
    assertThat(mvc.post().uri("/logout").cookie(session).with(csrf()).with(from(address)))
        .as("signing out of an ended session signs nobody out")
        .hasStatus(302);
    assertThat(AuditRow.find(db, "sign_in.signed_out", "user_id = ?", user)).hasSize(1);
  }

  @Test
  void shouldLimitTriesToRedeemALinkPerClientAddressWithoutLookingAtTheRest() throws Exception {
    String email = Fixtures.uniqueEmail("guessed");
    String token = StoredTokens.issue(db, email);
    for (int i = 1; i <= 20; i++) {
      assertThat(redeemFrom("guess-" + UUID.randomUUID(), address))
          .as("try %d", i)
          .hasStatus(302)
          .hasRedirectedUrl("/login?invalid");
    }

    MvcTestResult limited = redeemFrom(token, address);

    assertThat(limited)
        .hasStatus(429)
        .hasHeader("Retry-After", "900")
        .hasForwardedUrl("/login/ott/limited");
    assertThat(limited.getResponse().getCookie(SESSION_COOKIE)).isNull();
    HttpResponse<String> inBrowser = redeemInBrowser(token, address);
    assertThat(inBrowser.statusCode()).isEqualTo(429);
    assertThat(inBrowser.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(Jsoup.parse(inBrowser.body()).select("h1, #email-error").eachText())
        .containsExactly(
            "Sign in to Earshot",
            "Too many sign-in links were tried from your network. Please wait 15 minutes, then"
                + " open your link again, or ask for a new one if it has expired.");
    assertThat(tokensFor(email)).as("the refused try did not even look at the token").isEqualTo(1);
    assertThat(userCount(email)).isZero();
    assertThat(AuditRow.fromAddress(db, "sign_in.failed", address)).hasSize(20);
    assertThat(AuditRow.fromAddress(db, "sign_in.redemption_rate_limited", address))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.userId()).isNull());
    assertThat(
            Refusals.times(
                db, "sign_in.redemption_rate_limited", "host(a.ip_address) = ?", address))
        .isEqualTo(2);
    assertThat(
            db.sql("SELECT count(*) FROM rate_limit_hits WHERE bucket = ?")
                .param("redeem:" + address)
                .query(Long.class)
                .single())
        .as("the failed tries, the refused ones not among them")
        .isEqualTo(20);
    assertThat(redeemFrom(token, ClientAddresses.unique()))
        .as("the same link from another address")
        .hasStatus(302)
        .hasRedirectedUrl("/");
    assertThat(mvc.post().uri("/login/ott/limited").with(csrf()).with(from(address)))
        .as("the page of the limit is only the sign-in filter's to show")
        .hasStatus(302)
        .hasRedirectedUrl("/login");
  }

  /** Many people behind one address (an office) sign in: links that work never count. */
  @Test
  void shouldNotCountLinksThatWorkTowardTheLimitOfAnAddress() {
    for (int i = 1; i <= 25; i++) {
      String email = Fixtures.uniqueEmail("colleague");
      assertThat(redeemFrom(StoredTokens.issue(db, email), address))
          .as("sign-in %d", i)
          .hasStatus(302)
          .hasRedirectedUrl("/");
    }

    assertThat(redeemFrom("guess-" + UUID.randomUUID(), address))
        .hasStatus(302)
        .hasRedirectedUrl("/login?invalid");
    assertThat(
            db.sql("SELECT count(*) FROM rate_limit_hits WHERE bucket = ?")
                .param("redeem:" + address)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  /**
   * 200 random tokens from 200 threads at once, from one address: 20 are looked at, the rest are
   * refused without a look, and the audit grows by the 20 failures and a row per minute for the
   * refusals, not a row per try.
   */
  @Test
  void shouldLookAtNoMoreThanTheLimitOfGuessesFromManyThreadsAndAuditThemCoalesced()
      throws Exception {
    int tries = 200;
    List<Callable<Integer>> guesses = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      guesses.add(
          () -> redeemFrom("guess-" + UUID.randomUUID(), address).getResponse().getStatus());
    }
    long auditRowsBefore = auditRowsFrom(address);
    long started = System.nanoTime();

    List<Integer> statuses = StartingGate.runAtOnce(guesses, 120);

    long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes() + 2;
    assertThat(statuses).filteredOn(status -> status == 302).hasSize(20);
    assertThat(statuses).filteredOn(status -> status == 429).hasSize(tries - 20);
    assertThat(
            db.sql("SELECT count(*) FROM rate_limit_hits WHERE bucket = ?")
                .param("redeem:" + address)
                .query(Long.class)
                .single())
        .as("failed tries counted, each once")
        .isEqualTo(20);
    assertThat(AuditRow.fromAddress(db, "sign_in.failed", address)).hasSize(20);
    assertThat(
            Refusals.rows(db, "sign_in.redemption_rate_limited", "host(a.ip_address) = ?", address))
        .isBetween(1L, minutes);
    assertThat(
            Refusals.times(
                db, "sign_in.redemption_rate_limited", "host(a.ip_address) = ?", address))
        .isEqualTo(tries - 20);
    assertThat(auditRowsFrom(address) - auditRowsBefore).isLessThanOrEqualTo(20 + minutes);
  }

  @Test
  void shouldAskForTheWholeLinkWhenItHasNoToken() {
    assertThat(mvc.get().uri("/login/ott"))
        .hasStatus(400)
        .bodyText()
        .contains("This sign-in link is incomplete");
    assertThat(mvc.get().uri("/login/ott").param("token", "  ")).hasStatus(400);
    assertThat(mvc.post().uri("/login/ott").with(csrf()).with(from(address)))
        .hasStatus4xxClientError();
  }

  @Test
  void shouldAuditALinkRequestWithTheEmailAndClientAddress() {
    String email = Fixtures.uniqueEmail("audited");
    askForLink(email);

    assertThat(AuditRow.find(db, "sign_in.link_requested", "new_values->>'email' = ?", email))
        .containsExactly(
            new AuditRow(
                null,
                "sign_in.link_requested",
                null,
                null,
                null,
                null,
                Map.of("email", email),
                address));
  }

  @Test
  void shouldAuditASuccessfulSignInOnTheUser() {
    String email = Fixtures.uniqueEmail("success");
    redeem(askForLink(email));
    UUID user =
        db.sql("SELECT id FROM users WHERE email = ?").param(email).query(UUID.class).single();

    assertThat(AuditRow.find(db, "sign_in.succeeded", "user_id = ?", user))
        .containsExactly(
            new AuditRow(user, "sign_in.succeeded", "user", user, null, null, null, address));
  }

  /** Asks for a link from this test's address, and returns the token the mail brought. */
  private String askForLink(String email) {
    int before = MailInbox.to(email).size();
    assertThat(requestLink(email, address)).hasStatus(302).hasRedirectedUrl("/login/sent");
    List<Mail> mails = MailInbox.to(email);
    assertThat(mails).hasSize(before + 1);
    return mails.get(mails.size() - 1).token();
  }

  private MvcTestResult requestLink(String email, String clientAddress) {
    return mvc.post()
        .uri("/login")
        .param("email", email)
        .with(csrf())
        .with(from(clientAddress))
        .exchange();
  }

  private MvcTestResult redeemFrom(String token, String clientAddress) {
    return mvc.post()
        .uri("/login/ott")
        .param("token", token)
        .with(csrf())
        .with(from(clientAddress))
        .exchange();
  }

  /**
   * A redemption as a browser sends it, to the real server from {@code clientAddress} (as a trusted
   * proxy forwards it): the sign-in page's cookies and CSRF token, then the confirm button's POST.
   * MockMvc does not follow the forward to the page a refused try is shown.
   */
  private HttpResponse<String> redeemInBrowser(String token, String clientAddress)
      throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://localhost:" + port;
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("X-Forwarded-For", clientAddress)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String csrf = Jsoup.parse(login.body()).select("input[name=_csrf]").val();
    String form =
        "token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return browser.send(
        HttpRequest.newBuilder(URI.create(base + "/login/ott"))
            .header("X-Forwarded-For", clientAddress)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long auditRowsFrom(String clientAddress) {
    return db.sql("SELECT count(*) FROM audit_log WHERE host(ip_address) = ?")
        .param(clientAddress)
        .query(Long.class)
        .single();
  }

  /** Confirms the link, and returns the signed-in session's cookie. */
  private Cookie redeem(String token) {
    MvcTestResult result =
        mvc.post()
            .uri("/login/ott")
            .param("token", token)
            .with(csrf())
            .with(from(address))
            .exchange();
    assertThat(result).hasStatus(302).hasRedirectedUrl("/");
    Cookie session = result.getResponse().getCookie(SESSION_COOKIE);
    assertThat(session).as("a session cookie").isNotNull();
    return session;
  }

  /** The page the redirect after a link request shows, with the cookies a browser would send. */
  private String sentPage(MvcTestResult requested) {
    MvcTestResult page =
        mvc.get().uri("/login/sent").cookie(requested.getResponse().getCookies()).exchange();
    assertThat(page).hasStatusOk();
    return Pages.body(page);
  }

  /** The page without what differs per person and session anyway: the email, CSRF tokens. */
  private static String withoutPerSessionParts(String page, String email) {
    return page.replace(email, "EMAIL")
        .replaceAll("(name=\"_csrf\"\\s+(?:value|content)=\")[^\"]*", "$1CSRF");
  }

  private long tokensFor(String email) {
    return StoredTokens.countFor(db, email);
  }

  private long tokensStoredAs(String value) {
    return db.sql("SELECT count(*) FROM one_time_tokens WHERE token_value = ?")
        .param(value)
        .query(Long.class)
        .single();
  }

  private long rateLimitHits(String bucket) {
    return db.sql("SELECT count(*) FROM rate_limit_hits WHERE bucket = ?")
        .param(bucket)
        .query(Long.class)
        .single();
  }

  private long userCount(String email) {
    return db.sql("SELECT count(*) FROM users WHERE email = ?")
        .param(email)
        .query(Long.class)
        .single();
  }

  private LocalDateTime lastLogin(String email) {
    return db.sql("SELECT last_login FROM users WHERE email = ?")
        .param(email)
        .query(LocalDateTime.class)
        .single();
  }

  private static String visibleText(String html) {
    return html.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ");
  }
}
