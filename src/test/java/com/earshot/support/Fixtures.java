package com.earshot.support;

import com.earshot.identity.Role;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Condition;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds rows directly, as the superuser (so past row-level security): the world a test starts
 * from. Every email is unique, so tests sharing the database never see each other's rows by
 * accident.
 */
public final class Fixtures {

  private final JdbcClient jdbc;

  public Fixtures() {
    this(TestDatabase.superuserJdbc());
  }

  public Fixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * A time the app wrote in this test: within a minute of now, in UTC as every app connection
   * writes times (a {@link LocalDateTime} or the {@link Timestamp} a row map holds).
   */
  public static Condition<Object> justNow() {
    return new Condition<>(
        time -> {
          LocalDateTime at =
              time instanceof Timestamp timestamp
                  ? timestamp.toLocalDateTime()
                  : (LocalDateTime) time;
          LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
          return at != null && !at.isBefore(now.minusMinutes(1)) && !at.isAfter(now);
        },
        "a time within the last minute");
  }

  public static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  public UUID user(String email, String role) {
    return jdbc.sql("INSERT INTO users (email, role) VALUES (?, ?::user_role) RETURNING id")
        .params(email, role)
        .query(UUID.class)
        .single();
  }

  public UUID tester(String name) {
    return user(uniqueEmail(name), "tester");
  }

  public UUID admin(String name) {
    return user(uniqueEmail(name), "admin");
  }

  /** A new tester, to act as. */
  public Person testerPerson(String name) {
    return person(name, Role.TESTER);
  }

  /** A new admin, to act as. */
  public Person adminPerson(String name) {
    return person(name, Role.ADMIN);
  }

  /** The user {@code id} (with the role the test gave them), to act as. */
  public Person person(UUID id, Role role) {
    return new Person(id, emailOf(id), role);
  }

  private Person person(String name, Role role) {
    String email = uniqueEmail(name);
    return new Person(user(email, role.databaseValue()), email, role);
  }

  public String emailOf(UUID user) {
    return jdbc.sql("SELECT email FROM users WHERE id = ?")
        .param(user)
        .query(String.class)
        .single();
  }

  /** An active, public A/B playground with both models (limit 50 each) and their counters. */
  public UUID abPlayground(UUID admin) {
    return playground(admin, "ab_testing", true, null);
  }

  /**
   * A playground with its models; an inactive one is paused (is_active is true exactly while live).
   */
  public UUID playground(UUID admin, String type, boolean active, List<String> restrictedEmails) {
    UUID id =
        jdbc.sql(
                """
                INSERT INTO playgrounds (name, type, created_by, is_active, status, restricted_emails)
                VALUES (?, ?::playground_type, ?, ?, ?, ?::text[]) RETURNING id
                """)
            .params(
                "Playground " + UUID.randomUUID().toString().substring(0, 8),
                type,
                admin,
                active,
                active ? "live" : "paused",
                restrictedEmails == null ? null : "{" + String.join(",", restrictedEmails) + "}")
            .query(UUID.class)
            .single();
    model(id, "model_a", 50);
    if (type.equals("ab_testing")) {
      model(id, "model_b", 50);
    }
    return id;
  }

  public void model(UUID playground, String modelKey, Integer maxEvaluations) {
    jdbc.sql(
            """
            INSERT INTO model_configurations (playground_id, model_key, model_name, embed_code, max_evaluations)
            VALUES (?, ?, ?, ?, ?)
            """)
        .params(playground, modelKey, "Model " + modelKey, "agent_" + modelKey, maxEvaluations)
        .update();
    jdbc.sql("INSERT INTO evaluation_counters (playground_id, model_key) VALUES (?, ?)")
        .params(playground, modelKey)
        .update();
  }

  /** The model's limit of submitted evaluations; null: unlimited. */
  public void limit(UUID playground, String modelKey, Integer maxEvaluations) {
    jdbc.sql(
            "UPDATE model_configurations SET max_evaluations = ? WHERE playground_id = ? AND model_key = ?")
        .params(maxEvaluations, playground, modelKey)
        .update();
  }

  /** Sets the counter as if {@code count} evaluations of the model had been submitted. */
  public void setCount(UUID playground, String modelKey, int count) {
    jdbc.sql(
            "UPDATE evaluation_counters SET current_count = ? WHERE playground_id = ? AND model_key = ?")
        .params(count, playground, modelKey)
        .update();
  }

