package com.earshot.playground;

import static com.earshot.support.Fixtures.choice;
import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.page;
import static com.earshot.support.Pages.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.playground.Authoring.ModelRow;
import com.earshot.playground.Authoring.PlaygroundRow;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Manage › Playgrounds as the admin's browser uses it: forms, pages, redirects and the database.
 */
@EarshotTest
class ManagePlaygroundsWebTests {

  private static final String HOSTILE_SUPPORT_TEXT =
      "<h2>Your task</h2><p>Book a table for <b>two</b>.</p>"
          + "<script>alert('support')</script>"
          + "<img src=x onerror=\"alert('img')\">"
          + "<iframe src=\"https://evil.example/frame\"></iframe>"
          + "<p style=\"position:fixed;top:0;left:0;width:100%\" onclick=\"alert('p')\">Read this</p>"
          + "<a href=\"javascript:alert('link')\">click</a>"
          + "<a href=\"https://help.example.com/task\" onmouseover=\"alert('hover')\">help</a>"
          + "<style>body{display:none}</style>"
          + "<svg><animate onbegin=\"alert('svg')\"/></svg>";

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  // --- create ---------------------------------------------------------------------------------

  @Test
  void shouldCreateAnAbTestWithBothModelsCountersAndOneAuditRow() {
    Person admin = world.admin("web-create");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(
                abForm(
                    "Voices, round 1",
                    "description",
                    "Which voice do callers prefer?",
                    "access",
                    "ann@example.com, @Acme.com"))
            .exchange();

    List<UUID> mine = world.playgroundsOf(admin);
    assertThat(mine).hasSize(1);
    UUID id = mine.get(0);
    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id)
        .flash()
        .containsEntry("notice", "Playground created. Now add the questions.");
    PlaygroundRow row = world.playground(id);
    assertThat(row)
        .extracting(
            PlaygroundRow::name,
            PlaygroundRow::type,
            PlaygroundRow::description,
            PlaygroundRow::active,
            PlaygroundRow::status,
            PlaygroundRow::restrictedEmails)
        .containsExactly(
            "Voices, round 1",
            "ab_testing",
            "Which voice do callers prefer?",
            false,
            "draft",
            List.of("ann@example.com", "@acme.com"));
    assertThat(world.models(id))
        .extracting(
            ModelRow::key,
            ModelRow::name,
            ModelRow::embedCode,
            ModelRow::maxEvaluations,
            ModelRow::configurationVersion,
            ModelRow::count)
        .containsExactly(
            tuple("model_a", "Warm voice", Authoring.SNIPPET, 30, 1, 0),
            tuple("model_b", "Crisp voice", "agent_crisp42", 40, 1, 0));

