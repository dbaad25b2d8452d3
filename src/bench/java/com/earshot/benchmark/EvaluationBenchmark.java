package com.earshot.benchmark;

import com.earshot.platform.database.EmbeddedPostgresServer;
import com.earshot.support.MailInbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The evaluation benchmark (docs/benchmarks.md), run by {@code bench/evaluation-benchmark.sh}: the
 * packaged app on its embedded PostgreSQL, {@code TESTERS} testers signed in through the real
 * email-link flow, each doing start (assign) → submit over HTTP for {@code DURATION} seconds; then
 * pgbench runs the same SQL as those two transactions on the same database, as the ceiling. Prints
 * a Markdown report.
 */
public final class EvaluationBenchmark {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
  private static final Pattern QUESTION = Pattern.compile("name=\"q-([0-9a-f-]{36})\"");

  private final int testers = Integer.getInteger("testers", 32);
  private final int seconds = Integer.getInteger("duration", 30);
  private final int warmup = Integer.getInteger("warmup", Math.max(5, seconds / 3));
  // a random pause after each evaluation, this long on average, as testers who talk to the agent
  // first (0: none); random, so that testers do not fall into step and arrive all at once
  private final int thinkMillis = Integer.getInteger("think", 0);
  // HISTORY=n: a tuning playground in which each tester already has n submitted sessions (seeded
  // in SQL), to see whether an evaluation costs more the more a tester has done; else an A/B test
  private final int history = Integer.getInteger("history", -1);
  private final String jar = System.getProperty("jar", "target/earshot-0.1.0-SNAPSHOT.jar");
  private final int port = Integer.getInteger("port", 18080);
  private final String base = "http://127.0.0.1:" + port;

  private GreenMail mail;
  private Process app;
  private Path log;

  public static void main(String[] args) throws Exception {
    new EvaluationBenchmark().run();
  }

  private void run() throws Exception {
    Path directory = Files.createTempDirectory("earshot-bench");
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    mail.start();
    try {
      loadStatementStatistics(directory.resolve("db"));
      startApp(directory);
      Tester admin = signIn("bench-admin@example.com");
      String playground = createPlayground(admin);
      List<Tester> crowd = new ArrayList<>();
      for (int i = 1; i <= testers; i++) {
        crowd.add(signIn("bench-tester-" + i + "@example.com"));
      }
      Form form = formOf(crowd.get(0), playground);
      if (history > 0) {
        seedHistory(playground, form);
      }
      load(crowd, playground, form, warmup);
      long commits = beginWork();
      Cpu beforeApp = cpu(directory);
      Result app = load(crowd, playground, form, seconds);
      Cpu appCpu = cpu(directory).minus(beforeApp);
      Thread.sleep(1000); // the backends' statistics reach shared memory within a second
      Work appWork = endWork(commits);
      long rssKb = peakRssKb(this.app.pid());
      commits = beginWork();
      Cpu beforePgbench = cpu(directory);
      Pgbench pgbench = pgbench(playground, form);
      Thread.sleep(1000); // pgbench's backends end after it does, and are reaped by the postmaster
      Cpu pgbenchCpu = cpu(directory).minus(beforePgbench);
      Work pgbenchWork = endWork(commits);
      report(app, appCpu, pgbench, pgbenchCpu, rssKb);
      statementReport(app.evaluations(), appWork, pgbench.transactions(), pgbenchWork);
    } finally {
      if (app != null) {
        app.destroy();
        app.waitFor(30, TimeUnit.SECONDS);
      }
      mail.stop();
    }
  }

