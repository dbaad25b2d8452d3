package com.earshot.playground;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.Axe;
import com.earshot.support.BrowserJourney;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Editing a playground without losing work, in Chromium: a failed save brings the admin to the
 * field to fix, said at the top of the page; a save that would discard another form's unsaved edits
 * names that form first.
 */
@BrowserJourney
class EditorJourneyTests {

  private final Fixtures fixtures = new Fixtures();

  @Test
  void aFailedSaveIsSaidAtTheTopAndBringsTheAdminToTheFieldOnDesktopAndPhone(Journey journey) {
    journey.allowConsoleErrors("status of 400");
    for (Page admin : new Page[] {journey.page(), journey.phone()}) {
      UUID owner = fixtures.admin("editor");
      UUID id = fixtures.abPlayground(owner);
      journey.signIn(admin, fixtures.emailOf(owner));
      admin.navigate("/manage/playgrounds/" + id);

      admin.locator("#model_b-max").fill("minus three");
      admin
          .locator("#model-model_b")
          .getByRole(
              AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save model").setExact(true))
          .click();

      assertThat(admin.locator("#not-saved"))
          .containsText("Model B not saved: 1 thing to fix, marked at its field.");
      assertThat(admin.locator("#model_b-max")).isFocused();
      assertThat(admin.locator("#model_b-max")).isInViewport();
      assertThat(admin.locator("#model_b-max")).hasValue("minus three");
      journey.step(admin, "a model not saved, its field focused");
      assertThat(Axe.violations(admin)).isEmpty();
    }
  }

  @Test
  void aSaveThatWouldDiscardAnotherFormsEditsNamesItFirst(Journey journey) {
    Page admin = journey.page();
    UUID owner = fixtures.admin("editor");
    UUID id = fixtures.abPlayground(owner);
    String name = nameOf(id);
    journey.signIn(admin, fixtures.emailOf(owner));
    admin.navigate("/manage/playgrounds/" + id);

    admin.getByLabel("Emails and @domains").fill("ann@example.com");
    admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name + " (v2)");
    admin.getByRole(AriaRole.BUTTON, name("Save details")).click();

    assertThat(admin.locator("#details .unsaved-elsewhere"))
        .hasText(
            "Not saved yet: Who may take part also has changes, which this save would discard."
                + " Save that first, or press this button again to save this form and discard"
                + " them.");
    assertThat(admin.getByLabel("Emails and @domains")).hasValue("ann@example.com");
    assertThat(nameOf(id)).as("nothing was sent").isEqualTo(name);
    journey.step(admin, "a save that would discard the access list");
    assertThat(Axe.violations(admin)).isEmpty();

    admin.getByRole(AriaRole.BUTTON, name("Save details")).click();

    assertThat(admin.locator(".alert-success")).hasText("Details saved.");
    assertThat(nameOf(id)).isEqualTo(name + " (v2)");
    assertThat(admin.getByLabel("Emails and @domains")).hasValue("");
  }

  private static String nameOf(UUID playground) {
    return TestDatabase.superuserJdbc()
        .sql("SELECT name FROM playgrounds WHERE id = ?")
        .param(playground)
        .query(String.class)
        .single();
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }
}
