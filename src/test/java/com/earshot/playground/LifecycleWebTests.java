package com.earshot.playground;

import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.page;
import static com.earshot.support.Pages.text;
import static com.earshot.support.Pages.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A playground's life (issue 15 §1, §5): drafts testers cannot see, the checklist before going
 * live, pause, resume, close after a confirmation, the closing date and its job, and deleting after
 * a confirmation, twice.
 */
@EarshotTest
class LifecycleWebTests {

  @Autowired MockMvcTester mvc;
  @Autowired PlaygroundCatalog catalog;
  @Autowired PlaygroundLifecycle lifecycle;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  final Authoring world = new Authoring();

  // --- drafts and the checklist -------------------------------------------------------------

  @Test
  void shouldCreateADraftThatTestersCannotSeeEvenInTheDatabase() {
    Person admin = world.admin("life-draft");
    UUID id = created(admin);
    Person tester = world.tester("life-draft-tester");

    assertThat(world.playground(id))
        .extracting(r -> r.status(), r -> r.active())
        .containsExactly("draft", false);
    assertThat(visibleTo(tester)).doesNotContain(id);
    // row-level security itself hides it: the app's own connection, as this tester
    Long seen =
        tester.call(
            () ->
                transaction.execute(
                    status ->
                        jdbc.sql("SELECT count(*) FROM playgrounds WHERE id = ?")
                            .param(id)
                            .query(Long.class)
                            .single()));
    assertThat(seen).isZero();
    assertThat(mvc.get().uri("/playgrounds/{id}", id).with(tester.signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);
    Document editor = page(edit(admin, id));
    assertThat(editor.select("#playground-status").text()).isEqualTo("Draft");
    assertThat(editor.select("#lifecycle button").eachText()).contains("Go live");
  }

  @Test
  void shouldRefuseToGoLiveNamingEveryMissingItemWithALinkToWhereItIsFixed() {
    Person admin = world.admin("life-missing");
    UUID id = created(admin);
    world.fixtures.limit(id, "model_b", null);
    world
        .db
        .sql(
            "UPDATE model_configurations SET embed_code = '<div>no widget</div>' WHERE playground_id = ? AND model_key = 'model_a'")
        .param(id)
        .update();
    world.fixtures.question(id, "model_b", "rating", null);
    world
        .fixtures
        .jdbc()
        .sql("UPDATE playgrounds SET closes_at = now() - interval '1 hour' WHERE id = ?")
        .param(id)
        .update();

    MvcTestResult result = goLive(admin, id);

    assertThat(result).hasStatus(HttpStatus.CONFLICT);
    Document page = page(result);
    assertThat(page.select("#not-live p").text()).isEqualTo("Not live yet: 6 things are missing.");
    assertThat(page.select("#not-live li a"))
        .extracting(a -> a.text(), a -> a.attr("href"))
        .containsExactly(
            tuple(
                "Model A has no valid embed code: paste it from the agent's Widget tab in ElevenLabs.",
                "/manage/playgrounds/" + id + "#model-model_a"),
            tuple(
                "Model A's widget has not been seen to load since its last change: open its preview"
                    + " and wait for \"Yes: the widget loaded\".",
                "/manage/playgrounds/" + id + "/preview?model=model_a"),
            tuple(
                "Model B's widget has not been seen to load since its last change: open its preview"
                    + " and wait for \"Yes: the widget loaded\".",
                "/manage/playgrounds/" + id + "/preview?model=model_b"),
            tuple(
                "Model B has no limit of evaluations: set how many it should get.",
                "/manage/playgrounds/" + id + "#model-model_b"),
            tuple(
                "Model A's form has no questions: add one for both models or for Model A.",
                "/manage/playgrounds/" + id + "#questions"),
            tuple(
                "The closing date has passed: set a later one, or remove it.",
                "/manage/playgrounds/" + id + "#closing-date"));
    assertThat(page.select(".go-live-checklist .checklist-met").eachText())
        .containsExactly(
            "Done: Model A: how many evaluations it should get",
            "Done: Model B: a valid embed code",
            "Done: Model B's form: at least one question");
    assertThat(world.playground(id).status()).isEqualTo("draft");
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("playground.create");
  }

  @Test
  void shouldNameTheTuningFormAndIgnoreItsMissingLimit() {
    Person admin = world.admin("life-tuning");
    UUID id = world.fixtures.playground(admin.id(), "tuning", false, null);
    world.db.sql("UPDATE playgrounds SET status = 'draft' WHERE id = ?").param(id).update();
    world.fixtures.limit(id, "model_a", null);
    widgetLoaded(admin, id, "model_a", 1);

    Document page = page(goLive(admin, id));

    assertThat(page.select("#not-live li").eachText())
        .containsExactly("The form has no questions: add one.");
    world.fixtures.question(id, null, "rating", null);
    assertThat(goLive(admin, id)).hasStatus(HttpStatus.FOUND);
    assertThat(world.playground(id).status()).isEqualTo("live");
  }

  @Test
  void shouldGoLiveOnceReadyAndLetTestersSeeIt() {
    Person admin = world.admin("life-live");
    UUID id = ready(admin);
    Person tester = world.tester("life-live-tester");

    assertThat(goLive(admin, id))
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#lifecycle")
        .flash()
        .containsEntry("notice", "Live: testers can see the playground now.");

    assertThat(world.playground(id))
        .extracting(r -> r.status(), r -> r.active())
        .containsExactly("live", true);
    assertThat(visibleTo(tester)).contains(id);
    List<AuditRow> rows = world.auditBy(admin);
    AuditRow live = rows.get(rows.size() - 1);
    assertThat(live)
        .extracting(
            AuditRow::action, AuditRow::playgroundId, AuditRow::oldValues, AuditRow::newValues)
        .containsExactly(
            "playground.go_live",
            id,
            Map.of("status", "draft", "is_active", false),
            Map.of("status", "live", "is_active", true));
    assertThat(page(edit(admin, id)).select("#lifecycle button").eachText())
        .containsExactly("Pause", "Save closing date");
  }

  @Test
  void shouldNeedANewPreviewOnceTheEmbedCodeChanged() {
    Person admin = world.admin("life-version");
    UUID id = ready(admin);
    world
        .db
        .sql(
            "UPDATE model_configurations SET configuration_version = 2 WHERE playground_id = ? AND model_key = 'model_b'")
        .param(id)
        .update();

    assertThat(page(goLive(admin, id)).select("#not-live li").eachText())
        .containsExactly(
            "Model B's widget has not been seen to load since its last change: open its preview"
                + " and wait for \"Yes: the widget loaded\".");
    // a report for the old version does not count; one for the new one does, once
    widgetLoaded(admin, id, "model_b", 1);
    assertThat(goLive(admin, id)).hasStatus(HttpStatus.CONFLICT);
    widgetLoaded(admin, id, "model_b", 2);
    widgetLoaded(admin, id, "model_b", 2);
    assertThat(goLive(admin, id)).hasStatus(HttpStatus.FOUND);
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly(
            "playground.create",
            "model.widget_loaded",
            "model.widget_loaded",
            "model.widget_loaded",
            "playground.go_live");
  }

  @Test
  void shouldShowThePreviewWhereToReportTheWidgetOfItsVersion() {
    Person admin = world.admin("life-preview");
    UUID id = created(admin);

    Document preview =
        page(
            mvc.get()
                .uri("/manage/playgrounds/{id}/preview?model=model_b", id)
                .with(admin.signedIn())
                .exchange());

    assertThat(preview.select(".widget-check").attr("data-loaded-url"))
        .isEqualTo("/manage/playgrounds/" + id + "/widget-loaded");
    assertThat(preview.select(".widget-check").attr("data-model")).isEqualTo("model_b");
    assertThat(preview.select(".widget-check").attr("data-version")).isEqualTo("1");
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/widget-loaded", id)
                .param("model", "model_b")
                .param("version", "1")
                .with(admin.signedIn()))
        .as("without a CSRF token")
        .hasStatus(HttpStatus.FORBIDDEN);
  }

