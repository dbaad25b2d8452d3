package com.earshot.insights.dashboard;

import com.earshot.EarshotApplication;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.database.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The insights benchmark (docs/benchmarks.md), run by {@code bench/insights-benchmark.sh}: one A/B
 * playground with a million submitted sessions and about five million answers, generated with
 * set-based SQL on a fresh embedded PostgreSQL (the tallies filled by V16's statement-level
 * triggers); then, as the owning admin under row-level security, the real {@link
 * DashboardService#dashboard} against the seed's plain views, and the exact equality of their
 * numbers. Prints a Markdown report.
 *
 * <p>It lives in the dashboard's package so that it can call the package-private service through
 * its Spring proxy: the same transaction, request context and queries as a page view, without the
 * HTML rendering and HTTP.
 */
public final class InsightsBenchmark {

  private static final String APP_ROLE = "earshot_app";

  /** Testers of the big playground: each does one round, two sessions (A then B, or B then A). */
  private final int testers = Integer.getInteger("testers", 500_000);

  private final int warmup = Integer.getInteger("warmup", 5);
  private final int runs = Integer.getInteger("runs", 30);

  /** Runs of the tally-less full dashboard (the tallies' GROUP BYs over the rows): slow, few. */
  private final int rowRuns = Integer.getInteger("rowRuns", 5);

  private final boolean explain = Boolean.getBoolean("explain");

  private final List<String[]> generation = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    new InsightsBenchmark().run();
    System.exit(0);
  }

  // ---------------------------------------------------------------------------------------------
  // Deterministic ids and random values: functions of the tester's number, never random().

  /** A UUID whose first group is {@code prefix} and whose last is {@code n}, both SQL. */
  static String uid(String prefix, String n) {
    return "(lpad(to_hex("
        + prefix
        + "), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(("
        + n
        + ")::bigint), 12, '0'))::uuid";
  }

  static String uid(int prefix, String n) {
    return uid(Integer.toString(prefix), n);
  }

  /** A non-negative int drawn from {@code t} and a salt: PostgreSQL's own 64-bit hash. */
  static String hash(String salt, String t) {
    return "(hashint8((" + t + ")::bigint * 1000003 + (" + salt + ")) & 2147483647)";
  }

  static final int USER = 0x10;
  static final int ADMIN = 0x11;
  static final int PLAYGROUND = 0x20;
  static final int QUESTION = 0x30;
  static final int SESSION = 0x40;
  static final int EXPIRED = 0x50;
  static final int OPEN = 0x60;
  static final int ANSWER = 0x1000;

  /**
   * The questions: (order, type, asked of, share of sessions that answer it in percent). Per
   * session 1 + 1 + 0.3 + 0.5 (B only) + 1 + 1 + 0.2 = 5 answers.
   */
  static final String QUESTIONS =
      """
      (VALUES (1, 'select', NULL::varchar, 100, 'How did the agent sound?',
               '[{"label":"Natural","value":"natural"},{"label":"OK","value":"ok"},{"label":"Robotic","value":"robotic"}]'),
              (2, 'rating', NULL, 100, 'Rate the call', NULL),
              (3, 'input_string', NULL, 30, 'Anything else?', NULL),
              (4, 'select', 'model_b', 100, 'Did it book the appointment?',
               '[{"label":"Yes","value":"yes"},{"label":"No","value":"no"}]'),
              (5, 'rating', NULL, 100, 'How well did it understand you?', NULL),
              (6, 'select', NULL, 100, 'Would you call it again?',
               '[{"label":"Yes","value":"yes"},{"label":"Maybe","value":"maybe"},{"label":"No","value":"no"}]'),
              (7, 'rating', NULL, 20, 'Rate the voice', NULL))
      """;

  /**
   * Every submitted session of playground {@code g}: testers 1 … {@code t}, positions 1 and 2,
   * models counterbalanced (even testers meet A first), submitted over the 30 days before {@code
   * base}'s day ends; model A changed its configuration (version 2) on day 15.
   */
  static String sessions(int g, int t, String base) {
    return """
        SELECT t, p, model, version,
               %1$s AS id,
               timestamp '%2$s' + make_interval(secs => off + CASE p WHEN 1 THEN 0 ELSE 245 END) AS started,
               timestamp '%2$s' + make_interval(secs => off + CASE p WHEN 1 THEN 240 ELSE 485 END) AS submitted
        FROM generate_series(1, %3$d) t
        CROSS JOIN (VALUES (1), (2)) pos (p)
        CROSS JOIN LATERAL (
          SELECT CASE WHEN (t %% 2 = 0) = (p = 1) THEN 'model_a' ELSE 'model_b' END AS model,
                 %4$s %% (30 * 86400 - 3600) AS off) x
        CROSS JOIN LATERAL (
          SELECT CASE WHEN model = 'model_a' AND off >= 15 * 86400 THEN 2 ELSE 1 END AS version) v
        """
        .formatted(uid(SESSION + g, "2 * t - 2 + p"), base, t, hash("7777", "t"));
  }

  private void generate(Connection db, int g, UUID admin, int t, int expired, int open)
      throws SQLException {
    String base = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).toString() + " 00:00:00";
    String playground = uid(PLAYGROUND, Integer.toString(g));
    step(
        db,
        "playground " + g + ", its models, counters and questions",
        """
        INSERT INTO playgrounds (id, name, type, created_by, description)
        VALUES (%1$s, 'Benchmark %2$d', 'ab_testing', '%3$s', 'Generated by InsightsBenchmark');
        INSERT INTO model_configurations (playground_id, model_key, model_name, embed_code,
                                          max_evaluations, configuration_version)
        VALUES (%1$s, 'model_a', 'Agent A', 'agent_bench_a', 1000000, 2),
               (%1$s, 'model_b', 'Agent B', 'agent_bench_b', 1000000, 1);
        INSERT INTO evaluation_counters (playground_id, model_key, current_count)
        VALUES (%1$s, 'model_a', %4$d), (%1$s, 'model_b', %4$d);
        INSERT INTO questions (id, playground_id, model_key, question_text, question_type, options,
                               order_index, required)
        SELECT %5$s, %1$s, asked, text, kind::question_type, options::jsonb, i, share = 100
        FROM %6$s q (i, kind, asked, share, text, options);
        """
            .formatted(playground, g, admin, t, uid(QUESTION + g, "i"), QUESTIONS));
    step(
        db,
        "playground " + g + ": " + 2L * t + " submitted sessions",
        """
        INSERT INTO evaluation_sessions (id, playground_id, user_id, model_key, status, round_number,
                                         position, configuration_version, started_at, expires_at,
                                         call_started_at, call_ended_at,
                                         submitted_at, created_at, updated_at)
        SELECT id, %s, %s, model, 'submitted', 1, p, version, started,
               started + interval '30 minutes', started + interval '5 seconds',
               started + make_interval(secs => 5 + CASE WHEN h %% 50 = 0 THEN 12 ELSE 40 + h %% 185 END),
               submitted, started, submitted
        FROM (%s) s
        -- A call of 40 s to 225 s ended at least 10 s before the submit; one in 50 is too short (V25)
        CROSS JOIN LATERAL (SELECT %s AS h) c
        ORDER BY t, p
        """
            .formatted(playground, uid(USER, "t"), sessions(g, t, base), hash("p * 31 + 9", "t")));
    analyze(db);
    for (int position = 1; position <= 2; position++) {
      step(
          db,
          "playground " + g + ": answers of the sessions at position " + position,
          """
          INSERT INTO evaluations (id, playground_id, user_id, model_key, question_id, session_id,
                                   answer_text, answer_value, rating, created_at)
          SELECT %1$s, %2$s, %3$s, s.model, %4$s, s.id,
                 CASE WHEN q.kind = 'input_string' THEN 'Comment ' || s.t END,
                 CASE q.i
                   WHEN 1 THEN CASE WHEN u < (CASE s.model WHEN 'model_a' THEN 350 ELSE 450 END) THEN 'natural'
                                    WHEN u < 800 THEN 'ok' ELSE 'robotic' END
                   WHEN 4 THEN CASE WHEN u < 620 THEN 'yes' ELSE 'no' END
                   WHEN 6 THEN CASE WHEN u < (CASE s.model WHEN 'model_a' THEN 330 ELSE 400 END) THEN 'yes'
                                    WHEN u < 700 THEN 'maybe' ELSE 'no' END
                 END,
                 CASE WHEN q.kind = 'rating' THEN
                   CASE WHEN s.model = 'model_a'
                        THEN CASE WHEN r < 80 THEN 1 WHEN r < 230 THEN 2 WHEN r < 530 THEN 3
                                  WHEN r < 850 THEN 4 ELSE 5 END
                        ELSE CASE WHEN r < 60 THEN 1 WHEN r < 180 THEN 2 WHEN r < 450 THEN 3
                                  WHEN r < 800 THEN 4 ELSE 5 END
                   END
                 END,
                 s.submitted
          FROM (%5$s) s
          CROSS JOIN %6$s q (i, kind, asked, share, text, options)
          -- u: this answer's draw; r: a rating, the tester's own leaning (60%%) and this session's
          CROSS JOIN LATERAL (SELECT %7$s %% 1000 AS u,
                                     (6 * (%8$s %% 1000) + 4 * (%7$s %% 1000)) / 10 AS r) d
          WHERE s.p = %9$d
            AND (q.asked IS NULL OR q.asked = s.model)
            AND (q.share = 100 OR %10$s %% 100 < q.share)
          ORDER BY s.t, q.i
          """
              .formatted(
                  uid(ANSWER + g * 16 + "+ q.i", "s.t * 2 - 2 + s.p"),
                  playground,
                  uid(USER, "s.t"),
                  uid(QUESTION + g + "+ 0", "q.i"),
                  sessions(g, t, base),
                  QUESTIONS,
                  hash("q.i * 10 + s.p", "s.t"),
                  hash("q.i * 10 + 5", "s.t"),
                  position,
                  hash("q.i * 10 + s.p + 500", "s.t")));
      analyze(db);
    }
    // Issue 16: every tester said which agent they would rather talk to again (40% B, 35% A,
    // 15% both good, 10% both bad), and the study decides by "Rate the call", planned at t (or
    // the most a plan allows, 100,000).
    step(
        db,
        "playground " + g + ": " + t + " head-to-head preferences and its study plan",
        """
        UPDATE playgrounds SET asks_preference = true WHERE id = %1$s;
        INSERT INTO preferences (playground_id, user_id, round_number, verdict,
                                 preferred_model_key, first_model_key)
        SELECT %1$s, %2$s, 1,
               CASE WHEN chosen IS NULL THEN CASE WHEN h < 90 THEN 'both_good' ELSE 'both_bad' END
                    WHEN chosen = first THEN 'first' ELSE 'second' END,
               chosen, first
        FROM generate_series(1, %3$d) t
        CROSS JOIN LATERAL (SELECT %4$s %% 100 AS h,
                                   CASE WHEN t %% 2 = 0 THEN 'model_a' ELSE 'model_b' END AS first) x
        CROSS JOIN LATERAL (SELECT CASE WHEN h < 40 THEN 'model_b' WHEN h < 75 THEN 'model_a'
                                   END AS chosen) c;
        INSERT INTO playground_study_plans (playground_id, primary_question_id,
                                            planned_testers_per_model)
        VALUES (%1$s, %5$s, %6$d);
        """
            .formatted(
                playground,
                uid(USER, "t"),
                t,
                hash("4242", "t"),
                uid(QUESTION + g, "2"),
                Math.min(t, 100_000)));
    step(
        db,
        "playground " + g + ": " + expired + " expired and " + open + " open sessions (round 2)",
        """
        INSERT INTO evaluation_sessions (id, playground_id, user_id, model_key, status, round_number,
                                         position, configuration_version, started_at, expires_at)
        SELECT %1$s, %2$s, %3$s, CASE WHEN t %% 2 = 0 THEN 'model_a' ELSE 'model_b' END, 'expired',
               2, 1, 1, started, started + interval '30 minutes'
        FROM generate_series(1, %4$d) t
        CROSS JOIN LATERAL (SELECT timestamp '%5$s'
                                   + make_interval(secs => %6$s %% (30 * 86400 - 3600) + 900) AS started) x;
        INSERT INTO evaluation_sessions (id, playground_id, user_id, model_key, status, round_number,
                                         position, configuration_version, started_at, expires_at)
        SELECT %7$s, %2$s, %3$s, CASE WHEN t %% 2 = 0 THEN 'model_a' ELSE 'model_b' END, 'assigned',
               2, 1, 1, localtimestamp - interval '5 minutes', localtimestamp + interval '1 day'
        FROM generate_series(%4$d + 1, %4$d + %8$d) t;
        """
            .formatted(
                uid(EXPIRED + g, "t"),
                playground,
                uid(USER, "t"),
                expired,
                base,
                hash("7777", "t"),
                uid(OPEN + g, "t"),
                open));
  }

  /**
   * Statistics, as autovacuum's ANALYZE would have them in a running app: without them the planner
   * takes the freshly filled tables for empty, also in the triggers' statements.
   */
  private void analyze(Connection db) throws SQLException {
    step(
        db,
        "ANALYZE",
        "ANALYZE users, evaluation_sessions, evaluations, answer_tallies, session_tallies,"
            + " rating_pair_tallies, playground_testers");
  }

  private void step(Connection db, String what, String sql) throws SQLException {
    long t0 = System.nanoTime();
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
      for (var warning = statement.getWarnings();
          warning != null;
          warning = warning.getNextWarning()) {
        System.err.println(warning.getMessage());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    generation.add(new String[] {what, String.format(Locale.ROOT, "%.1f s", seconds)});
    System.err.printf(Locale.ROOT, "  %-70s %8.1f s%n", what, seconds);
  }

  private long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void run() throws Exception {
    Path directory = Files.createTempDirectory("earshot-insights-bench");
    EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(
            directory.resolve("db"),
            0,
            APP_ROLE,
            Map.of("shared_preload_libraries", "pg_stat_statements"));
    ConfigurableApplicationContext app = null;
    try {
      long t0 = System.nanoTime();
      app =
          new SpringApplicationBuilder(EarshotApplication.class)
              .properties(
                  Map.of(
                      "spring.datasource.url",
                      "jdbc:postgresql://localhost:%d/earshot".formatted(server.port()),
                      "spring.datasource.username",
                      APP_ROLE,
                      "spring.flyway.user",
                      "earshot_owner",
                      "server.port",
                      "0",
                      "logging.level.root",
                      "WARN"))
              .run();
      System.err.printf(
          Locale.ROOT, "App started, migrated: %.1f s%n", (System.nanoTime() - t0) / 1e9);

      UUID admin = UUID.fromString(uidLiteral(ADMIN, 1));
      UUID otherAdmin = UUID.fromString(uidLiteral(ADMIN, 2));
      UUID big = UUID.fromString(uidLiteral(PLAYGROUND, 1));
      UUID small = UUID.fromString(uidLiteral(PLAYGROUND, 2));

      long generationStart = System.nanoTime();
      long answers;
      long sessions;
      try (Connection db = server.superuserDataSource().getConnection()) {
        try (Statement statement = db.createStatement()) {
          // This session only: commits do not wait for the WAL flush (fsync stays on).
          statement.execute("SET synchronous_commit = off");
          statement.execute("SET TIME ZONE 'UTC'");
          statement.execute("SET work_mem = '256MB'");
          statement.execute("SET maintenance_work_mem = '512MB'");
          if (explain) {
            // the plans of slow statements, triggers' statements included, in the server's log
            statement.execute("LOAD 'auto_explain'");
            statement.execute("SET auto_explain.log_min_duration = '200ms'");
            statement.execute("SET auto_explain.log_analyze = on");
            statement.execute("SET auto_explain.log_nested_statements = on");
            statement.execute("SET auto_explain.log_level = 'notice'");
          }
        }
        step(
            db,
            testers + " testers and 2 admins",
            """
            INSERT INTO users (id, email, role)
            SELECT %s, 'bench-tester-' || t || '@example.com', 'tester'
            FROM generate_series(1, %d) t;
            INSERT INTO users (id, email, role)
            VALUES ('%s', 'bench-admin@example.com', 'admin'),
                   ('%s', 'bench-other-admin@example.com', 'admin');
            """
                .formatted(uid(USER, "t"), testers, admin, otherAdmin));
        generate(db, 1, admin, testers, testers / 10, Math.max(1, testers / 1000));
        generate(db, 2, otherAdmin, 200, 20, 2);
        step(
            db,
            "VACUUM ANALYZE (what autovacuum would do next)",
            "VACUUM (ANALYZE) users, playgrounds, questions, evaluation_sessions, evaluations,"
                + " answer_tallies, session_tallies, rating_pair_tallies, playground_testers");
        answers = count(db, "SELECT count(*) FROM evaluations WHERE playground_id = '" + big + "'");
        sessions =
            count(
                db, "SELECT count(*) FROM evaluation_sessions WHERE playground_id = '" + big + "'");
      }
      double generationSeconds = (System.nanoTime() - generationStart) / 1e9;
      System.err.printf(Locale.ROOT, "Generated in %.1f s%n", generationSeconds);

      Measures measures = new Measures(app, server, admin, big);
      measures.run();
      report(generationSeconds, answers, sessions, measures);
    } finally {
      if (app != null) {
        app.close();
      }
      server.close();
      try (var paths = Files.walk(directory)) {
        paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  static String uidLiteral(int prefix, long n) {
    return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", prefix, n);
  }

  /** The timings and checks, as the owning admin through the app's own beans. */
  private final class Measures {

    final DashboardService dashboards;
    final JdbcClient jdbc;
    final PlatformTransactionManager transactions;
    final EmbeddedPostgresServer server;
    final CurrentUser admin;
    final UUID playground;

    List<Long> dashboard;
    List<Long> views;
    List<Long> rows;
    long viewDifference;
    long questionDifference;
    long pairDifference;
    long answerTallyDifference;
    long sessionTallyDifference;

    /** V34's left-out share against the rows, by what it counts: rows differing, rows left out. */
    final Map<String, long[]> leftOut = new TreeMap<>();

    long pairs;
    String plans = "";
    String statements = "";
    final List<String[]> parts = new ArrayList<>();

    Measures(
        ConfigurableApplicationContext app,
        EmbeddedPostgresServer server,
        UUID admin,
        UUID playground) {
      this.dashboards = app.getBean(DashboardService.class);
      this.jdbc = app.getBean(JdbcClient.class);
      this.transactions = app.getBean(PlatformTransactionManager.class);
      this.server = server;
      this.admin = CurrentUser.of(admin, "bench-admin@example.com", true);
      this.playground = playground;
    }

    <T> T asAdmin(Supplier<T> work) {
      return DatabaseContext.callAs(admin, work);
    }

    <T> T inTransaction(Supplier<T> work) {
      TransactionTemplate template = new TransactionTemplate(transactions);
      template.setReadOnly(true);
      return asAdmin(() -> template.execute(status -> work.get()));
    }

    void run() {
      Dashboard page = asAdmin(() -> dashboards.dashboard(playground));
      if (page.headline().submitted() == 0) {
        throw new IllegalStateException("The dashboard shows no sessions");
      }
      System.err.println("Checking equality");
      viewDifference =
          difference(
              "SELECT * FROM playground_metrics WHERE id = :p",
              "SELECT * FROM insights_playground_metrics(:p)");
      questionDifference =
          difference(
              "SELECT * FROM question_metrics WHERE playground_id = :p",
              "SELECT * FROM insights_question_metrics(:p)");
      JdbcClient superuser = JdbcClient.create(server.superuserDataSource());
      pairDifference =
          ownerDifference(superuser, TallyQueries.PAIRS_FROM_ROWS, TallyQueries.PAIRS_FROM_TALLIES);
      answerTallyDifference =
          ownerDifference(
              superuser, TallyQueries.ANSWERS_FROM_ROWS, TallyQueries.ANSWERS_FROM_TALLIES);
      sessionTallyDifference =
          ownerDifference(
              superuser, TallyQueries.SESSIONS_FROM_ROWS, TallyQueries.SESSIONS_FROM_TALLIES);
      TallyQueries.LEFT_OUT_QUERIES.forEach(
          (what, queries) ->
              leftOut.put(
                  what,
                  new long[] {
                    ownerDifference(superuser, queries.get(0), queries.get(1)),
                    superuser
                        .sql("SELECT count(*) FROM (" + queries.get(0) + ") q")
                        .param("p", playground)
                        .query(Long.class)
                        .single()
                  }));
      pairs =
          superuser
              .sql(
                  "SELECT coalesce(sum(pairs), 0) FROM rating_pair_tallies WHERE playground_id = ?")
              .param(playground)
              .query(Long.class)
              .single();

      System.err.println("Timing the dashboard");
      superuser.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
      superuser.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
      dashboard = time(() -> asAdmin(() -> dashboards.dashboard(playground)), warmup, runs);
      statements = statements(superuser, warmup + runs);
      System.err.println("Timing the plain views");
      views =
          time(
              () ->
                  inTransaction(
                      () -> {
                        jdbc.sql("SELECT * FROM playground_metrics WHERE id = ?")
                            .param(playground)
                            .query()
                            .listOfRows();
                        return jdbc.sql("SELECT * FROM question_metrics WHERE playground_id = ?")
                            .param(playground)
                            .query()
                            .listOfRows();
                      }),
              Math.min(warmup, 2),
              runs);
      System.err.println("Timing the parts that grow with the playground");
      for (String[] part : PARTS) {
        parts.add(
            new String[] {
              part[0],
              summary(
                  time(
                      () ->
                          inTransaction(
                              () -> jdbc.sql(part[1]).param("p", playground).query().listOfRows()),
                      warmup,
                      runs))
            });
      }
      if (rowRuns > 0) {
        System.err.println("Timing the rest of the dashboard from the rows");
        rows =
            time(
                () ->
                    inTransaction(
                        () -> {
                          for (String sql :
                              List.of(
                                  TallyQueries.ANSWERS_FROM_ROWS,
                                  TallyQueries.SESSIONS_FROM_ROWS,
                                  TallyQueries.PAIRS_FROM_ROWS)) {
                            jdbc.sql(sql).param("p", playground).query().listOfRows();
                          }
                          return null;
                        }),
                1,
                rowRuns);
      }
      if (explain) {
        StringBuilder out = new StringBuilder();
        for (String sql :
            List.of(
                "SELECT * FROM insights_playground_metrics(:p)",
                "SELECT * FROM insights_question_metrics(:p) WHERE answer_value IS NOT NULL",
                "SELECT * FROM answer_tallies WHERE playground_id = :p",
                "SELECT * FROM session_tallies WHERE playground_id = :p",
                "SELECT question_id, difference, sum(pairs) FROM rating_pair_tallies"
                    + " WHERE playground_id = :p GROUP BY 1, 2")) {
          List<String> plan =
              inTransaction(
                  () ->
                      jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                          .param("p", playground)
                          .query(String.class)
                          .list());
          out.append("\n-- ").append(sql).append('\n').append(String.join("\n", plan)).append('\n');
        }
        plans = out.toString();
      }
    }

    /** The dashboard's statements by their time per view (pg_stat_statements), slowest first. */
    String statements(JdbcClient superuser, int views) {
      StringBuilder out = new StringBuilder();
      superuser
          .sql(
              """
              SELECT calls, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
              FROM pg_stat_statements
              WHERE userid = ?::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = 'earshot')
              ORDER BY total_exec_time DESC LIMIT 12
              """)
          .param(APP_ROLE)
          .query(
              rs -> {
                String query = rs.getString("query");
                out.append(
                    String.format(
                        Locale.ROOT,
                        "| %.1f ms | %.1f | `%s` |%n",
                        rs.getDouble("total_exec_time") / views,
                        rs.getDouble("calls") / views,
                        (query.length() > 160 ? query.substring(0, 160) + "…" : query)
                            .replace("|", "\\|")));
              });
      return out.toString();
    }

    long difference(String view, String function) {
      return inTransaction(
          () ->
              jdbc.sql(TallyQueries.rowsDiffering(view, function))
                  .param("p", playground)
                  .query(Long.class)
                  .single());
    }

    long ownerDifference(JdbcClient superuser, String rows, String tallies) {
      return superuser
          .sql(TallyQueries.rowsDiffering(rows, tallies))
          .param("p", playground)
          .query(Long.class)
          .single();
    }
  }

  private static List<Long> time(Supplier<?> work, int warmups, int runs) {
    for (int i = 0; i < warmups; i++) {
      work.get();
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.get();
      micros.add((System.nanoTime() - t0) / 1000);
    }
    Collections.sort(micros);
    return micros;
  }

  private static double percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1000.0;
  }

  private static String summary(List<Long> sorted) {
    return String.format(
        Locale.ROOT,
        "%.1f / %.1f / %.1f ms",
        percentile(sorted, 0.5),
        percentile(sorted, 0.95),
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  private String partRows(List<String[]> parts) {
    StringBuilder rows = new StringBuilder();
    for (String[] part : parts) {
      rows.append("| … ").append(part[0]).append(" p50 / p95 / max | ").append(part[1]);
      rows.append(" | |\n");
    }
    return rows.toString();
  }

  private static String leftOutRows(Map<String, long[]> leftOut) {
    StringBuilder rows = new StringBuilder();
    leftOut.forEach(
        (what, counts) ->
            rows.append(
                String.format(
                    Locale.ROOT,
                    "| (d) V34 left-out %s vs the rows: rows differing (%,d rows left out) | %d | 0 |%n",
                    what,
                    counts[1],
                    counts[0])));
    return rows.toString();
  }

  private void report(double generationSeconds, long answers, long sessions, Measures m) {
    StringBuilder steps = new StringBuilder();
    for (String[] step : generation) {
      steps.append("| ").append(step[0]).append(" | ").append(step[1]).append(" |\n");
    }
    System.out.printf(
        Locale.ROOT,
        """

        | generation step | time |
        | --- | --- |
        %s| **total** (one connection, `synchronous_commit = off`) | **%.0f s** |

        | measure | value | target |
        | --- | --- | --- |
        | sessions of the playground (submitted + expired + open) | %d | 1,000,000 + 50,000 + 500 |
        | answers of the playground | %d | about 5,000,000 |
        | (a) dashboard: `DashboardService.dashboard(id)` p50 / p95 / max (%d runs after %d) | %s | < 200 ms |
        | (b) plain views `playground_metrics` + `question_metrics` p50 / p95 / max (%d runs) | %s | |
        | (c) ratio (b) ÷ (a), at p50 | %.0f× | ≥ 20× |
        | (b′) the dashboard's other reads from the rows (answers, sessions, pairs) p50 / max (%d runs) | %s | |
        %s| (d) `playground_metrics` vs `insights_playground_metrics`: rows differing (EXCEPT ALL both ways) | %d | 0 |
        | (d) `question_metrics` vs `insights_question_metrics`: rows differing | %d | 0 |
        | (d) `rating_pair_tallies` vs pairs computed from the rows: rows differing (%d pairs) | %d | 0 |
        | (d) `answer_tallies` / `session_tallies` vs the rows: rows differing | %d / %d | 0 / 0 |
        %s
        The dashboard's statements (pg_stat_statements over the timed views and their warm-up):

        | time per view | calls per view | statement |
        | --- | --- | --- |
        %s
        %s
        """,
        steps,
        generationSeconds,
        sessions,
        answers,
        runs,
        warmup,
        summary(m.dashboard),
        runs,
        summary(m.views),
        percentile(m.views, 0.5) / percentile(m.dashboard, 0.5),
        rowRuns,
        m.rows == null
            ? "not run"
            : String.format(
                Locale.ROOT,
                "%.0f / %.0f ms",
                percentile(m.rows, 0.5),
                m.rows.get(m.rows.size() - 1) / 1000.0),
        partRows(m.parts),
        m.viewDifference,
        m.questionDifference,
        m.pairs,
        m.pairDifference,
        m.answerTallyDifference,
        m.sessionTallyDifference,
        leftOutRows(m.leftOut),
        m.statements,
        m.plans);
  }

  /** Parts of insights_playground_metrics that read rows, each timed alone as the admin. */
  static final String[][] PARTS = {
    {
      "testers counted row by row: `count(*)` over `playground_testers`",
      "SELECT count(*) FROM playground_testers WHERE playground_id = :p"
    },
    {
      "testers as V16 sums them: `tester_tallies`",
      "SELECT coalesce(sum(testers), 0) FROM tester_tallies WHERE playground_id = :p"
    },
    {
      "open and abandoned: the sessions not submitted",
      "SELECT count(*) FILTER (WHERE status = 'assigned' AND (expires_at IS NULL OR expires_at > now())),"
          + " count(*) FILTER (WHERE status = 'expired' OR (status = 'assigned' AND expires_at <= now()))"
          + " FROM evaluation_sessions WHERE playground_id = :p AND status <> 'submitted'"
    },
    {
      "latest start: `max(started_at)`",
      "SELECT max(started_at) FROM evaluation_sessions WHERE playground_id = :p"
    },
  };

  // The tallies as computed from the rows (as in TalliesTests).
}
