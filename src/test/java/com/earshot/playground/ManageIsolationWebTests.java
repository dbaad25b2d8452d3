package com.earshot.playground;

import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.playground.Authoring.ModelRow;
import com.earshot.playground.Authoring.PlaygroundRow;
import com.earshot.playground.Authoring.QuestionRow;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import com.earshot.support.Refusals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Another admin's playground does not exist for you, on any route; testers have no Manage at all; a
 * malformed id is simply not found.
 */
@EarshotTest
class ManageIsolationWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  /** Every route of Manage › Playgrounds that names a playground (and a question). */
  record Route(String method, String path, Map<String, String> params) {

    String uri(String playground, String question) {
      return path.replace("{id}", playground).replace("{q}", question);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Stream<Route> routes() {
    return Stream.of(
        new Route("GET", "/manage/playgrounds/{id}", Map.of()),
        new Route("GET", "/manage/playgrounds/{id}/preview", Map.of("model", "model_a")),
        new Route("GET", "/manage/playgrounds/{id}/insights", Map.of()),
        new Route("GET", "/manage/playgrounds/{id}/responses", Map.of("q", "a")),
        new Route("GET", "/manage/playgrounds/{id}/export/answers.csv", Map.of()),
        new Route("GET", "/manage/playgrounds/{id}/export/sessions.json", Map.of()),
        new Route("GET", "/manage/playgrounds/{id}/preview", Map.of("model", "model_b")),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/details",
            Map.of("version", "2020-01-01T00:00", "name", "Taken over")),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/models/model_a",
            Map.of(
                "version",
                "2020-01-01T00:00",
                "name",
                "Taken over",
                "embedCode",
                "agent_taken1",
                "maxEvaluations",
                "1")),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/access",
            Map.of("version", "2020-01-01T00:00", "access", "me@example.com")),
        new Route("POST", "/manage/playgrounds/{id}/go-live", Map.of()),
        new Route("POST", "/manage/playgrounds/{id}/pause", Map.of()),
        new Route("GET", "/manage/playgrounds/{id}/close", Map.of()),
        new Route("POST", "/manage/playgrounds/{id}/close", Map.of()),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/closing-date",
            Map.of("closesAt", "2099-01-01T10:00")),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/widget-loaded",
            Map.of("model", "model_a", "version", "1")),
        new Route("GET", "/manage/playgrounds/{id}/delete", Map.of()),
        new Route("POST", "/manage/playgrounds/{id}/delete", Map.of()),
        new Route("POST", "/manage/playgrounds/{id}/duplicate", Map.of()),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/questions",
            Map.of("text", "Injected?", "type", "rating", "askedAbout", "both")),
        new Route(
            "POST",
            "/manage/playgrounds/{id}/questions/{q}",
            Map.of("text", "Rewritten", "type", "rating", "askedAbout", "both")),
        new Route("POST", "/manage/playgrounds/{id}/questions/{q}/delete", Map.of()),
        new Route("POST", "/manage/playgrounds/{id}/questions/{q}/move", Map.of("direction", "1")),
        new Route("POST", "/manage/playgrounds/{id}/questions/order", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void shouldAnswer404ToAnotherAdminAndChangeNothing(Route route) {
    Person owner = world.admin("iso-owner");
    Person other = world.admin("iso-other");
    UUID id = world.fixtures.abPlayground(owner.id());
    UUID question = world.fixtures.question(id, null, "rating", null);
    world.fixtures.question(id, null, "input_string", null);
    Snapshot before = snapshot(id);

    for (boolean htmx : List.of(false, true)) {
      MvcTestResult result = request(other, route, id.toString(), question.toString(), htmx);

      assertThat(result).as("%s htmx=%s", route, htmx).hasStatus(HttpStatus.NOT_FOUND);
      assertThat(body(result)).doesNotContain(world.playground(id).name());
    }
    assertThat(snapshot(id)).isEqualTo(before);
    assertThat(world.playgroundsOf(other)).isEmpty();
    assertThat(world.auditBy(other))
        .as("the attempts are audited as refusals, and nothing else is")
        .isNotEmpty()
        .allSatisfy(
            row -> {
              assertThat(row.action()).isEqualTo("security.access_denied");
              assertThat(row.newValues())
                  .containsEntry("method", route.method())
                  .containsEntry("path", route.uri(id.toString(), question.toString()));
              assertThat(row.ipAddress()).isEqualTo("127.0.0.1");
            });
    assertThat(Refusals.times(world.db, "security.access_denied", "a.user_id = ?", other.id()))
        .isEqualTo(2);
    assertThat(world.auditBy(owner)).isEmpty();

    // the route exists: its owner is answered (a page, a redirect, a refusal of the stale form, or
    // the preview's report taken)
    assertThat(request(owner, route, id.toString(), question.toString(), false).getResponse())
        .extracting(response -> response.getStatus())
        .isIn(200, 204, 302, 400, 409);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void shouldAnswer404ToAMalformedIdNever500(Route route) {
    Person admin = world.admin("iso-malformed");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.question(id, null, "rating", null);

    for (String malformed : List.of("not-a-uuid", "123", id + "0", "' OR 1=1", "null")) {
      assertThat(request(admin, route, malformed, question.toString(), false))
          .as("%s with playground %s", route, malformed)
          .hasStatus(HttpStatus.NOT_FOUND);
    }
    assertThat(request(admin, route, UUID.randomUUID().toString(), question.toString(), false))
        .as("%s with an unknown playground", route)
        .hasStatus(HttpStatus.NOT_FOUND);
    if (route.path().contains("{q}")) {
      for (String malformed : List.of("zzz", question + "0", UUID.randomUUID().toString())) {
        assertThat(request(admin, route, id.toString(), malformed, false))
            .as("%s with question %s", route, malformed)
            .hasStatus(HttpStatus.NOT_FOUND);
      }
    }
    assertThat(world.exists(id)).isTrue();
    assertThat(world.auditBy(admin))
        .as("refusals only: nothing was changed")
        .extracting(AuditRow::action)
        .containsOnly("security.access_denied");
  }

  /**
   * Another admin's playground and one that does not exist are audited alike (the asker reads their
   * own audit rows), so the audit does not tell them whether the playground exists.
   * RefusalAuditTests compares the 404 pages a real server sends.
   */
  @Test
  void shouldAuditAnotherAdminsPlaygroundExactlyAsOneThatDoesNotExist() {
    Person owner = world.admin("oracle-owner");
    Person prying = world.admin("oracle-prying");
    Person guessing = world.admin("oracle-guessing");
    UUID existing = world.fixtures.abPlayground(owner.id());
    UUID missing = UUID.randomUUID();

    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/delete", existing)
                .with(prying.signedIn())
                .with(csrf()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/delete", missing)
                .with(guessing.signedIn())
                .with(csrf()))
        .hasStatus(HttpStatus.NOT_FOUND);

    AuditRow pried = world.auditBy(prying).get(0);
    AuditRow guessed = world.auditBy(guessing).get(0);
    assertThat(world.auditBy(prying)).hasSize(1);
    assertThat(world.auditBy(guessing)).hasSize(1);
    assertThat(pried.action()).isEqualTo("security.access_denied");
    assertThat(pried.newValues())
        .isEqualTo(Map.of("method", "POST", "path", "/manage/playgrounds/" + existing + "/delete"));
    assertThat(guessed)
        .usingRecursiveComparison()
        .ignoringFields("userId", "newValues")
        .isEqualTo(pried);
    assertThat(guessed.newValues())
        .isEqualTo(Map.of("method", "POST", "path", "/manage/playgrounds/" + missing + "/delete"));
    assertThat(world.exists(existing)).isTrue();
  }

  @Test
  void shouldListOnlyTheAdminsOwnPlaygrounds() {
    Person owner = world.admin("iso-list-owner");
    Person other = world.admin("iso-list-other");
    UUID ownersPlayground = world.fixtures.abPlayground(owner.id());
    UUID othersPlayground = world.fixtures.abPlayground(other.id());

    String othersList =
        body(mvc.get().uri("/manage/playgrounds").with(other.signedIn()).exchange());
    String ownersList =
        body(mvc.get().uri("/manage/playgrounds").with(owner.signedIn()).exchange());

    assertThat(othersList)
        .contains(othersPlayground.toString())
        .doesNotContain(ownersPlayground.toString())
        .doesNotContain(world.playground(ownersPlayground).name());
    assertThat(ownersList)
        .contains(ownersPlayground.toString(), world.playground(ownersPlayground).name())
        .doesNotContain(othersPlayground.toString());
  }

  @Test
  void shouldShowAnAdminWithoutPlaygroundsTheEmptyList() {
    Person admin = world.admin("iso-empty");

    MvcTestResult result = mvc.get().uri("/manage/playgrounds").with(admin.signedIn()).exchange();

    assertThat(result).hasStatusOk();
    assertThat(page(result).select(".empty-state").text()).startsWith("No playgrounds yet.");
    assertThat(page(result).select("tbody tr")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void shouldAnswer404ToATesterOnEveryManageRoute(Route route) {
    Person owner = world.admin("iso-tester-owner");
    Person tester = world.tester("iso-tester");
    UUID id = world.fixtures.abPlayground(owner.id());
    UUID question = world.fixtures.question(id, null, "rating", null);
    Snapshot before = snapshot(id);

    MvcTestResult result = request(tester, route, id.toString(), question.toString(), false);

    assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void shouldAnswer404ToATesterOnTheManagePagesAndForms() {
    Person tester = world.tester("iso-tester-pages");

    for (String page : List.of("/manage/playgrounds", "/manage/playgrounds/new", "/manage/audit")) {
      assertThat(mvc.get().uri(page).with(tester.signedIn()).exchange())
          .as(page)
          .hasStatus(HttpStatus.NOT_FOUND);
    }
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds")
                .with(tester.signedIn())
                .with(csrf())
                .params(ManagePlaygroundsWebTests.abForm("A tester's playground"))
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/support-text-preview")
                .with(tester.signedIn())
                .with(csrf())
                .param("supportText", "<p>x</p>")
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            world
                .db
                .sql("SELECT count(*) FROM playgrounds WHERE created_by = ?")
                .param(tester.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldSendAnonymousVisitorsToSignIn() {
    MvcTestResult result = mvc.get().uri("/manage/playgrounds").exchange();

    assertThat(result).hasStatus3xxRedirection();
    assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Everything a route could change, read past row-level security. */
  record Snapshot(PlaygroundRow playground, List<ModelRow> models, List<QuestionRow> questions) {}

  private Snapshot snapshot(UUID id) {
    return new Snapshot(world.playground(id), world.models(id), world.questions(id));
  }

  private MvcTestResult request(
      Person person, Route route, String playground, String question, boolean htmx) {
    String uri = route.uri(playground, question);
    var request =
        route.method().equals("GET")
            ? mvc.get().uri(uri).with(person.signedIn())
            : mvc.post().uri(uri).with(person.signedIn()).with(csrf());
    route.params().forEach(request::param);
    if (route.path().endsWith("/order")) {
      request.param("order", question);
    }
    if (htmx) {
      request.header("HX-Request", "true");
    }
    return request.exchange();
  }
}
