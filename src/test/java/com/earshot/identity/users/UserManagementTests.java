package com.earshot.identity.users;

import static com.earshot.support.ClientAddresses.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.AuditRow;
import com.earshot.support.ClientAddresses;
import com.earshot.support.Fixtures;
import com.earshot.support.OwnDatabase;
import com.earshot.support.Pages;
import com.earshot.support.Refusals;
import com.earshot.support.StoredTokens;
import jakarta.servlet.http.Cookie;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Admin › Users and the account page: promote and demote with the last admin protected, search and
 * paging, a user's own name, and what a tester or a stranger gets for admin URLs.
 *
 * <p>"The last admin" is a fact about the whole users table, so this class runs on a database of
 * its own on the shared test server, where no other test class adds admins. It runs on a real port,
 * as {@link SignInTests} does, so that sessions and their cookie are configured as in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ContextConfiguration(initializers = UserManagementTests.ItsOwnDatabase.class)
class UserManagementTests {

  static final String DATABASE = "earshot_user_management";

  static class ItsOwnDatabase extends OwnDatabase.Initializer {
    ItsOwnDatabase() {
      super(DATABASE);
    }
  }

  @Autowired MockMvcTester mvc;

  final JdbcClient db = OwnDatabase.superuserJdbc(DATABASE);
  final Fixtures fixtures = new Fixtures(db);
  final String address = ClientAddresses.unique();

  @Test
  void shouldLetAnAdminPromoteATester() {
    UUID admin = fixtures.admin("promoter");
    UUID tester = fixtures.tester("rising");
    String email = fixtures.emailOf(tester);

    MvcTestResult promoted = changeRole(admin, tester, "admin");

    assertThat(promoted)
        .hasStatus(302)
        .hasRedirectedUrl("/admin/users?q=&page=1")
        .flash()
        .containsEntry("notice", email + " is now an admin.");
    assertThat(roleOf(tester)).isEqualTo("admin");
    assertThat(AuditRow.find(db, "user.role_change", "resource_id = ?", tester))
        .containsExactly(
            new AuditRow(
                admin,
                "user.role_change",
                "user",
                tester,
                null,
                Map.of("role", "tester"),
                Map.of("role", "admin"),
                address));
    assertThat(mvc.get().uri("/admin/users").param("q", email).with(as(admin)))
        .hasStatusOk()
        .bodyText()
        .contains(email, "Remove admin: " + email);
  }

