package com.earshot.playground;

import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.page;
import static com.earshot.support.Pages.text;
import static com.earshot.support.Pages.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Tuning versions on purpose (issue 15 §7): New version with its note, the history, the limit
 * edited alone, and what may not happen (an empty note, a silent bump, another admin's playground).
 */
@EarshotTest
class VersionsWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  @Test
  void shouldStartANewVersionWithItsNoteAndAuditInOneGo() {
    Person admin = world.admin("versions-new");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult form =
        mvc.get()
            .uri("/manage/playgrounds/{id}/versions/new", id)
            .with(admin.signedIn())
            .exchange();
    assertThat(form).hasStatusOk();
    Document page = page(form);
    assertThat(valueOf(page, "version-name")).isEqualTo("Model model_a");
    assertThat(page.getElementById("to-version").text()).isEqualTo("2");

    MvcTestResult sent =
        newVersion(
            admin,
            id,
            modelUpdatedAt(id),
            Map.of(
                "name", "Warmer voice",
                "embedCode", Authoring.SNIPPET,
                "note", "  Warmer voice; greets by name.  "),
            List.of("voice", "prompt"));

    assertThat(sent)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "/versions");
    Map<String, Object> model = modelRow(id);
    assertThat(model)
        .containsEntry("configuration_version", 2)
        .containsEntry("model_name", "Warmer voice");
    assertThat(model.get("embed_code")).isEqualTo(Authoring.SNIPPET);
    Map<String, Object> version = versionRow(id, 2);
    assertThat(version)
        .containsEntry("model_name", "Warmer voice")
        .containsEntry("origin", "new_version")
        .containsEntry("change_note", "Warmer voice; greets by name.")
        .containsEntry("changes", "{prompt,voice}")
        .containsEntry("created_by", admin.id());
    assertThat(versionRow(id, 1))
        .containsEntry("origin", "created")
        .containsEntry("model_name", "Model model_a");
    AuditRow audit = world.auditBy(admin).get(0);
    assertThat(world.auditBy(admin)).hasSize(1);
    assertThat(audit.action()).isEqualTo("model.new_version");
    assertThat(audit.resourceType()).isEqualTo("model_configuration");
    assertThat(audit.playgroundId()).isEqualTo(id);
    assertThat(audit.oldValues())
        .containsEntry("model_name", "Model model_a")
        .containsEntry("configuration_version", 1);
    assertThat(audit.newValues())
        .containsEntry("model_name", "Warmer voice")
        .containsEntry("configuration_version", 2)
        .containsEntry("change_note", "Warmer voice; greets by name.")
        .containsEntry("changes", List.of("prompt", "voice"));

    MvcTestResult history =
        mvc.get().uri("/manage/playgrounds/{id}/versions", id).with(admin.signedIn()).exchange();
    assertThat(history).hasStatusOk();
    Document versions = page(history);
    assertThat(versions.select(".model-version").eachAttr("data-version"))
        .containsExactly("2", "1");
    assertThat(versions.select(".model-version[data-version=2] .version-note").text())
        .isEqualTo("Warmer voice; greets by name.");
    assertThat(versions.select(".model-version[data-version=2] .version-change").eachText())
        .containsExactly("Prompt", "Voice");
    assertThat(versions.select(".model-version[data-version=2] .version-by").text())
        .isEqualTo(admin.email());
    assertThat(versions.select(".model-version[data-version=2] .version-embed").text())
        .contains("agent_01jx7abc");
    assertThat(versions.select(".model-version[data-version=1] .version-origin").text())
        .isEqualTo("First version");
    // the pasted code is shown as text, never as markup
    assertThat(versions.select(".model-version script, .model-version elevenlabs-convai"))
        .isEmpty();
    assertThat(versions.select(".model-version[data-version=2] pre code").text())
        .isEqualTo(Authoring.SNIPPET);
  }

  @Test
  void shouldRefuseANewVersionWithoutANoteAndKeepEverythingTyped() {
    Person admin = world.admin("versions-empty-note");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    for (String note : List.of("", "   ")) {
      MvcTestResult sent =
          newVersion(
              admin,
              id,
              modelUpdatedAt(id),
              Map.of("name", "Renamed", "embedCode", "agent_new42", "note", note),
              List.of("llm"));

      assertThat(sent).hasStatus(HttpStatus.BAD_REQUEST);
      Document page = page(sent);
      assertThat(errorAt(page, "version-note")).startsWith("Say what changed and why");
      assertThat(valueOf(page, "version-name")).isEqualTo("Renamed");
      assertThat(valueOf(page, "version-embedCode")).isEqualTo("agent_new42");
      assertThat(page.getElementById("change-llm").hasAttr("checked")).isTrue();
      assertThat(page.getElementById("change-voice").hasAttr("checked")).isFalse();
      assertThat(page.getElementById("not-saved")).isNotNull();
    }
    assertNothingWritten(admin, id);
  }

  @Test
  void shouldRefuseABrokenEmbedCodeAnUnknownChangeAndAStaleFormAtTheirFields() {
    Person admin = world.admin("versions-bad");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult broken =
        newVersion(
            admin,
            id,
            modelUpdatedAt(id),
            Map.of(
                "name",
                "X",
                "embedCode",
                "<iframe src=\"https://evil.example\"></iframe>",
                "note",
                "n"),
            List.of());
    assertThat(broken).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(broken), "version-embedCode")).isNotBlank();
    assertThat(page(broken).select("iframe")).isEmpty();

    MvcTestResult unknown =
        newVersion(
            admin,
            id,
            modelUpdatedAt(id),
            Map.of("name", "X", "embedCode", "agent_new42", "note", "n"),
            List.of("prompt", "mood"));
    assertThat(unknown).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(unknown), "version-changes")).contains("prompt, voice, LLM");

    MvcTestResult stale =
        newVersion(
            admin,
            id,
            "2020-01-01T00:00",
            Map.of("name", "Stale", "embedCode", "agent_new42", "note", "From an old tab"),
            List.of());
    assertThat(stale).hasStatus(HttpStatus.CONFLICT);
    assertThat(valueOf(page(stale), "version-note")).isEqualTo("From an old tab");
    assertNothingWritten(admin, id);
  }

  @Test
  void shouldNoLongerBumpATuningVersionFromThePlainModelForm() {
    Person admin = world.admin("versions-silent");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult renamed =
        mvc.post()
            .uri("/manage/playgrounds/{id}/models/model_a", id)
            .param("version", modelUpdatedAt(id))
            .param("name", "Silently renamed")
            .param("embedCode", "agent_model_a")
            .param("maxEvaluations", "")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();

    assertThat(renamed).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(text(renamed)).contains("not saved");
    assertThat(modelRow(id))
        .containsEntry("configuration_version", 1)
        .containsEntry("model_name", "Model model_a");

    MvcTestResult editor =
        mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
    Document page = page(editor);
    assertThat(page.select("#model-model_a input[name=name]"))
        .as("no name field in tuning")
        .isEmpty();
    assertThat(page.getElementById("new-version-link").attr("href"))
        .isEqualTo("/manage/playgrounds/" + id + "/versions/new");
    assertThat(page.getElementById("current-name").text()).isEqualTo("Model model_a");

    MvcTestResult limit =
        mvc.post()
            .uri("/manage/playgrounds/{id}/limit", id)
            .param("version", modelUpdatedAt(id))
            .param("maxEvaluations", "120")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();
    assertThat(limit).hasStatus(HttpStatus.FOUND);
    assertThat(modelRow(id))
        .containsEntry("max_evaluations", 120)
        .containsEntry("configuration_version", 1);
    assertThat(world.auditBy(admin)).extracting(AuditRow::action).containsExactly("model.update");

    MvcTestResult badLimit =
        mvc.post()
            .uri("/manage/playgrounds/{id}/limit", id)
            .param("version", modelUpdatedAt(id))
            .param("maxEvaluations", "ten")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();
    assertThat(badLimit).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(badLimit), "model_a-max")).isEqualTo("A whole number of at least 1.");
    assertThat(valueOf(page(badLimit), "model_a-max")).isEqualTo("ten");
  }

  @Test
  void shouldKeepTheABEditorBumpingTheVersionAndRecordTheNameItHad() {
    Person admin = world.admin("versions-ab");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult saved =
        mvc.post()
            .uri("/manage/playgrounds/{id}/models/model_b", id)
            .param("version", modelUpdatedAt(id, "model_b"))
            .param("name", "Crisp")
            .param("embedCode", "agent_model_b")
            .param("maxEvaluations", "50")
            .with(admin.signedIn())
            .with(csrf())
            .exchange();

    assertThat(saved).hasStatus(HttpStatus.FOUND);
    assertThat(
            world
                .db
                .sql(
                    "SELECT configuration_version || ' ' || model_name || ' ' || origin FROM model_versions"
                        + " WHERE playground_id = ? AND model_key = 'model_b' ORDER BY configuration_version")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly("1 Model model_b created", "2 Crisp edited");
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/versions/new", id).with(admin.signedIn()))
        .as("New version is a tuning action")
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/versions", id)
                .param("version", modelUpdatedAt(id))
                .param("name", "X")
                .param("embedCode", "agent_x1")
                .param("note", "n")
                .with(admin.signedIn())
                .with(csrf()))
        .hasStatus(HttpStatus.NOT_FOUND);
    MvcTestResult history =
        mvc.get().uri("/manage/playgrounds/{id}/versions", id).with(admin.signedIn()).exchange();
    assertThat(page(history).select(".model-version[data-model=model_b] .version-name").eachText())
        .containsExactly("Crisp", "Model model_b");
  }

  @Test
  void shouldAnswer404ToAnotherAdminOnEveryVersionRouteAndChangeNothing() {
    Person owner = world.admin("versions-owner");
    Person other = world.admin("versions-other");
    UUID id = world.fixtures.playground(owner.id(), "tuning", true, null);
    String version = modelUpdatedAt(id);

    assertThat(mvc.get().uri("/manage/playgrounds/{id}/versions", id).with(other.signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/versions/new", id).with(other.signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);
    MvcTestResult taken =
        newVersion(
            other,
            id,
            version,
            Map.of("name", "Mine", "embedCode", "agent_mine1", "note", "taken"),
            List.of());
    assertThat(taken).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(page(taken).text()).doesNotContain("Model model_a");
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/limit", id)
                .param("version", version)
                .param("maxEvaluations", "1")
                .with(other.signedIn())
                .with(csrf()))
        .hasStatus(HttpStatus.NOT_FOUND);
    Person tester = world.tester("versions-tester");
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/versions", id).with(tester.signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);

    assertThat(modelRow(id))
        .containsEntry("configuration_version", 1)
        .containsEntry("max_evaluations", 50);
    assertThat(world.auditBy(other))
        .extracting(AuditRow::action)
        .containsOnly("security.access_denied");
    assertThat(world.auditBy(owner)).isEmpty();
  }

  // --- helpers --------------------------------------------------------------------------------

  private MvcTestResult newVersion(
      Person admin, UUID id, String version, Map<String, String> fields, List<String> changes) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/versions", id)
            .param("version", version)
            .with(admin.signedIn())
            .with(csrf());
    fields.forEach(request::param);
    for (String change : changes) {
      request.param("changes", change);
    }
    return request.exchange();
  }

  private void assertNothingWritten(Person admin, UUID id) {
    assertThat(modelRow(id))
        .containsEntry("configuration_version", 1)
        .containsEntry("model_name", "Model model_a");
    assertThat(
            world
                .db
                .sql("SELECT count(*) FROM model_versions WHERE playground_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isOne();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  private String modelUpdatedAt(UUID id) {
    return modelUpdatedAt(id, "model_a");
  }

  private String modelUpdatedAt(UUID id, String key) {
    return world
        .db
        .sql(
            "SELECT updated_at FROM model_configurations WHERE playground_id = ? AND model_key = ?")
        .params(id, key)
        .query(LocalDateTime.class)
        .single()
        .toString();
  }

  private Map<String, Object> modelRow(UUID id) {
    return world
        .db
        .sql("SELECT * FROM model_configurations WHERE playground_id = ? AND model_key = 'model_a'")
        .param(id)
        .query()
        .singleRow();
  }

  private Map<String, Object> versionRow(UUID id, int version) {
    return world
        .db
        .sql(
            """
            SELECT model_name, origin, change_note, changes::text AS changes, created_by
            FROM model_versions WHERE playground_id = ? AND model_key = 'model_a' AND configuration_version = ?
            """)
        .params(id, version)
        .query()
        .singleRow();
  }
}