  // --- pause, resume, close -----------------------------------------------------------------

  @Test
  void shouldPauseResumeAndCloseThroughAConfirmationEachAudited() {
    Person admin = world.admin("life-moves");
    UUID id = ready(admin);
    goLive(admin, id);

    assertThat(post(admin, "/manage/playgrounds/{id}/pause", id))
        .hasStatus(HttpStatus.FOUND)
        .flash()
        .containsEntry(
            "notice", "Paused: testers no longer see the playground until you resume it.");
    assertThat(world.playground(id))
        .extracting(r -> r.status(), r -> r.active())
        .containsExactly("paused", false);
    assertThat(page(edit(admin, id)).select("#lifecycle button").eachText()).contains("Resume");
    assertThat(goLive(admin, id))
        .flash()
        .containsEntry("notice", "Resumed: the playground is live again and testers can see it.");
    assertThat(world.playground(id).status()).isEqualTo("live");

    MvcTestResult confirm =
        mvc.get().uri("/manage/playgrounds/{id}/close", id).with(admin.signedIn()).exchange();
    assertThat(confirm).hasStatusOk();
    Document page = page(confirm);
    assertThat(page.select("h1").text()).isEqualTo("Close “" + world.playground(id).name() + "”?");
    assertThat(page.select("li").eachText())
        .contains("A closed playground cannot be reopened: to run another round, duplicate it.");
    assertThat(page.select("form[action=/manage/playgrounds/" + id + "/close] button").text())
        .isEqualTo("Close the playground");
    assertThat(world.playground(id).status())
        .as("the confirmation alone changes nothing")
        .isEqualTo("live");

    assertThat(post(admin, "/manage/playgrounds/{id}/close", id))
        .hasStatus(HttpStatus.FOUND)
        .flash()
        .containsEntry(
            "notice", "Closed: testers no longer see the playground. Every answer is kept.");
    assertThat(world.playground(id))
        .extracting(r -> r.status(), r -> r.active())
        .containsExactly("closed", false);

    assertThat(world.auditBy(admin))
        .filteredOn(
            row ->
                row.action().startsWith("playground.") && !row.action().equals("playground.create"))
        .extracting(AuditRow::action, AuditRow::oldValues, AuditRow::newValues)
        .containsExactly(
            tuple(
                "playground.go_live",
                Map.of("status", "draft", "is_active", false),
                Map.of("status", "live", "is_active", true)),
            tuple(
                "playground.pause",
                Map.of("status", "live", "is_active", true),
                Map.of("status", "paused", "is_active", false)),
            tuple(
                "playground.resume",
                Map.of("status", "paused", "is_active", false),
                Map.of("status", "live", "is_active", true)),
            tuple(
                "playground.close",
                Map.of("status", "live", "is_active", true),
                Map.of("status", "closed", "is_active", false)));
    assertThat(world.auditBy(admin)).extracting(AuditRow::ipAddress).doesNotContainNull();
  }

