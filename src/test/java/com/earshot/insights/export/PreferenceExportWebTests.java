package com.earshot.insights.export;

import static com.earshot.insights.export.ExportWebTests.csv;
import static com.earshot.insights.export.ExportWebTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * {@code preferences.csv} and {@code preferences.json}: one row per round's head-to-head
 * preference, the model chosen and the one met first beside the verdict as the tester gave it; the
 * reason, hostile text, defused in CSV and as typed in JSON; only for the playground's own admin.
 */
@EarshotTest
class PreferenceExportWebTests {

  static final String FORMULA = "=HYPERLINK(\"https://evil.example\",\"click\")";

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldExportEachPreferenceWithTheModelsItMapsToAndDefuseFormulasInCsv() throws IOException {
    Person admin = fixtures.adminPerson("pref-export");
    UUID playground = fixtures.abPlayground(admin.id());
    UUID x = fixtures.tester("pref-export-x");
    UUID y = fixtures.tester("pref-export-y");
    LocalDateTime at = LocalDateTime.of(2026, 11, 20, 10, 0);
    fixtures.completeRound(playground, x, "model_b", 1, at);
    fixtures.completeRound(playground, y, "model_a", 1, at);
    fixtures.preference(playground, x, 1, "second", "model_b", FORMULA);
    fixtures.preference(playground, y, 1, "both_good", "model_a", null);
    String nameA = modelName(playground, "model_a");
    String nameB = modelName(playground, "model_b");

    MockHttpServletResponse download = download(admin, playground, "preferences.csv");

    assertThat(download.getStatus()).isEqualTo(200);
    assertThat(download.getContentType()).startsWith("text/csv");
    assertThat(download.getHeader("Content-Disposition")).contains("-preferences-");
    ExportWebTests.Csv csv = csv(download);
    assertThat(csv.header()).isEqualTo(PreferencesTable.COLUMNS);
    assertThat(csv.rows()).hasSize(2);
    Map<String, String> ofX = rowOf(csv.rows(), fixtures.emailOf(x));
    assertThat(ofX)
        .containsEntry("playground_id", playground.toString())
        .containsEntry("round", "1")
        .containsEntry("verdict", "second")
        .containsEntry("preferred_model_key", "model_a")
        .containsEntry("preferred_model_name", nameA)
        .containsEntry("met_first_model_key", "model_b")
        .containsEntry("met_first_model_name", nameB)
        .containsEntry("reason", "'" + FORMULA);
    assertThat(rowOf(csv.rows(), fixtures.emailOf(y)))
        .containsEntry("verdict", "both_good")
        .containsEntry("preferred_model_key", "")
        .containsEntry("met_first_model_key", "model_a")
        .containsEntry("reason", "");

    JsonNode rows = json(download(admin, playground, "preferences.json"));
    assertThat(rows.size()).isEqualTo(2);
    for (JsonNode row : rows) {
      if (row.get("tester_email").asString().equals(fixtures.emailOf(x))) {
        assertThat(row.get("reason").asString()).isEqualTo(FORMULA);
        assertThat(row.get("round").asInt()).isEqualTo(1);
      } else {
        assertThat(row.get("preferred_model_key").isNull()).isTrue();
      }
    }
    assertThat(AuditRow.by(fixtures.jdbc(), admin.id()))
        .extracting(AuditRow::newValues)
        .containsExactly(
            Map.of("shape", "preferences", "format", "csv"),
            Map.of("shape", "preferences", "format", "json"));
  }

  @Test
  void shouldExportNothingOfAnotherAdminsPlayground() {
    Person owner = fixtures.adminPerson("pref-export-owner");
    Person other = fixtures.adminPerson("pref-export-other");
    UUID playground = fixtures.abPlayground(owner.id());
    UUID x = fixtures.tester("pref-export-z");
    fixtures.completeRound(playground, x, "model_a", 1, LocalDateTime.of(2026, 11, 20, 10, 0));
    fixtures.preference(playground, x, 1, "first", "model_a", "secret");

    MockHttpServletResponse refused = download(other, playground, "preferences.csv");

    assertThat(refused.getStatus()).isEqualTo(404);
  }

  @Test
  void shouldLinkThePreferenceExportFromAnAbTestsEditorOnly() throws Exception {
    Person admin = fixtures.adminPerson("pref-export-links");
    UUID ab = fixtures.abPlayground(admin.id());
    UUID tuning = fixtures.playground(admin.id(), "tuning", true, null);

    assertThat(editor(admin, ab)).contains("/manage/playgrounds/" + ab + "/export/preferences.csv");
    assertThat(editor(admin, tuning)).doesNotContain("preferences.csv");
  }

  private String editor(Person admin, UUID id) throws Exception {
    return mvc.get()
        .uri("/manage/playgrounds/{id}", id)
        .with(admin.signedIn())
        .exchange()
        .getResponse()
        .getContentAsString();
  }

  private Map<String, String> rowOf(List<Map<String, String>> rows, String email) {
    return rows.stream()
        .filter(row -> row.get("tester_email").equals(email))
        .findFirst()
        .orElseThrow();
  }

  private String modelName(UUID playground, String key) {
    return fixtures
        .jdbc()
        .sql(
            "SELECT model_name FROM model_configurations WHERE playground_id = ? AND model_key = ?")
        .params(playground, key)
        .query(String.class)
        .single();
  }

  private MockHttpServletResponse download(Person who, UUID id, String file) {
    return mvc.get()
        .uri("/manage/playgrounds/{id}/export/{file}", id, file)
        .with(who.signedIn())
        .exchange()
        .getResponse();
  }
}