    assertThat(world.auditBy(admin))
        .containsExactly(
            new AuditRow(
                admin.id(),
                "playground.create",
                "playground",
                id,
                id,
                null,
                Map.of(
                    "name",
                    "Voices, round 1",
                    "type",
                    "ab_testing",
                    "status",
                    "draft",
                    "restricted_emails",
                    List.of("ann@example.com", "@acme.com"),
                    "model_a",
                    Map.of("model_name", "Warm voice", "max_evaluations", 30),
                    "model_b",
                    Map.of("model_name", "Crisp voice", "max_evaluations", 40)),
                "127.0.0.1"));
    assertThat(world.auditTimesOf(admin)).containsExactly(row.createdAt());
  }

  @Test
  void shouldCreateATuningPlaygroundFromTheFormWithItsOneModel() {
    Person admin = world.admin("web-tuning");
    assertThat(
            page(mvc.get()
                    .uri("/manage/playgrounds/new?type=tuning")
                    .with(admin.signedIn())
                    .exchange())
                .select("textarea[name$=embedCode]"))
        .hasSize(1);

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .param("type", "TUNING")
            .param("name", "Support bot tuning")
            .param("models[0].name", "Support bot")
            .param("models[0].embedCode", "agent_support1")
            .param("models[0].maxEvaluations", "")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.FOUND);
    UUID id = single(world.playgroundsOf(admin));
    assertThat(world.playground(id).type()).isEqualTo("tuning");
    assertThat(world.models(id))
        .extracting(ModelRow::key, ModelRow::name, ModelRow::maxEvaluations, ModelRow::count)
        .containsExactly(tuple("model_a", "Support bot", null, 0));
    Map<String, Object> created = single(world.auditBy(admin)).newValues();
    Map<String, Object> modelA = new HashMap<>();
    modelA.put("model_name", "Support bot");
    modelA.put("max_evaluations", null);
    assertThat(created).containsEntry("model_a", modelA).containsEntry("type", "tuning");
  }

  @Test
  void shouldRefuseATuningPlaygroundPostedWithTwoModelsAndStoreNothing() {
    Person admin = world.admin("web-tuning-two");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm("Two in tuning", "type", "TUNING"))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(page.select(".alert-danger").eachText())
        .contains("A tuning playground has exactly one model.");
    assertThat(valueOf(page, "name")).isEqualTo("Two in tuning");
    assertThat(world.playgroundsOf(admin)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "models[300].name | An A/B test has exactly two models, A and B.",
        "models[-1].name | Some of this came in rows the form does not have: reload the page and"
            + " enter it again.",
        "models[abc].name | Some of this came in rows the form does not have: reload the page and"
            + " enter it again.",
        "models[1].name[0] | Some of this came in rows the form does not have: reload the page and"
            + " enter it again.",
        "type | This is not a value the form offers: reload the page and try again."
      })
  void shouldGiveTheFormBackForAFieldThatCannotBeBoundAndStoreNothing(
      String field, String message) {
    Person admin = world.admin("web-rows");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm("Rows", field, "Stray model"))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(page.select(".alert-danger").eachText()).contains(message);
    assertThat(valueOf(page, "name")).isEqualTo("Rows");
    assertThat(valueOf(page, "models0-name")).isEqualTo("Warm voice");
    assertThat(valueOf(page, "models1-embedCode")).isEqualTo("agent_crisp42");
    if (field.equals("models[300].name")) {
      assertThat(valueOf(page, "models2-name"))
          .as("the stray model, kept")
          .isEqualTo("Stray model");
    }
    assertThat(world.playgroundsOf(admin)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldSayANameIsRequiredAndKeepEverythingTyped() {
    Person admin = world.admin("web-noname");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(
                abForm(
                    "   ",
                    "description",
                    "Kept description",
                    "supportText",
                    "<p>Kept support</p>",
                    "access",
                    "kept@example.com"))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "name")).isEqualTo("A name is required.");
    assertThat(page.getElementById("name").hasClass("is-invalid")).isTrue();
    assertThat(valueOf(page, "description")).isEqualTo("Kept description");
    assertThat(valueOf(page, "models0-name")).isEqualTo("Warm voice");
    assertThat(valueOf(page, "models0-embedCode")).isEqualTo(Authoring.SNIPPET);
    assertThat(valueOf(page, "models0-maxEvaluations")).isEqualTo("30");
    assertThat(valueOf(page, "models1-name")).isEqualTo("Crisp voice");
    assertThat(valueOf(page, "models1-embedCode")).isEqualTo("agent_crisp42");
    assertThat(valueOf(page, "supportText")).isEqualTo("<p>Kept support</p>");
    assertThat(valueOf(page, "access")).isEqualTo("kept@example.com");
    assertThat(world.playgroundsOf(admin)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldRefuseANameOfMoreThan255CharactersAndKeepIt() {
    Person admin = world.admin("web-longname");
    String name = "n".repeat(256);

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm(name))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "name")).isEqualTo("At most 255 characters (this has 256).");
    assertThat(valueOf(page, "name")).isEqualTo(name);
    assertThat(world.playgroundsOf(admin)).isEmpty();

    mvc.post()
        .uri("/manage/playgrounds")
        .with(admin.signedIn())
        .with(csrf())
        .params(abForm("n".repeat(255)))
        .exchange();
    assertThat(world.playgroundsOf(admin)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<elevenlabs-convai agent-id=\"agent_x1\"></elevenlabs-convai><img src=x onerror=alert(1)>",
        "<elevenlabs-convai agent-id=\"agent_x1\"></elevenlabs-convai><script>alert(1)</script>",
        "<elevenlabs-convai agent-id=\"agent_x1\" avatar-image-url=\"javascript:alert(1)\">"
            + "</elevenlabs-convai>",
        "<elevenlabs-convai agent-id=\"agent_x1\" onerror=\"alert(1)\"></elevenlabs-convai>",
        "<elevenlabs-convai agent-id=\"agent_x1\"></elevenlabs-convai>"
            + "<script src=\"https://evil.example/@elevenlabs/convai-widget-embed\"></script>",
        "<elevenlabs-convai agent-id=\"agent_x1\"></elevenlabs-convai><iframe src=\"x\"></iframe>",
        "<a href=\"javascript:alert(1)\">agent_x1</a>",
        "agent x1; DROP TABLE playgrounds"
      })
  void shouldRefuseAHostileEmbedCodeAtItsFieldAndStoreNothing(String embedCode) {
    Person admin = world.admin("web-hostile");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm("Hostile", "models[1].embedCode", embedCode))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    // what the parser says is what the admin reads
    String expected = parserMessage(embedCode);
    assertThat(errorAt(page, "models1-embedCode")).isEqualTo(expected);
    assertThat(errorAt(page, "models0-embedCode")).isNull();
    assertThat(valueOf(page, "models1-embedCode")).isEqualTo(embedCode);
    // kept as text in the text area, never as markup
    assertThat(page.select("body script:not([src])")).isEmpty();
    assertThat(page.select("img, iframe, elevenlabs-convai, a[href^=javascript]")).isEmpty();
    assertThat(world.playgroundsOf(admin)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldAcceptTheElevenLabsSnippetAndABareAgentIdAndSayWhatWasUnderstood() {
    Person admin = world.admin("web-snippet");
    String pasted =
        "\n  <elevenlabs-convai agent-id=\"agent_01jx7abc\" variant=\"compact\"></elevenlabs-convai>\n"
            + "<script src=\"https://unpkg.com/@elevenlabs/convai-widget-embed\" async"
            + " type=\"text/javascript\"></script>\n";

    mvc.post()
        .uri("/manage/playgrounds")
        .with(admin.signedIn())
        .with(csrf())
        .params(
            abForm(
                "Snippets",
                "models[0].embedCode",
                pasted,
                "models[1].embedCode",
                "  agent_bare_42  "))
        .exchange();

    UUID id = single(world.playgroundsOf(admin));
    assertThat(world.models(id))
        .extracting(ModelRow::embedCode)
        .containsExactly(pasted.strip(), "agent_bare_42");
    Document editor = page(edit(admin, id));
    assertThat(editor.select("#model-model_a code").text())
        .isEqualTo("Agent agent_01jx7abc · variant=compact");
    assertThat(editor.select("#model-model_b code").text()).isEqualTo("Agent agent_bare_42");
  }

  @Test
  void shouldExplainEachWrongLimitAtItsField() {
    Person admin = world.admin("web-limits");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(
                abForm(
                    "Limits", "models[0].maxEvaluations", "ten", "models[1].maxEvaluations", "0"))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "models0-maxEvaluations")).isEqualTo("A whole number of at least 1.");
    assertThat(valueOf(page, "models0-maxEvaluations")).isEqualTo("ten");
    assertThat(errorAt(page, "models1-maxEvaluations")).isEqualTo("A whole number of at least 1.");
    assertThat(valueOf(page, "models1-maxEvaluations")).isEqualTo("0");

    Document missing =
        page(
            mvc.post()
                .uri("/manage/playgrounds")
                .with(admin.signedIn())
                .with(csrf())
                .params(abForm("Limits", "models[1].maxEvaluations", ""))
                .exchange());
    assertThat(errorAt(missing, "models1-maxEvaluations"))
        .isEqualTo("How many evaluations should this model get?");
    assertThat(errorAt(missing, "models0-maxEvaluations")).isNull();

    Document huge =
        page(
            mvc.post()
                .uri("/manage/playgrounds")
                .with(admin.signedIn())
                .with(csrf())
                .params(
                    abForm(
                        "Limits",
                        "models[0].maxEvaluations",
                        "99999999999",
                        "models[1].maxEvaluations",
                        "-3"))
                .exchange());
    assertThat(errorAt(huge, "models0-maxEvaluations")).isEqualTo("A whole number of at least 1.");
    assertThat(errorAt(huge, "models1-maxEvaluations")).isEqualTo("A whole number of at least 1.");
    assertThat(world.playgroundsOf(admin)).isEmpty();
  }

  // --- support text ---------------------------------------------------------------------------

  @Test
  void shouldStoreAndShowOnlyTheSafePartOfTheSupportText() {
    Person admin = world.admin("web-support");

    mvc.post()
        .uri("/manage/playgrounds")
        .with(admin.signedIn())
        .with(csrf())
        .params(abForm("Support", "supportText", HOSTILE_SUPPORT_TEXT))
        .exchange();

    UUID id = single(world.playgroundsOf(admin));
    String stored = world.playground(id).supportText();
    assertThat(stored)
        .contains("<h2>Your task</h2>", "<p>Book a table for <b>two</b>.</p>", "Read this")
        .contains(
            "<a href=\"https://help.example.com/task\" rel=\"noopener noreferrer nofollow\""
                + " target=\"_blank\">help</a>");
    assertNothingHostile(stored);

    String editor = body(edit(admin, id));
    assertNothingHostile(editor);
    // shown under the editor's own section heading: the admin's <h2> nests as an <h3>
    assertThat(page(edit(admin, id)).select("#support-preview h3").text()).isEqualTo("Your task");

    MvcTestResult preview = preview(admin, id, "model_a");
    assertThat(preview).hasStatusOk();
    assertNothingHostile(body(preview));
    assertThat(page(preview).select(".support-text b").text()).isEqualTo("two");
  }

  @Test
  void shouldSanitizeSupportTextEditedLaterAndInTheLivePreview() {
    Person admin = world.admin("web-support-edit");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult saved =
        mvc.post()
            .uri("/manage/playgrounds/{id}/details", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", detailsVersion(admin, id))
            .param("name", "Support edited")
            .param("supportText", HOSTILE_SUPPORT_TEXT)
            .exchange();

    assertThat(saved).hasStatus(HttpStatus.FOUND);
    assertNothingHostile(world.playground(id).supportText());
    assertNothingHostile(body(edit(admin, id)));
    assertNothingHostile(body(preview(admin, id, "model_b")));

    MvcTestResult live =
        mvc.post()
            .uri("/manage/playgrounds/support-text-preview")
            .with(admin.signedIn())
            .with(csrf())
            .param("supportText", HOSTILE_SUPPORT_TEXT)
            .exchange();
    assertThat(live).hasStatusOk();
    assertNothingHostile(body(live));
    assertThat(body(live)).contains("<h3>Your task</h3>"); // nested as in the editor
  }

  @Test
  void shouldKeepHostileSupportTextAsInertTextWhenTheFormComesBack() {
    Person admin = world.admin("web-support-error");

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm("", "supportText", HOSTILE_SUPPORT_TEXT))
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(valueOf(page, "supportText")).isEqualTo(HOSTILE_SUPPORT_TEXT);
    assertThat(body(result))
        .doesNotContain("<script>alert", "<img src=x", "<iframe", "<p style=", "<svg");
    assertThat(page.select("iframe, img, svg, style, p[style]")).isEmpty();
    assertThat(world.playgroundsOf(admin)).isEmpty();
  }

  // --- preview --------------------------------------------------------------------------------

  @Test
  void shouldPreviewTheCanonicalWidgetNeverThePastedText() {
    Person admin = world.admin("web-preview");
    UUID id = world.fixtures.abPlayground(admin.id());
    String pasted =
        "<elevenlabs-convai   variant='compact'\n  AGENT-ID=\"agent_canon_1\"   action-text='Talk \"now\"'"
            + " ></elevenlabs-convai>\n\n<script type=\"text/javascript\" async"
            + " src=\"https://unpkg.com/@elevenlabs/convai-widget-embed\"></script>";
    world
        .db
        .sql(
            "UPDATE model_configurations SET embed_code = ? WHERE playground_id = ? AND model_key = 'model_b'")
        .params(pasted, id)
        .update();
    long sessions = world.count("evaluation_sessions", id);

    MvcTestResult preview = preview(admin, id, "model_b");

    assertThat(preview).hasStatusOk();
    String html = body(preview);
    assertThat(html)
        .contains(
            "<elevenlabs-convai agent-id=\"agent_canon_1\" action-text=\"Talk &quot;now&quot;\""
                + " variant=\"compact\" placement=\"bottom\" user-id=\"earshot-preview\">"
                + "</elevenlabs-convai>")
        .doesNotContain(pasted)
        .doesNotContain("AGENT-ID")
        .doesNotContain("Model model_b");
    assertThat(page(preview).select("elevenlabs-convai")).hasSize(1);
    assertThat(page(preview).select("script[src=" + WidgetSettings.PINNED_SCRIPT_URL + "]"))
        .as("the pinned script, not the pasted one")
        .hasSize(1);
    assertThat(page(preview).select("script:not([src])")).isEmpty();

    String policy = preview.getResponse().getHeader("Content-Security-Policy");
    assertThat(policy)
        .contains(
            "script-src 'self' https://unpkg.com/@elevenlabs/convai-widget-embed@0.5.4/dist/index.js"
                + " blob:");
    assertThat(edit(admin, id).getResponse().getHeader("Content-Security-Policy"))
        .contains("script-src 'self';")
        .doesNotContain("unpkg.com");
    assertThat(preview.getResponse().getHeaders("Content-Security-Policy")).hasSize(1);

    // nothing was started, counted or answered
    assertThat(world.count("evaluation_sessions", id)).isEqualTo(sessions);
    assertThat(world.models(id)).extracting(ModelRow::count).containsOnly(0);
  }

  @Test
  void shouldPreviewEachModelsOwnQuestionsOnly() {
    Person admin = world.admin("web-preview-questions");
    UUID id = world.fixtures.abPlayground(admin.id());
    rename(world.fixtures.question(id, null, "rating", null), "About both");
    rename(world.fixtures.question(id, "model_a", "input_string", null), "Only about A");
    rename(world.fixtures.question(id, "model_b", "input_string", null), "Only about B");

    Document a = page(preview(admin, id, "model_a"));
    Document b = page(preview(admin, id, "model_b"));

    assertThat(a.select("fieldset.question legend").eachText())
        .containsExactly("1. About both * (required)", "2. Only about A * (required)");
    assertThat(b.select("fieldset.question legend").eachText())
        .containsExactly("1. About both * (required)", "2. Only about B * (required)");
    assertThat(a.select("fieldset.question[disabled]")).isEmpty();
  }

  private void rename(UUID question, String text) {
    world
        .db
        .sql("UPDATE questions SET question_text = ? WHERE id = ?")
        .params(text, question)
        .update();
  }

  @Test
  void shouldAnswer404ForAModelATuningPlaygroundDoesNotHave() {
    Person admin = world.admin("web-preview-tuning");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    assertThat(preview(admin, id, "model_a")).hasStatusOk();
    assertThat(preview(admin, id, "model_b")).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(preview(admin, id, "model_c")).hasStatus(HttpStatus.NOT_FOUND);
  }

  // --- editing --------------------------------------------------------------------------------

  @Test
  void shouldSaveTheDetailsAndAuditOnlyWhatChanged() {
    Person admin = world.admin("web-details");
    UUID id = world.fixtures.abPlayground(admin.id());
    String oldName = world.playground(id).name();

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/details", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", detailsVersion(admin, id))
            .param("name", "  Renamed  ")
            .param("description", "")
            .param("supportText", "")
            .exchange();

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#details")
        .flash()
        .containsEntry("notice", "Details saved.");
    PlaygroundRow row = world.playground(id);
    assertThat(row.name()).isEqualTo("Renamed");
    AuditRow audit = single(world.auditBy(admin));
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "playground.update",
                "playground",
                id,
                id,
                Map.of("name", oldName),
                Map.of("name", "Renamed"),
                "127.0.0.1"));
    assertThat(world.auditTimesOf(admin)).containsExactly(row.updatedAt());
  }

  @Test
  void shouldRefuseAStaleDetailsEditKeepingWhatWasTypedAndTheColleaguesChange() {
    Person admin = world.admin("web-stale");
    UUID id = world.fixtures.abPlayground(admin.id());
    String opened = detailsVersion(admin, id);
    world
        .db
        .sql("UPDATE playgrounds SET name = 'The colleague''s name' WHERE id = ?")
        .param(id)
        .update();

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/details", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", opened)
            .param("name", "My name")
            .param("description", "My description")
            .param("supportText", "<p>My support</p>")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.CONFLICT);
    Document page = page(result);
    assertThat(page.select(".alert-warning").text())
        .isEqualTo(
            "Someone changed this playground after you opened it. Your changes are below and were"
                + " not saved: compare them with the current version, then save again.");
    assertThat(valueOf(page, "name")).isEqualTo("My name");
    assertThat(valueOf(page, "description")).isEqualTo("My description");
    assertThat(valueOf(page, "supportText")).isEqualTo("<p>My support</p>");
    assertThat(page.select("h1").text()).isEqualTo("The colleague's name");
    assertThat(world.playground(id))
        .extracting(PlaygroundRow::name, PlaygroundRow::description, PlaygroundRow::supportText)
        .containsExactly("The colleague's name", null, null);
    assertThat(world.auditBy(admin)).isEmpty();

    // the page now carries the new version: saving again works
    assertThat(page.select("#details input[name=version]").val()).isNotEqualTo(opened);
  }

  @Test
  void shouldTreatAGarbledVersionAsStale() {
    Person admin = world.admin("web-garbled");
    UUID id = world.fixtures.abPlayground(admin.id());
    String name = world.playground(id).name();

    for (String version :
        List.of(
            "",
            "yesterday",
            "2026-02-30T10:00",
            "+999999999-12-31T23:59:59",
            "-999999999-01-01T00:00:00")) {
      assertThat(
              mvc.post()
                  .uri("/manage/playgrounds/{id}/details", id)
                  .with(admin.signedIn())
                  .with(csrf())
                  .param("version", version)
                  .param("name", "Never")
                  .exchange())
          .as(version)
          .hasStatus(HttpStatus.CONFLICT);
    }
    assertThat(world.playground(id).name()).isEqualTo(name);
  }

  @Test
  void shouldKeepTheTypedDetailsWithAMessageAtTheName() {
    Person admin = world.admin("web-details-invalid");
    UUID id = world.fixtures.abPlayground(admin.id());
    String name = world.playground(id).name();

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/details", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", detailsVersion(admin, id))
            .param("name", "")
            .param("description", "Typed description")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "name")).isEqualTo("A name is required.");
    assertThat(valueOf(page, "name")).isEmpty();
    assertThat(valueOf(page, "description")).isEqualTo("Typed description");
    assertThat(world.playground(id).name()).isEqualTo(name);
    assertThat(world.playground(id).description()).isNull();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldSayAtTheTopThatAFormWasNotSavedAndFocusItsFirstFieldToFix() {
    Person admin = world.admin("web-not-saved");
    UUID id = world.fixtures.abPlayground(admin.id());

    Document one = page(saveModel(admin, id, "model_b", "Model model_b", "agent_model_b", "-3"));
    Document two = page(saveModel(admin, id, "model_b", " ", "<script>", "ten"));

    assertThat(one.select("#not-saved span").text())
        .isEqualTo("Model B not saved: 1 thing to fix, marked at its field.");
    assertThat(one.select("#not-saved a").attr("href")).isEqualTo("#model-model_b");
    assertThat(one.select("[autofocus]").eachAttr("id")).containsExactly("model_b-max");
    assertThat(two.select("#not-saved span").text())
        .isEqualTo("Model B not saved: 3 things to fix, marked at their fields.");
    assertThat(two.select("[autofocus]").eachAttr("id"))
        .as("the fields to fix, the first of which the browser focuses")
        .containsExactly("model_b-name", "model_b-embedCode", "model_b-max");
    assertThat(page(edit(admin, id)).select("#not-saved, [autofocus]")).isEmpty();
  }

  @Test
  void shouldRefuseTwoModelsOfOnePlaygroundWithTheSameName() {
    Person admin = world.admin("web-same-name");

    MvcTestResult created =
        mvc.post()
            .uri("/manage/playgrounds")
            .with(admin.signedIn())
            .with(csrf())
            .params(abForm("Same names", "models[1].name", "  warm VOICE "))
            .exchange();
    UUID id = world.fixtures.abPlayground(admin.id());
    MvcTestResult renamed = saveModel(admin, id, "model_b", "MODEL model_a", "agent_model_b", "50");

    assertThat(created).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(created), "models1-name"))
        .isEqualTo(
            "Model A is already called \u201cWarm voice\u201d: give this model a name of its own,"
                + " so that Insights and the exports tell them apart.");
    assertThat(valueOf(page(created), "models1-name")).isEqualTo("  warm VOICE ");
    assertThat(renamed).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(renamed), "model_b-name"))
        .startsWith("Model A is already called \u201cModel model_a\u201d");
    assertThat(world.model(id, "model_b").name()).isEqualTo("Model model_b");
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldSaveAModelBumpingItsVersionOnlyForNameOrEmbedCodeAndAuditTheChange() {
    Person admin = world.admin("web-model");
    UUID id = world.fixtures.abPlayground(admin.id());
    ModelRow before = world.model(id, "model_b");

    MvcTestResult limitOnly =
        saveModel(admin, id, "model_b", "Model model_b", "agent_model_b", "60");

    assertThat(limitOnly)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#model-model_b")
        .flash()
        .containsEntry("notice", "Model B saved.");
    assertThat(world.model(id, "model_b"))
        .extracting(ModelRow::maxEvaluations, ModelRow::configurationVersion)
        .containsExactly(60, 1);
    AuditRow limitAudit = single(world.auditBy(admin));
    assertThat(limitAudit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "model.update",
                "model_configuration",
                before.id(),
                id,
                Map.of("max_evaluations", 50),
                Map.of("max_evaluations", 60),
                "127.0.0.1"));

    saveModel(admin, id, "model_b", "Model B, calmer", Authoring.SNIPPET, "60");

    assertThat(world.model(id, "model_b"))
        .extracting(ModelRow::name, ModelRow::embedCode, ModelRow::configurationVersion)
        .containsExactly("Model B, calmer", Authoring.SNIPPET, 2);
    assertThat(world.model(id, "model_a").configurationVersion()).isEqualTo(1);
    List<AuditRow> audits = world.auditBy(admin);
    assertThat(audits).hasSize(2);
    assertThat(audits.get(1).oldValues())
        .containsOnly(
            entry("model_name", "Model model_b"),
            entry("embed_code", "agent_model_b"),
            entry("configuration_version", 1));
    assertThat(audits.get(1).newValues())
        .containsOnly(
            entry("model_name", "Model B, calmer"),
            entry("embed_code", Authoring.SNIPPET),
            entry("configuration_version", 2));
    assertThat(page(edit(admin, id)).select("#model-model_b .small").first().text())
        .startsWith("Version 2");
  }

  @Test
  void shouldNotLowerALimitBelowTheSubmittedCountAndKeepWhatWasTyped() {
    Person admin = world.admin("web-model-limit");
    UUID id = world.fixtures.abPlayground(admin.id());
    world.fixtures.setCount(id, "model_a", 12);

    MvcTestResult result = saveModel(admin, id, "model_a", "Typed name", "agent_typed1", "11");

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "model_a-max"))
        .isEqualTo("12 evaluations are already submitted: the limit cannot be lower.");
    assertThat(valueOf(page, "model_a-max")).isEqualTo("11");
    assertThat(valueOf(page, "model_a-name")).isEqualTo("Typed name");
    assertThat(valueOf(page, "model_a-embedCode")).isEqualTo("agent_typed1");
    assertThat(valueOf(page, "model_b-name")).isEqualTo("Model model_b");
    assertThat(errorAt(page, "model_b-max")).isNull();
    assertThat(world.model(id, "model_a"))
        .extracting(ModelRow::name, ModelRow::maxEvaluations, ModelRow::configurationVersion)
        .containsExactly("Model model_a", 50, 1);
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldRefuseAHostileEmbedCodeWhenEditingAModel() {
    Person admin = world.admin("web-model-hostile");
    UUID id = world.fixtures.abPlayground(admin.id());
    String hostile =
        "<elevenlabs-convai agent-id=\"agent_x1\" onload=\"alert(1)\"></elevenlabs-convai>";

    MvcTestResult result = saveModel(admin, id, "model_a", "Model model_a", hostile, "50");

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "model_a-embedCode"))
        .isEqualTo("Event-handler attributes like \"onload\" are not allowed.");
    assertThat(valueOf(page, "model_a-embedCode")).isEqualTo(hostile);
    assertThat(page.select("elevenlabs-convai")).isEmpty();
    assertThat(world.model(id, "model_a").embedCode()).isEqualTo("agent_model_a");
  }

  @Test
  void shouldRefuseAStaleModelEditWith409KeepingTheTypedValues() {
    Person admin = world.admin("web-model-stale");
    UUID id = world.fixtures.abPlayground(admin.id());
    String opened = modelVersion(admin, id, "model_a");
    world
        .db
        .sql(
            "UPDATE model_configurations SET model_name = 'Colleague' WHERE playground_id = ? AND model_key = 'model_a'")
        .param(id)
        .update();

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/models/model_a", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", opened)
            .param("name", "Mine")
            .param("embedCode", "agent_mine_1")
            .param("maxEvaluations", "70")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.CONFLICT);
    Document page = page(result);
    assertThat(page.select(".alert-warning").text())
        .startsWith("Someone changed this model after you opened it.");
    assertThat(valueOf(page, "model_a-name")).isEqualTo("Mine");
    assertThat(valueOf(page, "model_a-embedCode")).isEqualTo("agent_mine_1");
    assertThat(valueOf(page, "model_a-max")).isEqualTo("70");
    assertThat(world.model(id, "model_a"))
        .extracting(ModelRow::name, ModelRow::embedCode, ModelRow::maxEvaluations)
        .containsExactly("Colleague", "agent_model_a", 50);
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldSaveAPastedAllowListAndMakeItPublicWhenEmptied() {
    Person admin = world.admin("web-access");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult result =
        saveAccess(
            admin,
            id,
            "Ann@Example.com,bob@example.org\n@acme.com carol@example.net\nann@example.com");

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#access");
    List<String> list =
        List.of("ann@example.com", "bob@example.org", "@acme.com", "carol@example.net");
    assertThat(world.playground(id).restrictedEmails()).isEqualTo(list);
    Document editor = page(edit(admin, id));
    assertThat(valueOf(editor, "access-list")).isEqualTo(String.join("\n", list));
    assertThat(editor.select(".badge").eachText()).contains("Restricted (4)");

    saveAccess(admin, id, "");

    assertThat(world.playground(id).restrictedEmails()).isNull();
    assertThat(page(edit(admin, id)).select(".badge").eachText()).contains("Every signed-in user");
    List<AuditRow> audits = world.auditBy(admin);
    assertThat(audits).extracting(AuditRow::action).containsOnly("playground.update");
    assertThat(audits.get(0).oldValues()).containsOnly(entry("restricted_emails", null));
    assertThat(audits.get(0).newValues()).containsOnly(entry("restricted_emails", list));
    assertThat(audits.get(1).oldValues()).containsOnly(entry("restricted_emails", list));
    assertThat(audits.get(1).newValues()).containsOnly(entry("restricted_emails", null));
  }

  @Test
  void shouldNameTheInvalidAllowListEntriesAtTheFieldAndKeepTheList() {
    Person admin = world.admin("web-access-invalid");
    UUID id =
        world.fixtures.playground(admin.id(), "ab_testing", true, List.of("keep@example.com"));
    String typed = "ok@example.com, not-an-email\n@no_such_domain  <script>@x.com";

    MvcTestResult result = saveAccess(admin, id, typed);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "access-list"))
        .isEqualTo(
            "These entries are neither an email address nor an @domain: not-an-email,"
                + " @no_such_domain, <script>@x.com.");
    assertThat(valueOf(page, "access-list")).isEqualTo(typed);
    assertThat(page.select("body script:not([src])")).isEmpty();
    assertThat(world.playground(id).restrictedEmails()).containsExactly("keep@example.com");
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldQuoteWhatWasTypedInAMessageAsTyped() {
    Person admin = world.admin("web-access-literal");
    UUID id = world.fixtures.abPlayground(admin.id());
    String typed = "{0} 'quoted' ${7*7} {message} back\\slash";

    MvcTestResult result = saveAccess(admin, id, typed);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "access-list"))
        .isEqualTo(
            "These entries are neither an email address nor an @domain: {0}, 'quoted', ${7*7},"
                + " {message}, back\\slash.");
    assertThat(valueOf(page, "access-list")).isEqualTo(typed);
  }

  // --- delete, duplicate -------------------------------------------------------------------

  @Test
  void shouldDeleteAPlaygroundNobodyAnsweredAndAuditIt() {
    Person admin = world.admin("web-delete");
    UUID id = world.fixtures.abPlayground(admin.id());
    String name = world.playground(id).name();
    world.fixtures.selectQuestion(id, "model_a", "yes", "no");
    assertThat(page(edit(admin, id)).select("#danger a").text()).isEqualTo("Delete playground…");

    MvcTestResult result = delete(admin, id);

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds")
        .flash()
        .containsEntry("notice", "Playground deleted.");
    assertThat(world.exists(id)).isFalse();
    for (String table : List.of("model_configurations", "evaluation_counters", "questions")) {
      assertThat(world.count(table, id)).as(table).isZero();
    }
    AuditRow audit = single(world.auditBy(admin));
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "playground.delete",
                "playground",
                id,
                id,
                Map.of("name", name, "type", "ab_testing"),
                null,
                "127.0.0.1"));
    assertThat(edit(admin, id)).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseToDeleteAPlaygroundWithEvaluationsAndExplainWhy() {
    Person admin = world.admin("web-delete-refused");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "yes", "no");
    world.answered(id, question, "model_b", choice("no"));
    Document editor = page(edit(admin, id));
    assertThat(editor.select("#danger").text())
        .contains("This playground has evaluations, so it cannot be deleted")
        .doesNotContain("Delete playground");

    MvcTestResult result = delete(admin, id);

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#danger")
        .flash()
        .containsEntry(
            "error",
            "This playground has evaluations, so it cannot be deleted: every answer is kept."
                + " Close it instead: testers will no longer see it.");
    assertThat(world.exists(id)).isTrue();
    assertThat(world.models(id)).hasSize(2);
    assertThat(world.questionIds(id)).containsExactly(question);
    assertThat(world.count("evaluations", id)).isOne();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldDuplicateIntoANewDraftAndAuditTheCopy() {
    Person admin = world.admin("web-duplicate");
    UUID source = world.fixtures.playground(admin.id(), "ab_testing", true, List.of("@acme.com"));
    UUID question = world.fixtures.selectQuestion(source, "model_b", "yes", "no");
    world.answered(source, question, "model_b", choice("yes"));
    world.fixtures.setCount(source, "model_b", 1);
    String name = world.playground(source).name();

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/duplicate", source)
            .with(admin.signedIn())
            .with(csrf())
            .exchange();

    List<UUID> mine = world.playgroundsOf(admin);
    assertThat(mine).hasSize(2);
    UUID copy = mine.stream().filter(p -> !p.equals(source)).findFirst().orElseThrow();
    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + copy)
        .flash()
        .containsEntry(
            "notice",
            "This is a copy, a draft that testers cannot see until it goes live. Nothing was"
                + " answered here yet.");
    PlaygroundRow row = world.playground(copy);
    assertThat(row.name()).isEqualTo("Copy of " + name);
    assertThat(row.active()).isFalse();
    assertThat(row.status()).isEqualTo("draft");
    assertThat(row.restrictedEmails()).containsExactly("@acme.com");
    assertThat(world.models(copy))
        .extracting(
            ModelRow::key,
            ModelRow::maxEvaluations,
            ModelRow::configurationVersion,
            ModelRow::count)
        .containsExactly(tuple("model_a", 50, 1, 0), tuple("model_b", 50, 1, 0));
    assertThat(world.questions(copy))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.id()).isNotEqualTo(question);
              assertThat(q.modelKey()).isEqualTo("model_b");
              assertThat(q.options()).hasSize(2);
            });
    assertThat(world.count("evaluations", copy)).isZero();
    AuditRow audit = single(world.auditBy(admin));
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "playground.duplicate",
                "playground",
                copy,
                copy,
                Map.of("source_id", source.toString()),
                Map.of("name", "Copy of " + name),
                "127.0.0.1"));
    assertThat(world.auditTimesOf(admin)).containsExactly(row.createdAt());
    // the copy's page offers deletion: nobody has answered it
    assertThat(page(edit(admin, copy)).select("#danger a").text()).isEqualTo("Delete playground…");
  }

  @Test
  void shouldListTheAdminsPlaygroundsWithTheirProgress() {
    Person admin = world.admin("web-list");
    UUID ab = world.fixtures.abPlayground(admin.id());
    UUID tuning = world.fixtures.playground(admin.id(), "tuning", false, null);
    world.fixtures.setCount(ab, "model_a", 3);
    world
        .db
        .sql("UPDATE model_configurations SET max_evaluations = NULL WHERE playground_id = ?")
        .param(tuning)
        .update();

    MvcTestResult result = mvc.get().uri("/manage/playgrounds").with(admin.signedIn()).exchange();

    assertThat(result).hasStatusOk();
    Document page = page(result);
    Element abRow = row(page, ab);
    assertThat(abRow.select("td").eachText())
        .startsWith(world.playground(ab).name(), "A/B test", "Live", "3 / 50", "0 / 50", "0");
    Element tuningRow = row(page, tuning);
    assertThat(tuningRow.select("td").eachText())
        .startsWith(world.playground(tuning).name(), "Tuning", "Paused", "0 (no limit)", "—");
    assertThat(page.select("tbody tr")).hasSize(2);
  }

  @Test
  void shouldGiveEveryFieldItsOwnIdSoThatEachLabelNamesItsField() {
    Person admin = world.admin("web-ids");
    UUID id = world.fixtures.abPlayground(admin.id());
    world.fixtures.selectQuestion(id, null, "yes", "no");
    world.fixtures.question(id, "model_b", "rating", null);

    for (MvcTestResult result :
        List.of(
            edit(admin, id),
            mvc.get().uri("/manage/playgrounds/new").with(admin.signedIn()).exchange())) {
      Document page = page(result);
      List<String> ids = page.select("[id]").eachAttr("id");
      assertThat(ids).doesNotHaveDuplicates();
      for (Element label : page.select("label[for]")) {
        Element field = page.getElementById(label.attr("for"));
        assertThat(field).as("the field of label \"%s\"", label.text()).isNotNull();
        assertThat(field.tagName()).as(label.text()).isIn("input", "textarea", "select");
      }
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static Element row(Document page, UUID id) {
    Element link = page.selectFirst("tbody a[href=/manage/playgrounds/" + id + "]");
    assertThat(link).as("a row for %s", id).isNotNull();
    return link.closest("tr");
  }

  private static String parserMessage(String embedCode) {
    try {
      EmbedCodeParser.parse(embedCode);
    } catch (InvalidEmbedCodeException e) {
      return e.getMessage();
    }
    throw new AssertionError("The parser accepted " + embedCode);
  }

  static void assertNothingHostile(String html) {
    assertThat(html)
        .doesNotContain("<script>alert")
        .doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("onclick")
        .doesNotContainIgnoringCase("onmouseover")
        .doesNotContainIgnoringCase("onbegin")
        .doesNotContain("<iframe")
        .doesNotContain("evil.example")
        .doesNotContain("style=")
        .doesNotContain("position:fixed")
        .doesNotContain("<style")
        .doesNotContain("display:none")
        .doesNotContain("javascript:")
        .doesNotContain("<svg")
        .doesNotContain("alert(");
  }

  private static <T> T single(List<T> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  /** The create form of an A/B test as the browser posts it; overrides are name/value pairs. */
  static MultiValueMap<String, String> abForm(String name, String... overrides) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("type", "AB_TESTING");
    form.add("name", name);
    form.add("models[0].name", "Warm voice");
    form.add("models[0].embedCode", Authoring.SNIPPET);
    form.add("models[0].maxEvaluations", "30");
    form.add("models[1].name", "Crisp voice");
    form.add("models[1].embedCode", "agent_crisp42");
    form.add("models[1].maxEvaluations", "40");
    form.add("supportText", "");
    form.add("access", "");
    for (int i = 0; i < overrides.length; i += 2) {
      form.set(overrides[i], overrides[i + 1]);
    }
    return form;
  }

  private MvcTestResult edit(Person admin, UUID id) {
    return mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
  }

  private MvcTestResult preview(Person admin, UUID id, String model) {
    return mvc.get()
        .uri("/manage/playgrounds/{id}/preview?model={model}", id, model)
        .with(admin.signedIn())
        .exchange();
  }

  private String detailsVersion(Person admin, UUID id) {
    return page(edit(admin, id)).select("#details input[name=version]").val();
  }

  private String modelVersion(Person admin, UUID id, String key) {
    return page(edit(admin, id)).select("#model-" + key + " input[name=version]").val();
  }

  private MvcTestResult saveModel(
      Person admin, UUID id, String key, String name, String embedCode, String max) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/models/{key}", id, key)
        .with(admin.signedIn())
        .with(csrf())
        .param("version", modelVersion(admin, id, key))
        .param("name", name)
        .param("embedCode", embedCode)
        .param("maxEvaluations", max)
        .exchange();
  }

  private MvcTestResult saveAccess(Person admin, UUID id, String access) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/access", id)
        .with(admin.signedIn())
        .with(csrf())
        .param("version", page(edit(admin, id)).select("#access input[name=version]").val())
        .param("access", access)
        .exchange();
  }

  private MvcTestResult delete(Person admin, UUID id) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/delete", id)
        .with(admin.signedIn())
        .with(csrf())
        .exchange();
  }
}