  public UUID selectQuestion(UUID playground, String modelKey, String... values) {
    StringBuilder options = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      options
          .append(i == 0 ? "" : ",")
          .append("{\"label\":\"")
          .append(values[i].toUpperCase())
          .append("\",\"value\":\"")
          .append(values[i])
          .append("\"}");
    }
    return question(playground, modelKey, "select", options.append("]").toString());
  }

  public UUID question(UUID playground, String modelKey, String type, String optionsJson) {
    return jdbc.sql(
            """
            INSERT INTO questions (playground_id, model_key, question_text, question_type, options, order_index)
            VALUES (?, ?, ?, ?::question_type, ?::jsonb,
                    (SELECT count(*) FROM questions WHERE playground_id = ?))
            RETURNING id
            """)
        .params(playground, modelKey, "Question " + type, type, optionsJson, playground)
        .query(UUID.class)
        .single();
  }

  /**
   * A submitted session for {@code tester} on {@code modelKey}, with no call: V25 flags it no_call.
   */
  public UUID submittedSession(UUID playground, UUID tester, String modelKey) {
    return jdbc.sql(
            """
            INSERT INTO evaluation_sessions
              (playground_id, user_id, model_key, status, configuration_version, submitted_at)
            VALUES (?, ?, ?, 'submitted', 1, now()) RETURNING id
            """)
        .params(playground, tester, modelKey)
        .query(UUID.class)
        .single();
  }

  public UUID assignedSession(UUID playground, UUID tester, String modelKey) {
    return jdbc.sql(
            """
            INSERT INTO evaluation_sessions
              (playground_id, user_id, model_key, status, configuration_version, expires_at)
            VALUES (?, ?, ?, 'assigned', 1, now() + interval '30 minutes') RETURNING id
            """)
        .params(playground, tester, modelKey)
        .query(UUID.class)
        .single();
  }

  /**
   * A session whose reservation ran out a minute ago, with {@code status} {@code expired}, or still
   * {@code assigned} (lapsed, not yet noticed).
   */
  public UUID lapsedSession(UUID playground, UUID tester, String modelKey, String status) {
    return jdbc.sql(
            """
            INSERT INTO evaluation_sessions
              (playground_id, user_id, model_key, status, configuration_version, expires_at)
            VALUES (?, ?, ?, ?::evaluation_session_status, 1, now() - interval '1 minute')
            RETURNING id
            """)
        .params(playground, tester, modelKey, status)
        .query(UUID.class)
        .single();
  }

  /**
   * A submitted session as the app leaves it, with the round, position, configuration version and
   * time chosen, and its answers ({@code questionId, answer, …}, as {@link #answer}) given then.
   * The tallies' triggers see these rows as they see the app's. It began five minutes before, with
   * a three-minute call that ended a minute before the submit: one that counts (no flag, V25).
   */
  public UUID submittedSession(
      UUID playground,
      UUID tester,
      String modelKey,
      int round,
      int position,
      int version,
      LocalDateTime at,
      Object... answers) {
    UUID session =
        jdbc.sql(
                """
                INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                    round_number, position, configuration_version, started_at, call_started_at,
                    call_ended_at, submitted_at)
                VALUES (?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """)
            .params(
                playground,
                tester,
                modelKey,
                round,
                position,
                version,
                at.minusMinutes(5),
                at.minusMinutes(4),
                at.minusMinutes(1),
                at)
            .query(UUID.class)
            .single();
    for (int i = 0; i < answers.length; i += 2) {
      answer(session, (UUID) answers[i], answers[i + 1], at);
    }
    return session;
  }

  /**
   * Round {@code round} of {@code tester} complete, as {@link #submittedSession(UUID, UUID, String,
   * int, int, int, LocalDateTime, Object...)} leaves it: {@code first} met at position 1, the other
   * model at position 2, submitted at {@code at}. Returns the two sessions, in the order met.
   */
  public List<UUID> completeRound(
      UUID playground, UUID tester, String first, int round, LocalDateTime at) {
    String second = first.equals("model_a") ? "model_b" : "model_a";
    return List.of(
        submittedSession(playground, tester, first, round, 1, 1, at.minusMinutes(6)),
        submittedSession(playground, tester, second, round, 2, 1, at));
  }

  /**
   * The round's head-to-head preference (V31), as the app stores it: {@code verdict} first, second,
   * both_good or both_bad; the model chosen follows from it and {@code first}, the model met first.
   */
  /** The model a verdict chooses, given the model met first (V31's rule); null for a tie. */
  public static String preferredModel(String verdict, String first) {
    return switch (verdict) {
      case "first" -> first;
      case "second" -> first.equals("model_a") ? "model_b" : "model_a";
      default -> null;
    };
  }

  public void preference(
      UUID playground, UUID tester, int round, String verdict, String first, String reason) {
    String preferred = preferredModel(verdict, first);
    jdbc.sql(
            """
            INSERT INTO preferences (playground_id, user_id, round_number, verdict,
                                     preferred_model_key, first_model_key, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(playground, tester, round, verdict, preferred, first, reason)
        .update();
  }

  /**
   * A session given on 2026-11-19 and never submitted: {@code expired}, or still {@code assigned}
   * with {@code minutesLeft} of its reservation.
   */
  public void unsubmittedSession(
      UUID playground, UUID tester, String modelKey, String status, int minutesLeft) {
    jdbc.sql(
            """
            INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                configuration_version, started_at, expires_at)
            VALUES (?, ?, ?, ?::evaluation_session_status, 1, '2026-11-19 09:00',
                    now() + make_interval(mins => ?))
            """)
        .params(playground, tester, modelKey, status, minutesLeft)
        .update();
  }

  /** One answer in a session: a select value, a text or a rating, by the type of the value. */
  public UUID answer(UUID session, UUID question, Object value) {
    return answer(session, question, value, null);
  }

  private UUID answer(UUID session, UUID question, Object value, LocalDateTime at) {
    return jdbc.sql(
            """
            INSERT INTO evaluations
              (playground_id, user_id, model_key, question_id, session_id, answer_value, answer_text,
               rating, created_at)
            SELECT s.playground_id, s.user_id, s.model_key, ?, s.id, ?, ?, ?,
                   coalesce(CAST(? AS timestamp), now())
            FROM evaluation_sessions s WHERE s.id = ?
            RETURNING id
            """)
        .params(
            question,
            value instanceof SelectValue v ? v.value() : null,
            value instanceof String text ? text : null,
            value instanceof Integer rating ? rating : null,
            at,
            session)
        .query(UUID.class)
        .single();
  }

  public void renameQuestion(UUID question, String text) {
    jdbc.sql("UPDATE questions SET question_text = ? WHERE id = ?").params(text, question).update();
  }

  /** Marks a select answer, as opposed to free text. */
  public record SelectValue(String value) {}

  public static SelectValue choice(String value) {
    return new SelectValue(value);
  }
}