  @Test
  void shouldKeepAClosedPlaygroundClosedWhateverIsTried() {
    Person admin = world.admin("life-final");
    UUID id = ready(admin);
    goLive(admin, id);
    post(admin, "/manage/playgrounds/{id}/close", id);
    int audited = world.auditBy(admin).size();

    String already =
        "This playground is already closed, and a closed playground stays closed: duplicate it to"
            + " run another round.";
    assertThat(post(admin, "/manage/playgrounds/{id}/close", id))
        .flash()
        .containsEntry("error", already);
    assertThat(goLive(admin, id)).flash().containsEntry("error", already);
    assertThat(post(admin, "/manage/playgrounds/{id}/pause", id))
        .flash()
        .containsEntry("error", already);
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/close", id).with(admin.signedIn()))
        .flash()
        .containsEntry("error", already);
    assertThat(world.playground(id).status()).isEqualTo("closed");
    assertThat(world.auditBy(admin)).hasSize(audited);
    // the database refuses it too, to anyone
    assertThatThrownBy(
            () ->
                world
                    .db
                    .sql("UPDATE playgrounds SET status = 'live', is_active = true WHERE id = ?")
                    .param(id)
                    .update())
        .hasMessageContaining("a closed playground stays closed");
    assertThatThrownBy(
            () ->
                world
                    .db
                    .sql("UPDATE playgrounds SET is_active = true WHERE id = ?")
                    .param(id)
                    .update())
        .hasMessageContaining("playgrounds_active_exactly_while_live");
  }

