package com.earshot.evaluation;

import static com.earshot.support.HttpBrowser.csrfOf;
import static com.earshot.support.HttpBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.platform.database.EmbeddedPostgresServer;
import com.earshot.support.ClientAddresses;
import com.earshot.support.Fixtures;
import com.earshot.support.HttpBrowser;
import com.earshot.support.MailInbox;
import com.earshot.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stopped and started again under a running Earshot (issue 11, "Database outages"):
 * while it is down every page answers within seconds, with the branded "try again" page where it
 * needs the database, signed in or not; every submit is reported as it went (one that committed is
 * "saved" even when the next agent cannot be loaded; one reported as not saved is not in the
 * database, and what was typed comes back in the page, ready to be sent again); and a form's CSRF
 * token from before the outage still works after it. Real HTTP against the app on a free port.
 *
 * <p>The database is this class's own embedded PostgreSQL, on one port and data directory, so that
 * it can be stopped and started again: the shared one serves the other test classes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseRestartTests {

  /** How long any page may take while the database is down. */
  static final Duration PROMPTLY = Duration.ofSeconds(5);

  static final String SAVED_BUT_NO_NEXT =
      "Saved. The next agent could not be loaded: reload in a moment.";

  static Path directory;
  static int databasePort;
  static EmbeddedPostgresServer server;

  @DynamicPropertySource
  static void ownDatabaseAndMail(DynamicPropertyRegistry registry) throws IOException {
    directory = Files.createTempDirectory("earshot-restart-db");
    server = EmbeddedPostgresServer.start(directory, 0, TestDatabase.APP_ROLE);
    databasePort = server.port();
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:postgresql://localhost:%d/earshot".formatted(databasePort));
    registry.add("spring.datasource.username", () -> TestDatabase.APP_ROLE);
    registry.add("spring.flyway.user", () -> "earshot_owner");
    MailInbox.properties().forEach((name, value) -> registry.add(name, () -> value));
    // no background fetches: a commit of theirs waiting on the cut-off replication would be taken
    // for the submit's
    registry.add("earshot.elevenlabs.fetch-interval", () -> "1h");
  }

  @AfterAll
  static void stopTheDatabase() {
    server.close();
  }

  @LocalServerPort int port;

  UUID playground;
  UUID verdict;
  UUID comment;

  @BeforeEach
  void anABPlaygroundWithTwoQuestions() {
    Fixtures fixtures = new Fixtures(db());
    playground = fixtures.playground(fixtures.admin("owner"), "ab_testing", true, null);
    db().sql("UPDATE model_configurations SET max_evaluations = 10000 WHERE playground_id = ?")
        .param(playground)
        .update();
    verdict = fixtures.selectQuestion(playground, null, "good", "bad");
    comment = fixtures.question(playground, null, "input_string", null);
  }

  @Test
  void shouldAnswerEveryPageWithinSecondsWhileTheDatabaseIsDown() throws Exception {
    Tester tester = new Tester();
    tester.signInAndStart();
    HttpBrowser visitor = new HttpBrowser();
    HttpResponse<String> loginPage = visitor.get(url("/login"));
    String visitorEmail = Fixtures.uniqueEmail("visitor");
    Map<String, String> linkRequest = Map.of("email", visitorEmail, "_csrf", csrfOf(loginPage));
    Map<String, String> answers = tester.form("Typed while the database was down");
    List<String> timings = new ArrayList<>();
    HttpResponse<String> submit;
    HttpBrowser latecomer = new HttpBrowser();
    HttpResponse<String> loginPageDuringTheOutage;

    stop();
    try {
      for (String path :
          List.of("/", "/playgrounds/" + playground, tester.sessionPath, "/account", "/nowhere")) {
        assertTryAgainPage(timed(timings, "tester GET " + path, () -> tester.get(path)));
      }
      submit = timed(timings, "tester POST submit", () -> tester.post(tester.sessionPath, answers));
      assertTryAgainPage(submit);
      assertThat(text(submit)).contains("nothing was saved", "Typed while the database was down");
      assertThat(retryForm(submit)).isEqualTo(answers);

      loginPageDuringTheOutage =
          timed(timings, "newcomer GET /login", () -> latecomer.get(url("/login")));
      assertThat(loginPageDuringTheOutage.statusCode())
          .as("the sign-in page needs no database")
          .isEqualTo(200);
      HttpResponse<String> home = timed(timings, "visitor GET /", () -> visitor.get(url("/")));
      assertThat(home.statusCode()).isEqualTo(302);
      assertThat(location(home)).endsWith("/login");
      HttpResponse<String> requested =
          timed(
              timings,
              "visitor POST /login",
              () -> visitor.post(url("/login"), linkRequest, fromAnAddressOfItsOwn()));
      assertTryAgainPage(requested);
      assertThat(retryForm(requested)).isEqualTo(linkRequest);
      HttpResponse<String> redeemed =
          timed(
              timings,
              "visitor POST /login/ott",
              () ->
                  visitor.post(
                      url("/login/ott"),
                      Map.of("token", "some-token", "_csrf", csrfOf(loginPage)),
                      Map.of()));
      assertTryAgainPage(redeemed);
    } finally {
      restart();
    }
    System.out.println("While PostgreSQL was down: " + String.join(", ", timings));

    List<String> slow = new ArrayList<>();
    HttpResponse<String> afterwards = untilAnswered(slow, () -> tester.get("/"));
    assertThat(afterwards.statusCode()).as("the session outlived the outage").isEqualTo(200);
    assertThat(afterwards.body()).contains(tester.email);
    assertThat(status(tester.session())).as("told nothing was saved").isEqualTo("assigned");
    HttpResponse<String> sentAgain =
        untilAnswered(slow, () -> tester.post(retryAction(submit), retryForm(submit)));
    assertThat(told(sentAgain)).as("Try again, once the database is back").isEqualTo(Told.SAVED);
    assertThat(storedComments(tester.session()))
        .containsExactly("Typed while the database was down");
    HttpResponse<String> again =
        untilAnswered(
            slow, () -> visitor.post(url("/login"), linkRequest, fromAnAddressOfItsOwn()));
    assertThat(again.statusCode())
        .as("the form's CSRF token from before the outage still works")
        .isEqualTo(302);
    assertThat(MailInbox.to(visitorEmail)).hasSize(1);
    String latecomersEmail = Fixtures.uniqueEmail("latecomer");
    assertThat(
            latecomer
                .post(
                    url("/login"),
                    Map.of("email", latecomersEmail, "_csrf", csrfOf(loginPageDuringTheOutage)),
                    fromAnAddressOfItsOwn())
                .statusCode())
        .as("and so does one from a page shown during the outage")
        .isEqualTo(302);
    assertThat(slow).isEmpty();
  }

  @Test
  void shouldReportASubmitThatCommittedAsSavedWhenTheNextAgentCannotBeLoaded() throws Exception {
    Tester tester = new Tester();
    tester.signInAndStart();
    UUID session = tester.session();
    Map<String, String> answers = tester.form("Committed, then the lights went out");
    CompletableFuture<HttpResponse<String>> submitting;
    long started;
    try (Connection blocker = server.superuserDataSource().getConnection()) {
      // The next agent's assignment waits for this tester's lock, after the submit has committed.
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        lock.setString(1, playground + "/" + tester.id());
        lock.execute();
      }
      started = System.nanoTime();
      submitting =
          CompletableFuture.supplyAsync(() -> tester.postUnchecked(tester.sessionPath, answers));
      awaitBackendWaitingFor("Lock", "advisory");
      assertThat(status(session)).as("committed before the next agent").isEqualTo("submitted");
      stop(); // the blocker's connection ends with the server
    }
    HttpResponse<String> answer;
    try {
      answer = submitting.get(30, TimeUnit.SECONDS);
    } finally {
      restart();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(text(answer)).contains(SAVED_BUT_NO_NEXT).doesNotContain("nothing was saved");
    assertThat(took).isLessThan(PROMPTLY);
    assertThat(status(session)).isEqualTo("submitted");
    assertThat(storedComments(session)).containsExactly("Committed, then the lights went out");
    assertThat(submittedCount()).isOne();

    HttpResponse<String> reload =
        untilAnswered(new ArrayList<>(), () -> tester.post(tester.sessionPath, answers));
    assertThat(reload.statusCode()).as("sending it again is told it is saved").isEqualTo(302);
    assertThat(storedComments(session)).hasSize(1);
    assertThat(submittedCount()).isOne();
  }

  /**
   * The commit reaches the disk but its acknowledgement never reaches Earshot: the server waits for
   * a synchronous standby that does not exist, and stops meanwhile. Earshot cannot know whether the
   * submit was saved, says so, and sending it again stores it once.
   */
  @Test
  void shouldSayASubmitMayHaveBeenSavedWhenItsCommitWasCutOffAndStoreItOnceWhenSentAgain()
      throws Exception {
    Tester tester = new Tester();
    tester.signInAndStart();
    UUID session = tester.session();
    Map<String, String> answers = tester.form("Committed, never acknowledged");
    CompletableFuture<HttpResponse<String>> submitting;
    int submit;
    try (Connection blocker = server.superuserDataSource().getConnection()) {
      // Holds the submit at its counter until commits wait for the missing standby.
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement(
              "SELECT 1 FROM evaluation_counters WHERE playground_id = ? FOR UPDATE")) {
        lock.setObject(1, playground);
        lock.execute();
      }
      submitting =
          CompletableFuture.supplyAsync(() -> tester.postUnchecked(tester.sessionPath, answers));
      submit = awaitBackendWaitingFor("Lock", "%");
      db().sql("ALTER SYSTEM SET synchronous_standby_names = 'nobody'").update();
      db().sql("SELECT pg_reload_conf()").query(Boolean.class).single();
      try {
        awaitCommitsWaitingForTheStandby();
        blocker.rollback();
        // the submit's own commit, not any other the app may make meanwhile
        awaitWaitingForTheStandby(submit);
      } catch (Throwable failed) {
        commitsNeedNoStandby();
        throw failed;
      }
    }
    HttpResponse<String> answer;
    try {
      stop();
      answer = submitting.get(30, TimeUnit.SECONDS);
    } finally {
      restart();
      commitsNeedNoStandby();
    }

    assertTryAgainPage(answer);
    assertThat(text(answer))
        .contains("this may have been saved", "Sending it again is safe")
        .doesNotContain("nothing was saved");
    assertThat(status(session)).as("it was, in fact").isEqualTo("submitted");
    HttpResponse<String> sentAgain =
        untilAnswered(new ArrayList<>(), () -> tester.post(retryAction(answer), retryForm(answer)));
    assertThat(told(sentAgain)).isEqualTo(Told.SAVED);
    assertThat(storedComments(session)).containsExactly("Committed, never acknowledged");
    assertThat(submittedCount()).isOne();
  }

  @Test
  void shouldTellTheTruthAboutEverySubmitWhenTheDatabaseStopsDuringSubmits() throws Exception {
    List<Tester> testers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Tester tester = new Tester();
      tester.signInAndStart();
      testers.add(tester);
    }
    List<Submit> submits = Collections.synchronizedList(new ArrayList<>());
    List<String> slow = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch back = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(testers.size());
    List<Future<?>> working = new ArrayList<>();
    for (Tester tester : testers) {
      working.add(
          threads.submit(
              () -> {
                tester.evaluateUntilStopped(running, back, submits, slow);
                return null;
              }));
    }

    Thread.sleep(1500);
    stop();
    Thread.sleep(3000);
    restart();
    back.countDown();
    Thread.sleep(2000);
    running.set(false);
    for (Future<?> work : working) {
      work.get(2, TimeUnit.MINUTES);
    }
    threads.shutdown();

    Map<Told, Long> told =
        submits.stream().collect(Collectors.groupingBy(Submit::told, Collectors.counting()));
    System.out.println("Submits around the restart: " + told);
    assertThat(told.getOrDefault(Told.NOT_SAVED, 0L) + told.getOrDefault(Told.MAYBE_SAVED, 0L))
        .as("submits that met the outage")
        .isPositive();
    assertThat(slow).as("answers slower than %s", PROMPTLY).isEmpty();
    Map<UUID, String> savedTexts = new LinkedHashMap<>();
    for (Submit submit : submits) {
      if (submit.told() == Told.SAVED || submit.told() == Told.SAVED_WHEN_SENT_AGAIN) {
        savedTexts.put(submit.session(), submit.typed());
      }
    }
    assertThat(savedTexts).hasSizeGreaterThanOrEqualTo(testers.size());
    for (Map.Entry<UUID, String> saved : savedTexts.entrySet()) {
      assertThat(status(saved.getKey())).isEqualTo("submitted");
      assertThat(storedComments(saved.getKey()))
          .as("stored once, as typed")
          .containsExactly(saved.getValue());
    }
    Set<UUID> submittedInTheDatabase =
        Set.copyOf(
            db().sql(
                    "SELECT id FROM evaluation_sessions WHERE playground_id = ? AND status = 'submitted'")
                .param(playground)
                .query(UUID.class)
                .list());
    assertThat(submittedInTheDatabase)
        .as("nothing is saved that its tester was not told about")
        .isEqualTo(savedTexts.keySet());
    assertThat(submittedCount()).isEqualTo(savedTexts.size());
    assertThat(
            db().sql("SELECT count(*) FROM evaluations WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single())
        .isEqualTo(2L * savedTexts.size());
  }

  enum Told {
    SAVED,
    NOT_SAVED,
    MAYBE_SAVED,
    SAVED_WHEN_SENT_AGAIN
  }

  record Submit(UUID session, String typed, Told told) {}

  /** A tester in a browser of their own, signed in through the link a real mail brought. */
  final class Tester {

    final HttpBrowser browser = new HttpBrowser();
    final String email = Fixtures.uniqueEmail("restart");
    String sessionPath;
    HttpResponse<String> sessionPage;
    int typedSoFar;

    void signInAndStart() throws Exception {
      HttpResponse<String> login = browser.get(url("/login"));
      assertThat(
              browser
                  .post(
                      url("/login"),
                      Map.of("email", email, "_csrf", csrfOf(login)),
                      fromAnAddressOfItsOwn())
                  .statusCode())
          .isEqualTo(302);
      String token = MailInbox.to(email).get(0).token();
      HttpResponse<String> confirm = browser.get(url("/login/ott?token=" + token));
      assertThat(
              browser
                  .post(
                      url("/login/ott"), Map.of("token", token, "_csrf", csrfOf(confirm)), Map.of())
                  .statusCode())
          .isEqualTo(302);
      start();
    }

    UUID id() {
      return db().sql("SELECT id FROM users WHERE email = ?")
          .param(email)
          .query(UUID.class)
          .single();
    }

    UUID session() {
      return UUID.fromString(sessionPath.substring("/sessions/".length()));
    }

    /** The form as the tester fills it in on the session page. */
    Map<String, String> form(String text) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("_csrf", csrfOf(sessionPage));
      form.put("q-" + verdict, "good");
      form.put("q-" + comment, text);
      return form;
    }

    HttpResponse<String> get(String path) throws Exception {
      return browser.get(url(path));
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      return browser.post(url(path), form, Map.of());
    }

    HttpResponse<String> postUnchecked(String path, Map<String, String> form) {
      try {
        return post(path, form);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Submits agent after agent until told to stop, noting what each submit was told. */
    void evaluateUntilStopped(
        AtomicBoolean running, CountDownLatch back, List<Submit> submits, List<String> slow)
        throws Exception {
      while (running.get()) {
        // Talking to the agent first: at any moment, some testers have their form open.
        Thread.sleep(ThreadLocalRandom.current().nextInt(800));
        UUID session = session();
        String typed = email + " #" + ++typedSoFar;
        Map<String, String> answers = form(typed);
        HttpResponse<String> answer = promptly(slow, () -> post(sessionPath, answers));
        Told told = told(answer);
        submits.add(new Submit(session, typed, told));
        if (told != Told.SAVED) {
          assertThat(retryForm(answer)).as("what was typed comes back").isEqualTo(answers);
          back.await();
          if (told == Told.NOT_SAVED) {
            assertThat(status(session)).as("told it was not saved").isEqualTo("assigned");
            assertThat(storedComments(session)).isEmpty();
          }
          HttpResponse<String> tryAgain = answer;
          answer = untilAnswered(slow, () -> post(retryAction(tryAgain), retryForm(tryAgain)));
          assertThat(told(answer)).as("sent again once the database is back").isEqualTo(Told.SAVED);
          submits.add(new Submit(session, typed, Told.SAVED_WHEN_SENT_AGAIN));
        }
        moveOn(answer, slow);
      }
    }

    /** To the next agent, reloading (as a person would) while the database is down. */
    private void moveOn(HttpResponse<String> saved, List<String> slow) throws Exception {
      String next = saved.statusCode() == 302 ? location(saved) : "/playgrounds/" + playground;
      if (!next.contains("/sessions/")) {
        HttpResponse<String> front = untilAnswered(slow, () -> get("/playgrounds/" + playground));
        HttpResponse<String> started =
            untilAnswered(
                slow,
                () ->
                    post("/playgrounds/" + playground + "/start", Map.of("_csrf", csrfOf(front))));
        next = location(started);
      }
      sessionPath = next.substring(next.indexOf("/sessions/"));
      sessionPage = untilAnswered(slow, () -> get(sessionPath));
    }

    private void start() throws Exception {
      HttpResponse<String> front = get("/playgrounds/" + playground);
      HttpResponse<String> started =
          post("/playgrounds/" + playground + "/start", Map.of("_csrf", csrfOf(front)));
      assertThat(started.statusCode()).isEqualTo(302);
      sessionPath = location(started).substring(location(started).indexOf("/sessions/"));
      sessionPage = get(sessionPath);
      assertThat(sessionPage.statusCode()).isEqualTo(200);
    }
  }

  /** What the tester was told about a submit, from the page they got. */
  static Told told(HttpResponse<String> answer) {
    String text = text(answer);
    if (answer.statusCode() == 302
        || (answer.statusCode() == 200 && text.contains(SAVED_BUT_NO_NEXT))) {
      return Told.SAVED;
    }
    if (answer.statusCode() == 503 && text.contains("nothing was saved")) {
      return Told.NOT_SAVED;
    }
    if (answer.statusCode() == 503 && text.contains("this may have been saved")) {
      return Told.MAYBE_SAVED;
    }
    throw new AssertionError("A submit was answered " + answer.statusCode() + ": " + text);
  }

  interface Request {
    HttpResponse<String> send() throws Exception;
  }

  /** Sends {@code request}, noting it when it took longer than {@link #PROMPTLY}. */
  static HttpResponse<String> promptly(List<String> slow, Request request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = request.send();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (took.compareTo(PROMPTLY) > 0) {
      slow.add(response.uri() + " took " + took.toMillis() + " ms");
    }
    return response;
  }

  /**
   * Sends {@code request} until it is not the "try again" page, as a person pressing Try again
   * would: just after a restart, the pool may take a few seconds to connect again.
   */
  static HttpResponse<String> untilAnswered(List<String> slow, Request request) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      HttpResponse<String> response = promptly(slow, request);
      if (response.statusCode() != 503 || System.nanoTime() > deadline) {
        return response;
      }
      assertTryAgainPage(response);
      Thread.sleep(200);
    }
  }

  static HttpResponse<String> timed(List<String> timings, String what, Request request)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = request.send();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    timings.add(what + " " + response.statusCode() + " in " + took.toMillis() + " ms");
    assertThat(took).as("%s answered promptly", what).isLessThan(PROMPTLY);
    return response;
  }

  static void assertTryAgainPage(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("%s", response.uri()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("10");
    Document page = Jsoup.parse(response.body());
    assertThat(page.title()).isEqualTo("Try again in a moment · Earshot");
    assertThat(page.select("button").eachText()).contains("Try again");
  }

  /** The fields the "try again" page would send again. */
  static Map<String, String> retryForm(HttpResponse<String> page) {
    Element form = Jsoup.parse(page.body()).selectFirst("form.retry");
    assertThat(form).as("a form to send it again").isNotNull();
    assertThat(form.attr("method")).isEqualTo("post");
    Map<String, String> fields = new LinkedHashMap<>();
    for (Element input : form.select("input[type=hidden]")) {
      fields.put(input.attr("name"), input.attr("value"));
    }
    return fields;
  }

  static String retryAction(HttpResponse<String> page) {
    return Jsoup.parse(page.body()).selectFirst("form.retry").attr("action");
  }

  static String text(HttpResponse<String> page) {
    return Jsoup.parse(page.body()).text();
  }

  private static Map<String, String> fromAnAddressOfItsOwn() {
    return Map.of("X-Forwarded-For", ClientAddresses.unique());
  }

  /**
   * Waits until one of the app's backends waits for {@code event} ({@code LIKE} pattern) of {@code
   * type}, as pg_stat_activity names them.
   */
  private int awaitBackendWaitingFor(String type, String event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Integer> waiting =
          db().sql(
                  "SELECT pid FROM pg_stat_activity"
                      + " WHERE usename = ? AND wait_event_type = ? AND wait_event LIKE ?")
              .params(TestDatabase.APP_ROLE, type, event)
              .query(Integer.class)
              .list();
      if (waiting.size() == 1) {
        return waiting.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No request of the app's waited for " + event);
  }

  private void awaitWaitingForTheStandby(int pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (waitsForTheStandby(pid)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("The submit's commit did not wait for the standby");
  }

  private boolean waitsForTheStandby(int pid) {
    return db().sql("SELECT wait_event = 'SyncRep' FROM pg_stat_activity WHERE pid = ?")
        .param(pid)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  private void commitsNeedNoStandby() {
    db().sql("ALTER SYSTEM RESET synchronous_standby_names").update();
    db().sql("SELECT pg_reload_conf()").query(Boolean.class).single();
  }

  /**
   * pg_reload_conf() only signals: commits wait for the standby once the checkpointer has read the
   * new setting. Until then the submit let go too early would commit unhindered, and the cut-off
   * would fall on a later transaction. A probe commit that waits proves the setting is in effect.
   */
  private void awaitCommitsWaitingForTheStandby() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Connection probe = server.superuserDataSource().getConnection()) {
        int pid;
        try (Statement statement = probe.createStatement()) {
          ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()");
          backend.next();
          pid = backend.getInt(1);
          probe.setAutoCommit(false);
          // a commit waits for the standby only when its transaction wrote something
          statement.execute("CREATE TEMP TABLE standby_probe () ON COMMIT DROP");
        }
        CompletableFuture<Void> commit =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    probe.commit();
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        while (!commit.isDone()) {
          if (waitsForTheStandby(pid)) {
            db().sql("SELECT pg_cancel_backend(?)").param(pid).query(Boolean.class).single();
            commit.get(10, TimeUnit.SECONDS);
            return;
          }
          Thread.sleep(10);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Commits never waited for the standby");
  }

  private String status(UUID session) {
    return db().sql("SELECT status::text FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(String.class)
        .single();
  }

  private List<String> storedComments(UUID session) {
    return db().sql("SELECT answer_text FROM evaluations WHERE session_id = ? AND question_id = ?")
        .params(session, comment)
        .query(String.class)
        .list();
  }

  private long submittedCount() {
    return db().sql(
            "SELECT coalesce(sum(current_count), 0) FROM evaluation_counters WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  private static synchronized void stop() {
    server.close();
  }

  private static synchronized void restart() {
    server = EmbeddedPostgresServer.start(directory, databasePort, TestDatabase.APP_ROLE);
  }

  private static synchronized JdbcClient db() {
    return JdbcClient.create(server.superuserDataSource());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