  private void startApp(Path directory) throws Exception {
    log = directory.resolve("app.log");
    List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
    // e.g. a profiler agent: APP_JVM_ARGS=-agentpath:... bench/evaluation-benchmark.sh
    String jvmArgs = System.getProperty("appJvmArgs", "").strip();
    if (!jvmArgs.isEmpty()) {
      command.addAll(List.of(jvmArgs.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-jar",
            jar,
            "--server.port=" + port,
            "--earshot.database.directory=" + directory.resolve("db"),
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + mail.getSmtp().getPort(),
            "--earshot.sign-in.base-url=" + base,
            "--earshot.sign-in.admin-emails=bench-admin@example.com",
            "--earshot.sign-in.links-per-address=100000",
            "--logging.level.root=WARN",
            "--logging.level.com.earshot.platform.database=INFO"));
    app =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> health =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The app did not start; see " + log);
  }

  /** A signed-in browser: its cookies and its CSRF token. */
  private final class Tester {
    final String email;
    final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String csrf;

    Tester(String email) {
      this.email = email;
    }

    HttpResponse<String> get(String path) throws Exception {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher token = CSRF.matcher(response.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return response;
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      Map<String, String> fields = new LinkedHashMap<>(form);
      fields.put("_csrf", csrf);
      String body =
          fields.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The real flow: ask for a link, read the mail, confirm, sign in. */
  private Tester signIn(String email) throws Exception {
    Tester tester = new Tester(email);
    tester.get("/login");
    tester.post("/login", Map.of("email", email));
    String token = null;
    for (int attempt = 0; attempt < 100 && token == null; attempt++) {
      for (MimeMessage message : mail.getReceivedMessages()) {
        if (message.getAllRecipients()[0].toString().equals(email)) {
          token = MailInbox.Mail.of(message).token();
        }
      }
      Thread.sleep(50);
    }
    if (token == null) {
      throw new IllegalStateException("No sign-in mail for " + email);
    }
    mail.purgeEmailFromAllMailboxes();
    tester.get("/login/ott?token=" + token);
    HttpResponse<String> signedIn = tester.post("/login/ott", Map.of("token", token));
    if (signedIn.statusCode() != 302) {
      throw new IllegalStateException("Sign-in failed for " + email + ": " + signedIn.statusCode());
    }
    tester.get("/");
    return tester;
  }

  private String createPlayground(Tester admin) throws Exception {
    boolean tuning = history >= 0;
    admin.get("/manage/playgrounds/new?type=" + (tuning ? "tuning" : "ab_testing"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", tuning ? "TUNING" : "AB_TESTING");
    form.put("name", "Benchmark");
    form.put("models[0].name", "A");
    form.put("models[0].embedCode", "agent_benchmark_a");
    form.put("models[0].maxEvaluations", "1000000");
    if (!tuning) {
      form.put("models[1].name", "B");
      form.put("models[1].embedCode", "agent_benchmark_b");
      form.put("models[1].maxEvaluations", "1000000");
    }
    String location =
        admin.post("/manage/playgrounds", form).headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    admin.get("/manage/playgrounds/" + id);
    admin.post(
        "/manage/playgrounds/" + id + "/questions",
        Map.of(
            "text", "How natural did the agent sound?",
            "type", "select",
            "askedAbout", "both",
            "required", "true",
            "options[0].label", "Natural",
            "options[0].value", "natural",
            "options[1].label", "Robotic",
            "options[1].value", "robotic"));
    admin.post(
        "/manage/playgrounds/" + id + "/questions",
        Map.of(
            "text", "Rate the call", "type", "rating", "askedAbout", "both", "required", "true"));
    // A playground starts as a draft (issue 15): the preview saw each widget load, then it goes
    // live, as an admin does it.
    for (String model : tuning ? List.of("model_a") : List.of("model_a", "model_b")) {
      admin.post(
          "/manage/playgrounds/" + id + "/widget-loaded?model=" + model + "&version=1", Map.of());
    }
    HttpResponse<String> live = admin.post("/manage/playgrounds/" + id + "/go-live", Map.of());
    if (live.statusCode() != 302) {
      throw new IllegalStateException("Going live answered " + live.statusCode());
    }
    return id;
  }

  /** The question ids of the form, read from a tester's first session page. */
  private record Form(String select, String rating) {}

  private Form formOf(Tester tester, String playground) throws Exception {
    String session = start(tester, playground);
    Matcher questions = QUESTION.matcher(tester.get(session).body());
    List<String> ids = new ArrayList<>();
    while (questions.find()) {
      if (!ids.contains(questions.group(1))) {
        ids.add(questions.group(1));
      }
    }
    return new Form(ids.get(0), ids.get(1));
  }

  private String start(Tester tester, String playground) throws Exception {
    HttpResponse<String> started = tester.post("/playgrounds/" + playground + "/start", Map.of());
    String location = started.headers().firstValue("Location").orElseThrow();
    return URI.create(location).getPath();
  }

  /**
   * Completed evaluations, and latencies in microseconds: of each start and each submit request
   * (the app only), and of each whole evaluation (start and submit; the pgbench script without its
   * pause).
   */
  record Result(
      long evaluations,
      double seconds,
      List<Long> startMicros,
      List<Long> submitMicros,
      List<Long> evaluationMicros) {

    double perSecond() {
      return evaluations / seconds;
    }

    List<Long> requestMicros() {
      List<Long> requests = new ArrayList<>(startMicros);
      requests.addAll(submitMicros);
      return requests;
    }

    static String percentiles(List<Long> micros) {
      if (micros.isEmpty()) {
        return "—";
      }
      List<Long> sorted = new ArrayList<>(micros);
      Collections.sort(sorted);
      return String.join(
          " / ",
          List.of(0.50, 0.95, 0.99).stream()
              .map(
                  p ->
                      sorted.get(
                          (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)))
              .map(us -> String.format(Locale.ROOT, "%.1f", us / 1000.0))
              .toList());
    }
  }

  /** Every tester: start → submit, as fast as the app answers, for {@code duration} seconds. */
  private Result load(List<Tester> crowd, String playground, Form form, int duration)
      throws Exception {
    List<Long> startMicros = Collections.synchronizedList(new ArrayList<>());
    List<Long> submitMicros = Collections.synchronizedList(new ArrayList<>());
    List<Long> evaluationMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch gate = new CountDownLatch(1);
    long[] done = new long[crowd.size()];
    ExecutorService pool = Executors.newFixedThreadPool(crowd.size());
    for (int i = 0; i < crowd.size(); i++) {
      int index = i;
      Tester tester = crowd.get(i);
      pool.submit(
          () -> {
            gate.await();
            while (running.get()) {
              long t0 = System.nanoTime();
              String session = start(tester, playground);
              long t1 = System.nanoTime();
              HttpResponse<String> submitted =
                  tester.post(
                      session, Map.of("q-" + form.select(), "natural", "q-" + form.rating(), "4"));
              long t2 = System.nanoTime();
              if (submitted.statusCode() != 302) {
                throw new IllegalStateException("Submit answered " + submitted.statusCode());
              }
              startMicros.add((t1 - t0) / 1000);
              submitMicros.add((t2 - t1) / 1000);
              evaluationMicros.add((t2 - t0) / 1000);
              done[index]++;
              if (thinkMillis > 0) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(2L * thinkMillis + 1));
              }
            }
            return null;
          });
    }
    long begin = System.nanoTime();
    gate.countDown();
    Thread.sleep(duration * 1000L);
    running.set(false);
    pool.shutdown();
    if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Testers did not stop");
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    long total = 0;
    for (long count : done) {
      total += count;
    }
    return new Result(total, elapsed, startMicros, submitMicros, evaluationMicros);
  }

  /**
   * pgbench's run: what it did in the measured seconds after its warm-up, and all its transactions
   * (its CPU is measured over the whole run).
   */
  private record Pgbench(Result measured, long transactions) {}

  /**
   * pgbench, same database, same clients, same warm-up and pause: the two transactions of one
   * evaluation, in SQL.
   */
  private Pgbench pgbench(String playground, Form form) throws Exception {
    Matcher port = Pattern.compile("on port (\\d+)").matcher(Files.readString(log));
    String databasePort = port.find() ? port.group(1) : null;
    // The app binds the signed-in user's id; pgbench looks it up, in the same statement.
    try (java.sql.Connection superuser = superuser();
        java.sql.Statement statement = superuser.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS bench_testers AS SELECT"
              + " substring(email from 'bench-tester-(\\d+)@')::int AS n, id FROM users"
              + " WHERE email LIKE 'bench-tester-%'");
      statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS bench_testers_n ON bench_testers (n)");
      statement.execute("GRANT SELECT ON bench_testers TO earshot_app");
    }
    Path script = Files.createTempFile("earshot-evaluation", ".sql");
    Files.writeString(script, PGBENCH_SCRIPT);
    // The testers' pause is a second script, which pgbench picks as often as the first (weights
    // 1:1): after an evaluation, a run of pauses whose length is 1 on average (geometric), each
    // 0 to 2 × think ms long, so the pause averages think ms, as the app's testers' does. Its
    // log lines are left out below.
    Path pause = Files.createTempFile("earshot-pause", ".sql");
    Files.writeString(pause, "\\set pause random(0, " + 2 * thinkMillis + ")\n\\sleep :pause ms\n");
    List<String> scripts =
        thinkMillis > 0
            ? List.of("-f", script + "@1", "-f", pause + "@1")
            : List.of("-f", script.toString());
    Path logs = Files.createTempDirectory("earshot-pgbench");
    long windowStart = (System.currentTimeMillis() + warmup * 1000L) * 1000;
    long windowEnd = windowStart + seconds * 1_000_000L;
    List<String> command =
        new ArrayList<>(
            List.of(
                "pgbench",
                "-h",
                "localhost",
                "-p",
                databasePort,
                "-U",
                "earshot_app",
                "-n",
                "-c",
                String.valueOf(testers),
                "-j",
                "2",
                "-T",
                String.valueOf(warmup + seconds + 1),
                "-M",
                "prepared",
                "-D",
                "playground=" + playground,
                "-D",
                "select=" + form.select(),
                "-D",
                "rating=" + form.rating(),
                "-D",
                "testers=" + testers,
                "-D",
                "models=" + (history >= 0 ? 1 : 2),
                "-l",
                "--log-prefix=" + logs.resolve("pgbench")));
    command.addAll(scripts);
    command.add("earshot");
    Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    pgbench.waitFor();
    Matcher processed =
        Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
    Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(output);
    if (!processed.find()
        || processed.group(1).equals("0")
        || (failed.find() && !failed.group(1).equals("0"))) {
      throw new IllegalStateException("pgbench did not run cleanly:\n" + output);
    }
    // One run of the first script is the two app transactions of one evaluation (assign, submit).
    // The log has a line per run of a script: client, number, latency in µs, script (0: the
    // evaluation, 1: a pause), and when it ended (epoch seconds, µs). Evaluations that ended in
    // the measured window count for the rate and latency, all of them for the CPU.
    List<Long> evaluationMicros = new ArrayList<>();
    long evaluations = 0;
    try (var files = Files.list(logs)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          String[] fields = line.split(" ");
          long ended = Long.parseLong(fields[4]) * 1_000_000 + Long.parseLong(fields[5]);
          boolean evaluation = fields[3].equals("0");
          evaluations += evaluation ? 1 : 0;
          if (evaluation && ended >= windowStart && ended < windowEnd) {
            evaluationMicros.add(Long.parseLong(fields[2]));
          }
        }
        Files.delete(file);
      }
    }
    Files.delete(logs);
    return new Pgbench(
        new Result(evaluationMicros.size(), seconds, List.of(), List.of(), evaluationMicros),
        evaluations);
  }

  /**
   * What the app's two transactions do in the database: as the tester, assign (expire lapsed
   * reservations, read the tester's sessions, the playground, its models and questions, reserve a
   * slot, insert the session) and submit (read the session and the playground again, mark it
   * submitted, insert the answers in one statement, count it). Each evaluation picks one of the two
   * models at random, as the app's assignment does, so submits queue on two counters as they do in
   * the app.
   */
  static final String PGBENCH_SCRIPT =
      """
      \\set n random(1, :testers)
      \\set m random(1, :models)
      BEGIN;
      SELECT set_config('earshot.user_id', (SELECT id::text FROM bench_testers WHERE n = :n), true), set_config('earshot.user_role', 'tester', true), set_config('earshot.user_email', 'bench-tester-' || :n::text || '@example.com', true);
      UPDATE evaluation_sessions SET status = 'expired' WHERE playground_id = :playground AND user_id = current_setting('earshot.user_id')::uuid AND status = 'assigned' AND expires_at <= now();
      SELECT count(*) FROM evaluation_sessions WHERE playground_id = :playground AND user_id = current_setting('earshot.user_id')::uuid;
      SELECT * FROM playgrounds WHERE id = :playground;
      SELECT m.*, c.current_count FROM model_configurations m JOIN evaluation_counters c USING (playground_id, model_key) WHERE m.playground_id = :playground;
      SELECT q.*, 0 AS answers FROM questions q WHERE q.playground_id = :playground ORDER BY q.order_index, q.created_at;
      SELECT app_reserve_model(:playground, (ARRAY['model_a', 'model_b'])[:m]);
      INSERT INTO evaluation_sessions (playground_id, user_id, model_key, round_number, position, configuration_version, expires_at) VALUES (:playground, current_setting('earshot.user_id')::uuid, (ARRAY['model_a', 'model_b'])[:m], 1, 1, 1, now() + interval '30 minutes') RETURNING id AS session \\gset
      END;
      BEGIN;
      SELECT set_config('earshot.user_id', (SELECT id::text FROM bench_testers WHERE n = :n), true), set_config('earshot.user_role', 'tester', true), set_config('earshot.user_email', 'bench-tester-' || :n::text || '@example.com', true);
      SELECT * FROM evaluation_sessions WHERE id = :session;
      SELECT * FROM playgrounds WHERE id = :playground;
      SELECT m.*, c.current_count FROM model_configurations m JOIN evaluation_counters c USING (playground_id, model_key) WHERE m.playground_id = :playground;
      SELECT q.*, 0 AS answers FROM questions q WHERE q.playground_id = :playground ORDER BY q.order_index, q.created_at;
      UPDATE evaluation_sessions SET status = 'submitted', submitted_at = now() WHERE id = :session AND status IN ('assigned', 'expired') RETURNING *;
      INSERT INTO evaluations (playground_id, user_id, model_key, question_id, session_id, answer_text, answer_value, rating) VALUES (:playground, current_setting('earshot.user_id')::uuid, (ARRAY['model_a', 'model_b'])[:m], :select, :session, NULL, 'natural', NULL), (:playground, current_setting('earshot.user_id')::uuid, (ARRAY['model_a', 'model_b'])[:m], :rating, :session, NULL, NULL, 4);
      SELECT app_count_submission(:session);
      END;
      """;

  /**
   * Initializes the data directory the app will start on, with pg_stat_statements loaded (every
   * statement, nested ones too), so that the report can say which statements each evaluation runs.
   */
  private static void loadStatementStatistics(Path db) throws Exception {
    EmbeddedPostgresServer.start(db, 0, "earshot_app").close();
    // the module's own setting is known only once it is loaded: written to the file, not by SQL
    Files.writeString(
        db.resolve("postgresql.conf"),
        "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  private java.sql.Connection superuser() throws Exception {
    Matcher port = Pattern.compile("on port (\\d+)").matcher(Files.readString(log));
    if (!port.find()) {
      throw new IllegalStateException("The embedded database's port is not in " + log);
    }
    return java.sql.DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port.group(1) + "/earshot", "postgres", "");
  }

  /**
   * Each tester's history in the tuning playground: {@code history} submitted sessions with a call
   * long enough to count and both answers, as if evaluated before (and the session that read the
   * form given up).
   */
  private void seedHistory(String playground, Form form) throws Exception {
    try (java.sql.Connection superuser = superuser();
        java.sql.Statement statement = superuser.createStatement()) {
      statement.execute(
          "UPDATE evaluation_sessions SET status = 'expired' WHERE status = 'assigned'"
              + " AND playground_id = '"
              + playground
              + "'");
      statement.execute(
          """
          INSERT INTO evaluation_sessions (playground_id, user_id, model_key, round_number, position,
              configuration_version, status, started_at, call_started_at, call_ended_at,
              submitted_at, expires_at)
          SELECT '%1$s', u.id, 'model_a', r, 1, 1, 'submitted',
                 now() - make_interval(mins => 10 * r + 10), now() - make_interval(mins => 10 * r + 9),
                 now() - make_interval(mins => 10 * r + 6), now() - make_interval(mins => 10 * r + 5),
                 now() - make_interval(mins => 10 * r - 20)
          FROM users u CROSS JOIN generate_series(1, %2$d) r
          WHERE u.email LIKE 'bench-tester-%%'
          """
              .formatted(playground, history));
      statement.execute(
          """
          INSERT INTO evaluations (playground_id, user_id, model_key, question_id, session_id,
              answer_value, rating, created_at)
          SELECT s.playground_id, s.user_id, s.model_key, q.id, s.id,
                 CASE WHEN q.id = '%2$s' THEN 'natural' END, CASE WHEN q.id = '%3$s' THEN 4 END,
                 s.submitted_at
          FROM evaluation_sessions s CROSS JOIN (VALUES ('%2$s'::uuid), ('%3$s'::uuid)) q (id)
          WHERE s.playground_id = '%1$s' AND s.status = 'submitted'
          """
              .formatted(playground, form.select(), form.rating()));
      statement.execute(
          "UPDATE evaluation_counters SET current_count = current_count + "
              + (long) history * testers
              + " WHERE playground_id = '"
              + playground
              + "'");
      statement.execute("VACUUM ANALYZE evaluation_sessions");
      statement.execute("VACUUM ANALYZE evaluations");
    }
  }

  /** What the database did in a run (pg_stat_statements and commits), the driver's reads apart. */
  private record Work(long commits, List<Statement> statements) {

    record Statement(boolean toplevel, long calls, double milliseconds, String query) {}

    long calls(boolean toplevel) {
      return statements.stream()
          .filter(s -> s.toplevel() == toplevel)
          .mapToLong(Statement::calls)
          .sum();
    }

    double milliseconds() {
      return statements.stream()
          .filter(Statement::toplevel)
          .mapToDouble(Statement::milliseconds)
          .sum();
    }
  }

  /** Forgets the statements so far; the commits so far. */
  private long beginWork() throws Exception {
    try (java.sql.Connection superuser = superuser();
        java.sql.Statement statement = superuser.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      statement.execute("SELECT pg_stat_statements_reset()");
      return commits(statement);
    }
  }

  private Work endWork(long commitsBefore) throws Exception {
    try (java.sql.Connection superuser = superuser();
        java.sql.Statement statement = superuser.createStatement()) {
      long commits = commits(statement) - commitsBefore;
      List<Work.Statement> statements = new ArrayList<>();
      try (java.sql.ResultSet rs =
          statement.executeQuery(
              "SELECT toplevel, calls, total_exec_time, query FROM pg_stat_statements"
                  + " WHERE userid <> (SELECT oid FROM pg_roles WHERE rolname = 'postgres')"
                  + " AND dbid = (SELECT oid FROM pg_database WHERE datname = 'earshot')")) {
        while (rs.next()) {
          statements.add(
              new Work.Statement(
                  rs.getBoolean(1), rs.getLong(2), rs.getDouble(3), rs.getString(4)));
        }
      }
      return new Work(commits, statements);
    }
  }

  private static long commits(java.sql.Statement statement) throws Exception {
    try (java.sql.ResultSet rs =
        statement.executeQuery(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = 'earshot'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Per evaluation, the app's database work beside pgbench's, and the statements by calls. */
  private void statementReport(
      long appEvaluations, Work app, long pgbenchEvaluations, Work pgbench) {
    System.out.printf(
        Locale.ROOT,
        """

        | per evaluation (pg_stat_statements, track = all) | app run | pgbench run |
        | --- | --- | --- |
        | commits | %.2f | %.2f |
        | statements sent (top level) | %.1f | %.1f |
        | statements run inside functions and triggers | %.1f | %.1f |
        | distinct statements (top level) | %d | %d |
        | execution time of the statements sent | %.2f ms | %.2f ms |

        """,
        (double) app.commits() / appEvaluations,
        (double) pgbench.commits() / pgbenchEvaluations,
        (double) app.calls(true) / appEvaluations,
        (double) pgbench.calls(true) / pgbenchEvaluations,
        (double) app.calls(false) / appEvaluations,
        (double) pgbench.calls(false) / pgbenchEvaluations,
        app.statements().stream().filter(Work.Statement::toplevel).count(),
        pgbench.statements().stream().filter(Work.Statement::toplevel).count(),
        app.milliseconds() / appEvaluations,
        pgbench.milliseconds() / pgbenchEvaluations);
    for (Object[] run :
        new Object[][] {{"app", app, appEvaluations}, {"pgbench", pgbench, pgbenchEvaluations}}) {
      Work work = (Work) run[1];
      long evaluations = (Long) run[2];
      System.out.printf(
          "%nThe %s run's statements sent, by time per evaluation:%n%n"
              + "| time per evaluation | calls per evaluation | statement |%n| --- | --- | --- |%n",
          run[0]);
      work.statements().stream()
          .filter(Work.Statement::toplevel)
          .sorted(java.util.Comparator.comparingDouble(Work.Statement::milliseconds).reversed())
          .limit(25)
          .forEach(
              st ->
                  System.out.printf(
                      Locale.ROOT,
                      "| %.3f ms | %.2f | `%s` |%n",
                      st.milliseconds() / evaluations,
                      (double) st.calls() / evaluations,
                      abbreviate(st.query())));
    }
  }

  private static String abbreviate(String query) {
    String line = query.replaceAll("\\s+", " ").strip().replace("|", "\\|");
    return line.length() > 150 ? line.substring(0, 150) + "…" : line;
  }

  /**
   * CPU time in clock ticks, from /proc: the app, and its JIT compiler threads; PostgreSQL (the
   * postmaster, its live backends, and the backends that have ended, which the postmaster has
   * reaped); this driver; and the processes this driver has reaped (pgbench). Two cores are shared
   * by all of them, so the CPU each spends per evaluation says what the driver's own share costs
   * the app.
   */
  private record Cpu(long app, long compilers, long database, long driver, long reaped) {

    Cpu minus(Cpu before) {
      return new Cpu(
          app - before.app,
          compilers - before.compilers,
          database - before.database,
          driver - before.driver,
          reaped - before.reaped);
    }
  }

  private Cpu cpu(Path directory) throws IOException {
    long postmaster =
        Long.parseLong(Files.readAllLines(directory.resolve("db/postmaster.pid")).get(0).trim());
    long database = ticks(postmaster, true);
    for (ProcessHandle backend : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
      database += ticks(backend.pid(), false);
    }
    long compilers = 0;
    try (var threads = Files.list(Path.of("/proc/" + app.pid() + "/task"))) {
      for (Path thread : threads.toList()) {
        String stat = readStat(thread.resolve("stat"));
        if (stat.contains("(C1 CompilerThre)") || stat.contains("(C2 CompilerThre)")) {
          long[] times = times(stat);
          compilers += times[0] + times[1];
        }
      }
    }
    long[] self = times(readStat(Path.of("/proc/self/stat")));
    return new Cpu(
        ticks(app.pid(), false), compilers, database, self[0] + self[1], self[2] + self[3]);
  }

  private static long ticks(long pid, boolean withReapedChildren) throws IOException {
    long[] times = times(readStat(Path.of("/proc/" + pid + "/stat")));
    return times[0] + times[1] + (withReapedChildren ? times[2] + times[3] : 0);
  }

  /** A /proc stat file; empty for a process or thread that has just ended. */
  private static String readStat(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (java.nio.file.NoSuchFileException ended) {
      return "";
    }
  }

  /** utime, stime, cutime and cstime of a stat line (zeros for an empty one). */
  private static long[] times(String stat) {
    if (stat.isEmpty()) {
      return new long[4];
    }
    // the fields after the command name, which may itself hold spaces, start at field 3 (state)
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return new long[] {
      Long.parseLong(fields[11]),
      Long.parseLong(fields[12]),
      Long.parseLong(fields[13]),
      Long.parseLong(fields[14])
    };
  }

  private static long peakRssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private void report(Result app, Cpu appCpu, Pgbench pgbenchRun, Cpu pgbenchCpu, long rssKb) {
    Result pgbench = pgbenchRun.measured();
    // USER_HZ is 100 on Linux: one tick is 10 ms
    double appEvaluations = app.evaluations();
    double pgbenchEvaluations = pgbenchRun.transactions();
    double appMs = appCpu.app() * 10 / appEvaluations;
    double compilersMs = appCpu.compilers() * 10 / appEvaluations;
    double appDatabaseMs = appCpu.database() * 10 / appEvaluations;
    double driverMs = appCpu.driver() * 10 / appEvaluations;
    double pgbenchDatabaseMs = pgbenchCpu.database() * 10 / pgbenchEvaluations;
    double pgbenchClientMs = pgbenchCpu.reaped() * 10 / pgbenchEvaluations;
    System.out.printf(
        Locale.ROOT,
        """

        | measure | value |
        | --- | --- |
        | testers (HTTP clients, signed in by email link) | %d |
        | duration | %d s (after a %d s warm-up), pause after each evaluation %d ms on average |
        | app: evaluations (start → submit) per second | %.1f |
        | app: request latency p50 / p95 / p99 | %s ms |
        | app: start / submit requests apart, p50 / p95 / p99 | %s ms / %s ms |
        | app: evaluation (start + submit) latency p50 / p95 / p99 | %s ms |
        | pgbench: the same SQL per second (%d clients) | %.1f |
        | pgbench: evaluation latency p50 / p95 / p99 | %s ms |
        | ratio app ÷ pgbench | %.2f |
        | app peak RSS (VmHWM, -Xmx256m) | %d MB |
        | CPU per evaluation, app run: app (its JIT compilers) / PostgreSQL / load driver | %.2f (%.2f) / %.2f / %.2f ms |
        | CPU per evaluation, pgbench run: PostgreSQL / pgbench client | %.2f / %.2f ms |
        | ratio if the clients ran elsewhere and CPU is the limit | %.2f |
        """,
        testers,
        seconds,
        warmup,
        thinkMillis,
        app.perSecond(),
        Result.percentiles(app.requestMicros()),
        Result.percentiles(app.startMicros()),
        Result.percentiles(app.submitMicros()),
        Result.percentiles(app.evaluationMicros()),
        testers,
        pgbench.perSecond(),
        Result.percentiles(pgbench.evaluationMicros()),
        app.perSecond() / pgbench.perSecond(),
        rssKb / 1024,
        appMs,
        compilersMs,
        appDatabaseMs,
        driverMs,
        pgbenchDatabaseMs,
        pgbenchClientMs,
        pgbenchDatabaseMs / (appMs + appDatabaseMs));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