  @Test
  void shouldNotCloseADraftButOfferToDeleteIt() {
    Person admin = world.admin("life-draft-close");
    UUID id = created(admin);

    assertThat(post(admin, "/manage/playgrounds/{id}/close", id))
        .flash()
        .containsEntry("error", "A playground that is draft cannot be closed.");
    assertThat(world.playground(id).status()).isEqualTo("draft");
  }

  // --- the closing date ---------------------------------------------------------------------

  @Test
  void shouldRefuseAClosingDateInThePastAtItsFieldKeepingWhatWasTyped() {
    Person admin = world.admin("life-past");
    UUID id = created(admin);

    MvcTestResult result = closingDate(admin, id, "2020-05-01T12:00");

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(errorAt(page, "closesAt"))
        .startsWith("The closing date must be in the future: it is ")
        .endsWith(" UTC now.");
    assertThat(valueOf(page, "closesAt")).isEqualTo("2020-05-01T12:00");
    assertThat(page.select("#not-saved").text()).contains("Closing date not saved");
    assertThat(page.select("#closesAt").hasAttr("autofocus")).isTrue();

    Document nonsense = page(closingDate(admin, id, "next friday"));
    assertThat(errorAt(nonsense, "closesAt"))
        .isEqualTo("Enter a date and time, such as 2026-12-24T17:00 (UTC).");
    assertThat(valueOf(nonsense, "closesAt")).isEqualTo("next friday");
    assertThat(closingDate(admin, id, "99999-01-01T00:00")).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(
            world
                .db
                .sql("SELECT count(*) FROM playgrounds WHERE id = ? AND closes_at IS NULL")
                .param(id)
                .query(Long.class)
                .single())
        .isOne();
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("playground.create");
  }

  @Test
  void shouldSaveAndRemoveAFutureClosingDateAudited() {
    Person admin = world.admin("life-date");
    UUID id = created(admin);

    assertThat(closingDate(admin, id, "2099-06-30T17:30"))
        .hasStatus(HttpStatus.FOUND)
        .flash()
        .containsEntry("notice", "Closing date saved.");
    assertThat(valueOf(page(edit(admin, id)), "closesAt")).isEqualTo("2099-06-30T17:30");
    assertThat(closingDate(admin, id, "")).flash().containsEntry("notice", "Closing date removed.");
    assertThat(valueOf(page(edit(admin, id)), "closesAt")).isEmpty();
    assertThat(world.auditBy(admin))
        .filteredOn(row -> row.action().equals("playground.update"))
        .extracting(AuditRow::oldValues, AuditRow::newValues)
        .containsExactly(
            tuple(
                java.util.Collections.singletonMap("closes_at", null),
                Map.of("closes_at", "2099-06-30T17:30Z")),
            tuple(
                Map.of("closes_at", "2099-06-30T17:30Z"),
                java.util.Collections.singletonMap("closes_at", null)));
  }

