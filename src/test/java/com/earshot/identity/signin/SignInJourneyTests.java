package com.earshot.identity.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.MailInbox;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.MessagingException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in, as a person does it: in Chromium, through the real pages, with the link from a real
 * mail. The tests are independent; the order only numbers the screenshots in story order.
 */
@BrowserJourney
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInJourneyTests {

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  @Order(1)
  void aNewPersonSignsInWithTheLinkFromTheirMailAndLandsOnTheHomePage(Journey journey)
      throws MessagingException {
    String email = Fixtures.uniqueEmail("newcomer");
    Page person = journey.page();

    person.navigate("/");
    assertThat(person).hasURL(journey.url("/login"));
    assertThat(heading(person, "Sign in to Earshot")).isVisible();
    assertThat(person.getByRole(AriaRole.BUTTON, name("Sign out"))).hasCount(0);
    journey.step(person, "sign-in page");

    person.getByLabel("Email address").fill(email.toUpperCase(Locale.ROOT));
    person.getByRole(AriaRole.BUTTON, name("Email me a sign-in link")).click();
    assertThat(person).hasURL(journey.url("/login/sent"));
    assertThat(heading(person, "Check your inbox")).isVisible();
    assertThat(person.getByRole(AriaRole.MAIN)).containsText("If " + email + " may sign in");
    assertThat(person.getByRole(AriaRole.MAIN)).containsText("within 10 minutes");
    journey.step(person, "check your inbox");

    assertThat(MailInbox.lastMessageTo(email).getSubject()).isEqualTo("Your Earshot sign-in link");
    assertThat(MailInbox.signInLinkFor(email)).startsWith(MailInbox.BASE_URL + "/login/ott?token=");
    String link = MailInbox.signInPathFor(email);

    person.navigate(link);
    assertThat(heading(person, "Sign in to Earshot")).isVisible();
    assertThat(person.getByRole(AriaRole.MAIN)).containsText("You opened a sign-in link.");
    journey.step(person, "confirm sign-in");
    assertThat(usersWithEmail(email)).as("opening the link signs nobody in").isZero();
    assertThat(unusedLinksFor(email)).as("opening the link uses nothing up").isOne();

    person.getByRole(AriaRole.BUTTON, name("Sign in").setExact(true)).click();
    assertThat(heading(person, "Playgrounds")).isVisible();
    // Where they first wanted to go, with Spring Security's "?continue" marker.
    assertThat(URI.create(person.url()).getPath()).isEqualTo("/");
    assertThat(inNavigation(person, AriaRole.LINK, email)).isVisible();
    assertThat(inNavigation(person, AriaRole.BUTTON, "Sign out")).isVisible();
    assertThat(inNavigation(person, AriaRole.LINK, "Users")).hasCount(0);
    journey.step(person, "signed in on the home page");

    Map<String, Object> user = userRow(email);
    assertThat(user.get("role")).isEqualTo("tester");
    assertThat(user.get("signed_in_just_now")).isEqualTo(true);
    assertThat(unusedLinksFor(email)).as("the link is used up").isZero();
    assertThat(auditAddress("sign_in.succeeded", (UUID) user.get("id")))
        .isEqualTo(journey.clientAddressOf(person));

    Page someoneElse = journey.anotherBrowser();
    someoneElse.navigate(link);
    someoneElse.getByRole(AriaRole.BUTTON, name("Sign in").setExact(true)).click();
    assertThat(someoneElse).hasURL(journey.url("/login?invalid"));
    assertThat(someoneElse.getByRole(AriaRole.ALERT))
        .containsText("This sign-in link has expired or was already used.");
    journey.step(someoneElse, "the used link again");
  }

  @Test
  @Order(2)
  void anAdminFindsAndPromotesThePersonWhoThenSeesTheAdminPagesAndSignsOut(Journey journey) {
    String email = Fixtures.uniqueEmail("colleague");
    Page person = journey.page();
    journey.signIn(person, email);
    assertThat(inNavigation(person, AriaRole.LINK, "Users")).hasCount(0);

    Page admin = journey.anotherBrowser();
    journey.signIn(admin, BrowserJourney.ADMIN_EMAIL);
    assertThat(userRow(BrowserJourney.ADMIN_EMAIL).get("role"))
        .as("listed in earshot.sign-in.admin-emails")
        .isEqualTo("admin");
    inNavigation(admin, AriaRole.LINK, "Users").click();
    assertThat(admin).hasURL(journey.url("/admin/users"));
    assertThat(heading(admin, "Users")).isVisible();
    journey.step(admin, "users");

    admin.getByLabel("Search by email or name").fill(email);
    admin.getByRole(AriaRole.BUTTON, name("Search")).click();
    assertThat(admin.getByText("1 user", new Page.GetByTextOptions().setExact(true))).isVisible();
    Locator row =
        admin.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(email));
    assertThat(row).hasCount(1);
    assertThat(row).containsText("Tester");
    journey.step(admin, "users search finds the new person");

    row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Make admin: " + email))
        .click();
    // a confirmation first, naming what will happen
    assertThat(admin.getByRole(AriaRole.HEADING, name("Make " + email + " an admin?"))).isVisible();
    journey.screenshot(admin, "making an admin asks first");
    admin.getByRole(AriaRole.BUTTON, name("Make admin")).click();
    assertThat(admin.getByRole(AriaRole.STATUS)).hasText(email + " is now an admin.");
    assertThat(row).containsText("Admin");
    assertThat(
            row.getByRole(
                AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove admin: " + email)))
        .isVisible();
    journey.step(admin, "the new person promoted");

    Map<String, Object> promoted = userRow(email);
    assertThat(promoted.get("role")).isEqualTo("admin");
    Map<String, Object> audit =
        database
            .sql(
                """
                SELECT a.user_id, a.old_values ->> 'role' AS old_role,
                       a.new_values ->> 'role' AS new_role, host(a.ip_address) AS address
                FROM audit_log a WHERE a.action = 'user.role_change' AND a.resource_id = ?
                """)
            .param(promoted.get("id"))
            .query()
            .singleRow();
    assertThat(audit)
        .containsEntry("user_id", userRow(BrowserJourney.ADMIN_EMAIL).get("id"))
        .containsEntry("old_role", "tester")
        .containsEntry("new_role", "admin")
        .containsEntry("address", journey.clientAddressOf(admin));

    // The role change ended the person's session; their page is stale, and Sign out still works.
    inNavigation(person, AriaRole.BUTTON, "Sign out").click();
    assertThat(person).hasURL(journey.url("/login?signedOut"));
    assertThat(person.getByRole(AriaRole.STATUS)).hasText("You are signed out.");
    journey.step(person, "signed out after the role change");

    journey.signIn(person, email);
    assertThat(inNavigation(person, AriaRole.LINK, "Users")).isVisible();
    journey.step(person, "signed in again as an admin");

    inNavigation(person, AriaRole.BUTTON, "Sign out").click();
    assertThat(person).hasURL(journey.url("/login?signedOut"));
    assertThat(person.getByRole(AriaRole.STATUS)).hasText("You are signed out.");
    assertThat(inNavigation(person, AriaRole.LINK, email)).hasCount(0);
    journey.step(person, "signed out");
    person.navigate("/admin/users");
    assertThat(person).hasURL(journey.url("/login"));
  }

  @Test
  @Order(3)
  void onAPhoneTheNavigationFoldsBehindTheMenuButtonAndOpensFromIt(Journey journey) {
    Page phone = journey.phone();

    phone.navigate("/login");
    assertThat(phone.getByLabel("Email address")).isVisible();
    assertThat(fitsTheScreenWidth(phone)).as("no sideways scrolling").isTrue();
    journey.step(phone, "phone sign-in page");

    String email = journey.signInAsNewAdmin(phone);
    Locator menu = inNavigation(phone, AriaRole.BUTTON, "Menu");
    assertThat(menu).isVisible();
    assertThat(menu).hasAttribute("aria-expanded", "false");
    assertThat(inNavigation(phone, AriaRole.LINK, email)).isHidden();
    assertThat(inNavigation(phone, AriaRole.BUTTON, "Sign out")).isHidden();
    assertThat(fitsTheScreenWidth(phone)).as("no sideways scrolling").isTrue();
    journey.step(phone, "phone menu closed");

    menu.click();
    assertThat(menu).hasAttribute("aria-expanded", "true");
    assertThat(inNavigation(phone, AriaRole.LINK, "Playgrounds")).isVisible();
    assertThat(inNavigation(phone, AriaRole.LINK, "Users")).isVisible();
    assertThat(inNavigation(phone, AriaRole.LINK, email)).isVisible();
    assertThat(inNavigation(phone, AriaRole.BUTTON, "Sign out")).isVisible();
    assertThat(fitsTheScreenWidth(phone)).as("no sideways scrolling").isTrue();
    journey.step(phone, "phone menu open");

    inNavigation(phone, AriaRole.LINK, "Users").click();
    assertThat(heading(phone, "Users")).isVisible();
    assertThat(menu).hasAttribute("aria-expanded", "false");
    assertThat(fitsTheScreenWidth(phone)).as("the table scrolls, not the page").isTrue();
    journey.step(phone, "phone users");

    menu.click();
    inNavigation(phone, AriaRole.BUTTON, "Sign out").click();
    assertThat(phone.getByRole(AriaRole.STATUS)).hasText("You are signed out.");
  }

  private static Locator heading(Page page, String text) {
    return page.getByRole(AriaRole.HEADING, name(text));
  }

  private static Locator inNavigation(Page page, AriaRole role, String name) {
    return page.getByRole(AriaRole.NAVIGATION, name("Main"))
        .getByRole(role, new Locator.GetByRoleOptions().setName(name));
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  private static boolean fitsTheScreenWidth(Page page) {
    return (Boolean)
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }

  private long usersWithEmail(String email) {
    return database
        .sql("SELECT count(*) FROM users WHERE email = ?")
        .param(email)
        .query(Long.class)
        .single();
  }

  private long unusedLinksFor(String email) {
    return database
        .sql("SELECT count(*) FROM one_time_tokens WHERE username = ?")
        .param(email)
        .query(Long.class)
        .single();
  }

  private Map<String, Object> userRow(String email) {
    return database
        .sql(
            """
            SELECT id, role::text AS role,
                   last_login > now()::timestamp - interval '1 minute' AS signed_in_just_now
            FROM users WHERE email = ?
            """)
        .param(email)
        .query()
        .singleRow();
  }

  private String auditAddress(String action, UUID user) {
    return database
        .sql(
            """
            SELECT host(ip_address) FROM audit_log
            WHERE action = ? AND resource_id = ? ORDER BY created_at DESC LIMIT 1
            """)
        .params(action, user)
        .query(String.class)
        .single();
  }
}
