package com.earshot.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pages of a refusal, as a signed-in tester meets them in Chromium, on a desktop and a phone:
 * each says what happened, and each is checked by axe-core at its step ({@link Journey#step}).
 */
@BrowserJourney
class ErrorPagesJourneyTests {

  @Test
  void aTesterWhoTakesAWrongTurnReadsWhatHappenedOnAnAccessiblePage(Journey journey) {
    // Chromium logs every answer of 400, 403 or 404 as a console error: here they are the point.
    journey.allowConsoleErrors("status of 40[034]");
    String email = Fixtures.uniqueEmail("lost");
    for (Page tester : new Page[] {journey.page(), journey.phone()}) {
      journey.signIn(tester, email);
      String where = tester == journey.page() ? "" : " on a phone";

      Response notFound = tester.navigate("/no-such-page");
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(heading(tester, "Not found")).isVisible();
      journey.step(tester, "not found" + where);

      // a form sent without its CSRF token (as one kept open past its session would be)
      tester.navigate("/account");
      tester.waitForNavigation(
          () ->
              tester.evaluate(
                  "() => { const form = document.createElement('form'); form.method = 'post';"
                      + " form.action = '/account'; document.body.append(form); form.submit(); }"));
      assertThat(heading(tester, "This form has expired")).isVisible();
      journey.step(tester, "a form expired" + where);
    }

    // An admin's form with a value no form of Earshot sends (a hand-edited request).
    Fixtures fixtures = new Fixtures();
    UUID admin = fixtures.admin("hand-editor");
    UUID playground = fixtures.abPlayground(admin);
    UUID question = fixtures.question(playground, null, "rating", null);
    Page editor = journey.anotherBrowser();
    journey.signIn(editor, fixtures.emailOf(admin));
    editor.navigate("/manage/playgrounds/" + playground);
    Response badRequest =
        editor.waitForNavigation(
            () ->
                editor.evaluate(
                    """
                    action => {
                      const form = document.createElement("form");
                      form.method = "post";
                      form.action = action;
                      for (const [name, value] of [
                          ["_csrf", document.querySelector("meta[name=_csrf]").content],
                          ["direction", "sideways"]]) {
                        const input = document.createElement("input");
                        input.type = "hidden";
                        input.name = name;
                        input.value = value;
                        form.append(input);
                      }
                      document.body.append(form);
                      form.submit();
                    }
                    """,
                    "/manage/playgrounds/" + playground + "/questions/" + question + "/move"));
    assertThat(badRequest.status()).isEqualTo(400);
    assertThat(heading(editor, "This request was not understood")).isVisible();
    journey.step(editor, "a request not understood");
  }

  private static com.microsoft.playwright.Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