  @Test
  void shouldLetAnAdminDemoteAnotherAdmin() {
    UUID admin = fixtures.admin("demoter");
    UUID other = fixtures.admin("stepping-down");

    assertThat(changeRole(admin, other, "tester"))
        .hasStatus(302)
        .flash()
        .containsEntry("notice", fixtures.emailOf(other) + " is now a tester.");

    assertThat(roleOf(other)).isEqualTo("tester");
    assertThat(AuditRow.find(db, "user.role_change", "resource_id = ?", other))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.oldValues()).isEqualTo(Map.of("role", "admin"));
              assertThat(row.newValues()).isEqualTo(Map.of("role", "tester"));
            });
  }

  @Test
  void shouldSendAnAdminWhoDemotedThemselvesToTheHomePage() {
    UUID admin = fixtures.admin("modest");
    fixtures.admin("remaining");

    assertThat(changeRole(admin, admin, "tester")).hasStatus(302).hasRedirectedUrl("/");

    assertThat(roleOf(admin)).isEqualTo("tester");
    assertThat(AuditRow.find(db, "user.role_change", "resource_id = ?", admin))
        .singleElement()
        .satisfies(row -> assertThat(row.userId()).isEqualTo(admin));
  }

  @Test
  void shouldNeverDemoteTheLastAdmin() {
    UUID last = fixtures.admin("last");
    db.sql("UPDATE users SET role = 'tester' WHERE role = 'admin' AND id <> ?")
        .param(last)
        .update();

    MvcTestResult refused = changeRole(last, last, "tester");

    assertThat(refused)
        .hasStatus(302)
        .hasRedirectedUrl("/admin/users?q=&page=1")
        .flash()
        .containsEntry(
            "error",
            "This is the last admin. Promote someone else first, so that Earshot keeps an admin.");
    assertThat(
            mvc.get()
                .uri(refused.getResponse().getRedirectedUrl())
                .cookie(refused.getResponse().getCookies())
                .with(as(last)))
        .hasStatusOk()
        .bodyText()
        .contains("This is the last admin.");
    assertThat(roleOf(last)).isEqualTo("admin");
    assertThat(AuditRow.find(db, "user.role_change", "resource_id = ?", last)).isEmpty();
  }

  @Test
  void shouldEndTheSessionsOfAUserWhoseRoleChanged() {
    UUID admin = fixtures.admin("session-ender");
    UUID tester = fixtures.tester("signed-in");
    String email = fixtures.emailOf(tester);
    Cookie session = signIn(email);
    assertThat(mvc.get().uri("/").cookie(session)).hasStatusOk().bodyText().contains(email);

    assertThat(changeRole(admin, tester, "admin")).hasStatus(302);

    assertThat(mvc.get().uri("/").cookie(session))
        .as("the old session, with the old role, is gone")
        .hasStatus(302)
        .redirectedUrl()
        .endsWith("/login");
    assertThat(mvc.get().uri("/admin/users").cookie(signIn(email)))
        .as("signed in again, with the new role")
        .hasStatusOk();
  }

  @Test
  void shouldNotLetATesterChangeRoles() {
    UUID tester = fixtures.tester("ambitious");
    UUID other = fixtures.tester("bystander");

    assertThat(changeRole(tester, tester, "admin")).hasStatus(404);
    assertThat(changeRole(tester, other, "admin")).hasStatus(404);

    assertThat(roleOf(tester)).isEqualTo("tester");
    assertThat(roleOf(other)).isEqualTo("tester");
    assertThat(AuditRow.find(db, "user.role_change", "resource_id IN (?, ?)", tester, other))
        .isEmpty();
    assertThat(AuditRow.find(db, "security.access_denied", "user_id = ?", tester))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.newValues()).containsEntry("method", "POST"));
    assertThat(Refusals.times(db, "security.access_denied", "a.user_id = ?", tester))
        .as("both refusals, coalesced")
        .isEqualTo(2);
  }

  @Test
  void shouldHideAdminPagesFromATesterAndAuditTheAttempt() {
    UUID tester = fixtures.tester("curious");

    assertThat(mvc.get().uri("/admin/users").with(as(tester)).with(from(address))).hasStatus(404);

    assertThat(AuditRow.find(db, "security.access_denied", "user_id = ?", tester))
        .containsExactly(
            new AuditRow(
                tester,
                "security.access_denied",
                null,
                null,
                null,
                null,
                Map.of("path", "/admin/users", "method", "GET"),
                address));
  }

  @Test
  void shouldSendAStrangerOnAdminPagesToSignIn() {
    UUID tester = fixtures.tester("untouched");

    assertThat(mvc.get().uri("/admin/users")).hasStatus(302).redirectedUrl().endsWith("/login");
    assertThat(mvc.post().uri("/admin/users/{id}/role", tester).param("role", "admin").with(csrf()))
        .hasStatus(302)
        .redirectedUrl()
        .endsWith("/login");
    assertThat(roleOf(tester)).isEqualTo("tester");
  }

  @Test
  void shouldAnswerMalformedRoleChangesWithoutFailing() {
    UUID admin = fixtures.admin("careful");
    UUID tester = fixtures.tester("target");

    assertThat(changeRole(admin, tester, "superuser"))
        .hasStatus(302)
        .flash()
        .containsEntry("error", "Choose admin or tester.");
    assertThat(changeRole(admin, UUID.randomUUID(), "admin")).hasStatus(404);
    assertThat(
            mvc.post()
                .uri("/admin/users/not-a-uuid/role")
                .param("role", "admin")
                .with(csrf())
                .with(as(admin)))
        .as("a malformed id names nothing, like an unknown one")
        .hasStatus(404);
    assertThat(mvc.post().uri("/admin/users/{id}/role", tester).with(csrf()).with(as(admin)))
        .hasStatus(400);
    assertThat(
            mvc.post().uri("/admin/users/{id}/role", tester).param("role", "admin").with(as(admin)))
        .as("without CSRF token")
        .hasStatus(403);

    assertThat(roleOf(tester)).isEqualTo("tester");
  }

  @Test
  void shouldFindUsersByEmailOrNameAPageAtATime() {
    UUID admin = fixtures.admin("searcher");
    String run = UUID.randomUUID().toString().substring(0, 8);
    IntStream.rangeClosed(1, 30)
        .forEach(i -> fixtures.user("page-%s-%02d@example.com".formatted(run, i), "tester"));
    UUID named = fixtures.tester("zz-named");
    db.sql("UPDATE users SET full_name = ? WHERE id = ?").params("Zed " + run, named).update();
    String namedEmail = fixtures.emailOf(named);

    assertThat(usersPage(admin, run, "1"))
        .contains("31 users", "1 of 2", row(run, 1), row(run, 25))
        .doesNotContain(row(run, 26), namedEmail);
    assertThat(usersPage(admin, run, "2"))
        .contains("31 users", "2 of 2", row(run, 26), row(run, 30), namedEmail, "Zed " + run)
        .doesNotContain(row(run, 25));
    assertThat(usersPage(admin, "ZED " + run.toUpperCase(), "1"))
        .contains("1 user", namedEmail)
        .doesNotContain(row(run, 1));
    assertThat(usersPage(admin, "page-" + run + "-07", "1"))
        .contains("1 user", row(run, 7))
        .doesNotContain(row(run, 8));
  }

  @Test
  void shouldShowTheNearestPageForHugeOrGarbagePageNumbers() {
    UUID admin = fixtures.admin("paging");
    String run = UUID.randomUUID().toString().substring(0, 8);
    IntStream.rangeClosed(1, 26)
        .forEach(i -> fixtures.user("odd-%s-%02d@example.com".formatted(run, i), "tester"));

    assertThat(usersPage(admin, run, "99999999999999999999999")).contains("2 of 2");
    assertThat(usersPage(admin, run, "2147483648")).contains("2 of 2");
    assertThat(usersPage(admin, run, "2147483647")).contains("2 of 2");
    assertThat(usersPage(admin, run, "-7")).contains("1 of 2");
    assertThat(usersPage(admin, run, "0")).contains("1 of 2");
    assertThat(usersPage(admin, run, "two")).contains("1 of 2");
    assertThat(usersPage(admin, run, "")).contains("1 of 2");
    assertThat(usersPage(admin, run, " 2 ")).contains("2 of 2");
    assertThat(usersPage(admin, "%_" + run, "1")).contains("No user matches.");
    assertThat(usersPage(admin, "x".repeat(10_000), "1")).contains("No user matches.");
  }

  @Test
  void shouldLetAUserSetTheirOwnName() {
    UUID tester = fixtures.tester("naming");

    assertThat(
            mvc.post()
                .uri("/account")
                .param("fullName", "  Ada Lovelace ")
                .with(csrf())
                .with(as(tester))
                .with(from(address)))
        .hasStatus(302)
        .hasRedirectedUrl("/account");

    assertThat(nameOf(tester)).isEqualTo("Ada Lovelace");
    assertThat(mvc.get().uri("/account").with(as(tester)))
        .hasStatusOk()
        .bodyText()
        .contains("value=\"Ada Lovelace\"", fixtures.emailOf(tester));
    Map<String, Object> unnamed = new HashMap<>();
    unnamed.put("full_name", null);
    assertThat(AuditRow.find(db, "user.rename", "resource_id = ?", tester))
        .containsExactly(
            new AuditRow(
                tester,
                "user.rename",
                "user",
                tester,
                null,
                unnamed,
                Map.of("full_name", "Ada Lovelace"),
                address));
  }

  @Test
  void shouldRefuseANameLongerThan255CharactersKeepingWhatWasTyped() {
    UUID tester = fixtures.tester("verbose");
    db.sql("UPDATE users SET full_name = 'Before' WHERE id = ?").param(tester).update();
    String tooLong = "N".repeat(256);

    assertThat(mvc.post().uri("/account").param("fullName", tooLong).with(csrf()).with(as(tester)))
        .hasStatus(400)
        .bodyText()
        .contains("A name can be at most 255 characters.", "value=\"" + tooLong + "\"");
    assertThat(nameOf(tester)).isEqualTo("Before");

    String longest = "L".repeat(255);
    assertThat(mvc.post().uri("/account").param("fullName", longest).with(csrf()).with(as(tester)))
        .hasStatus(302);
    assertThat(nameOf(tester)).isEqualTo(longest);
  }

  private MvcTestResult changeRole(UUID actor, UUID user, String role) {
    return mvc.post()
        .uri("/admin/users/{id}/role", user)
        .param("role", role)
        .param("q", "")
        .param("page", "1")
        .with(csrf())
        .with(as(actor))
        .with(from(address))
        .exchange();
  }

  private String usersPage(UUID admin, String query, String page) {
    MvcTestResult result =
        mvc.get()
            .uri("/admin/users")
            .param("q", query)
            .param("page", page)
            .with(as(admin))
            .exchange();
    assertThat(result).hasStatusOk();
    return Pages.body(result);
  }

  private static String row(String run, int i) {
    return "<td>page-%s-%02d@example.com</td>".formatted(run, i);
  }

  /** Signs {@code email} in through a stored link, and returns the session cookie. */
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

  /** A request by {@code user}, with the principal a real sign-in gives (row-level security). */
  private RequestPostProcessor as(UUID user) {
    return fixtures.person(user, Role.fromDatabase(roleOf(user))).signedIn();
  }

  private String roleOf(UUID user) {
    return db.sql("SELECT role::text FROM users WHERE id = ?")
        .param(user)
        .query(String.class)
        .single();
  }

  private String nameOf(UUID user) {
    return db.sql("SELECT full_name FROM users WHERE id = ?")
        .param(user)
        .query(String.class)
        .single();
  }
}