  @Test
  void shouldCloseDuePlaygroundsOnceEvenFromTwoInstancesAtOnce() throws Exception {
    Person admin = world.admin("life-job");
    UUID due = ready(admin);
    goLive(admin, due);
    UUID paused = world.fixtures.playground(admin.id(), "ab_testing", false, null);
    UUID later = world.fixtures.abPlayground(admin.id());
    UUID draft = created(admin);
    for (UUID id : List.of(due, paused, draft)) {
      world
          .db
          .sql("UPDATE playgrounds SET closes_at = now() - interval '1 minute' WHERE id = ?")
          .param(id)
          .update();
    }
    world
        .db
        .sql("UPDATE playgrounds SET closes_at = now() + interval '1 day' WHERE id = ?")
        .param(later)
        .update();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<List<UUID>> run = () -> lifecycle.closeDue();
      List<Future<List<UUID>>> runs = pool.invokeAll(List.of(run, run));
      List<UUID> closed = new java.util.ArrayList<>();
      for (Future<List<UUID>> each : runs) {
        closed.addAll(each.get());
      }
      assertThat(closed)
          .filteredOn(id -> List.of(due, paused, later, draft).contains(id))
          .containsExactlyInAnyOrder(due, paused);
    } finally {
      pool.shutdown();
    }
    assertThat(lifecycle.closeDue()).doesNotContain(due, paused);
    assertThat(List.of(due, paused, later, draft))
        .extracting(id -> world.playground(id).status())
        .containsExactly("closed", "closed", "live", "draft");
    List<Map<String, Object>> audit =
        world
            .db
            .sql(
                "SELECT playground_id, user_id, old_values ->> 'status' AS was FROM audit_log WHERE action = 'playground.close' AND playground_id IN (?, ?, ?, ?) ORDER BY was")
            .params(due, paused, later, draft)
            .query()
            .listOfRows();
    assertThat(audit)
        .extracting(
            row -> row.get("playground_id"), row -> row.get("user_id"), row -> row.get("was"))
        .containsExactly(tuple(due, null, "live"), tuple(paused, null, "paused"));
  }

  // --- deleting -----------------------------------------------------------------------------

  @Test
  void shouldDeleteAfterAConfirmationAndSayItIsAlreadyDeletedTheSecondTime() {
    Person admin = world.admin("life-delete");
    UUID id = created(admin);
    world.fixtures.question(id, null, "rating", null);
    String name = world.playground(id).name();

    MvcTestResult confirm =
        mvc.get().uri("/manage/playgrounds/{id}/delete", id).with(admin.signedIn()).exchange();
    assertThat(confirm).hasStatusOk();
    Document page = page(confirm);
    assertThat(page.select("h1").text()).isEqualTo("Delete “" + name + "”?");
    assertThat(page.select("li").eachText())
        .contains("The playground, its 2 models and 1 question are deleted for good.");
    assertThat(page.select("main form button").text()).isEqualTo("Delete the playground");
    assertThat(world.exists(id)).isTrue();

    assertThat(post(admin, "/manage/playgrounds/{id}/delete", id))
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds");
    assertThat(world.exists(id)).isFalse();

    MvcTestResult again = post(admin, "/manage/playgrounds/{id}/delete", id);
    assertThat(again).hasStatus(HttpStatus.GONE);
    assertThat(text(again))
        .contains("This playground was already deleted, on ")
        .contains("Nothing more was done.");
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/delete", id).with(admin.signedIn()))
        .hasStatus(HttpStatus.GONE);
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("playground.create", "playground.delete");

    Person other = world.admin("life-delete-other");
    assertThat(post(other, "/manage/playgrounds/{id}/delete", id))
        .as("another admin learns nothing of it")
        .hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldAnswerTestersAndOtherAdminsAsForNothing() {
    Person admin = world.admin("life-owner");
    UUID id = ready(admin);
    Person other = world.admin("life-other");
    Person tester = world.tester("life-tester");

    for (String route : List.of("go-live", "pause", "close", "delete", "closing-date")) {
      assertThat(post(other, "/manage/playgrounds/{id}/" + route, id))
          .as(route)
          .hasStatus(HttpStatus.NOT_FOUND);
      assertThat(post(tester, "/manage/playgrounds/{id}/" + route, id).getResponse().getStatus())
          .as(route)
          .isIn(403, 404);
    }
    assertThat(mvc.get().uri("/manage/playgrounds/{id}/close", id).with(other.signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(world.playground(id).status()).isEqualTo("draft");
  }

  // --- roles --------------------------------------------------------------------------------

  @Test
  void shouldConfirmMakingAndRemovingAnAdminBeforeDoingIt() {
    Person admin = world.admin("life-roles");
    Person tester = world.tester("life-roles-tester");

    MvcTestResult promote =
        mvc.get()
            .uri("/admin/users/{id}/role?role=admin&q=life&page=1", tester.id())
            .with(admin.signedIn())
            .exchange();
    assertThat(promote).hasStatusOk();
    Document page = page(promote);
    assertThat(page.select("h1").text()).isEqualTo("Make " + tester.email() + " an admin?");
    assertThat(page.select("form input[name=role]").val()).isEqualTo("admin");
    assertThat(page.select("form input[name=q]").val()).isEqualTo("life");
    assertThat(page.select("main form button").text()).isEqualTo("Make admin");
    assertThat(page.select("a:contains(Cancel)").attr("href"))
        .isEqualTo("/admin/users?q=life&page=1");
    assertThat(
            world
                .db
                .sql("SELECT role::text FROM users WHERE id = ?")
                .param(tester.id())
                .query(String.class)
                .single())
        .isEqualTo("tester");

    world.db.sql("UPDATE users SET role = 'admin' WHERE id = ?").param(tester.id()).update();
    Document demote =
        page(
            mvc.get()
                .uri("/admin/users/{id}/role?role=tester", tester.id())
                .with(admin.signedIn())
                .exchange());
    assertThat(demote.select("h1").text()).isEqualTo("Remove " + tester.email() + " as an admin?");
    Document self =
        page(
            mvc.get()
                .uri("/admin/users/{id}/role?role=tester", admin.id())
                .with(admin.signedIn())
                .exchange());
    assertThat(self.select("h1").text()).isEqualTo("Remove yourself as an admin?");
    assertThat(self.select("li").eachText()).contains("You are signed out at once.");

    assertThat(
            mvc.get().uri("/admin/users/{id}/role?role=king", tester.id()).with(admin.signedIn()))
        .hasStatus(HttpStatus.FOUND)
        .flash()
        .containsEntry("error", "Choose admin or tester.");
    Person plain = world.tester("life-roles-plain");
    assertThat(
            mvc.get()
                .uri("/admin/users/{id}/role?role=admin", plain.id())
                .with(plain.signedIn())
                .exchange()
                .getResponse()
                .getStatus())
        .isIn(403, 404);
  }

  // --- helpers ------------------------------------------------------------------------------

  /** A new A/B playground, created through the form: a draft with two valid models. */
  private UUID created(Person admin) {
    mvc.post()
        .uri("/manage/playgrounds")
        .with(admin.signedIn())
        .with(csrf())
        .params(ManagePlaygroundsWebTests.abForm("Lifecycle " + UUID.randomUUID()))
        .exchange();
    List<UUID> mine = world.playgroundsOf(admin);
    return mine.get(mine.size() - 1);
  }

  /** A draft with everything the checklist asks for. */
  private UUID ready(Person admin) {
    UUID id = created(admin);
    world.fixtures.question(id, null, "rating", null);
    widgetLoaded(admin, id, "model_a", 1);
    widgetLoaded(admin, id, "model_b", 1);
    return id;
  }

  private void widgetLoaded(Person admin, UUID id, String model, int version) {
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/widget-loaded", id)
                .param("model", model)
                .param("version", String.valueOf(version))
                .with(admin.signedIn())
                .with(csrf()))
        .hasStatus(HttpStatus.NO_CONTENT);
  }

  private List<UUID> visibleTo(Person tester) {
    return tester.call(() -> transaction.execute(status -> catalog.visible())).stream()
        .map(Playground::id)
        .toList();
  }

  private MvcTestResult goLive(Person admin, UUID id) {
    return post(admin, "/manage/playgrounds/{id}/go-live", id);
  }

  private MvcTestResult closingDate(Person admin, UUID id, String closesAt) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/closing-date", id)
        .param("closesAt", closesAt)
        .with(admin.signedIn())
        .with(csrf())
        .exchange();
  }

  private MvcTestResult post(Person person, String uri, UUID id) {
    return mvc.post().uri(uri, id).with(person.signedIn()).with(csrf()).exchange();
  }

  private MvcTestResult edit(Person admin, UUID id) {
    return mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
  }
}
