package com.earshot.insights.dashboard;

import com.earshot.support.Fixtures;
import java.time.LocalDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evaluations written row by row, as the owner: sessions with a chosen round, position,
 * configuration version and time, and their answers. The triggers keep the tallies as they would
 * for the app, so every number the dashboard shows can be worked out by hand from what is written.
 */
final class HandBuilt {

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  /** A submitted session and its answers ({@code questionId, answer, …}; Integer: a rating). */
  UUID submitted(
      UUID playground,
      UUID tester,
      String model,
      int round,
      int position,
      int version,
      LocalDateTime at,
      Object... answers) {
    UUID session =
        db.sql(
                """
                INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                    round_number, position, configuration_version, started_at, submitted_at)
                VALUES (?, ?, ?, 'submitted', ?, ?, ?, ?, ?) RETURNING id
                """)
            .params(playground, tester, model, round, position, version, at.minusMinutes(5), at)
            .query(UUID.class)
            .single();
    for (int i = 0; i < answers.length; i += 2) {
      Object answer = answers[i + 1];
      db.sql(
              """
              INSERT INTO evaluations (playground_id, user_id, model_key, question_id, session_id,
                                       answer_text, answer_value, rating, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              playground,
              tester,
              model,
              answers[i],
              session,
              answer instanceof Text text ? text.value() : null,
              answer instanceof String value ? value : null,
              answer instanceof Integer rating ? rating : null,
              at)
          .update();
    }
    return session;
  }

  /** A session given and never submitted: expired, or still assigned. */
  void unsubmitted(UUID playground, UUID tester, String model, String status, int minutesLeft) {
    db.sql(
            """
            INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                configuration_version, started_at, expires_at)
            VALUES (?, ?, ?, ?::evaluation_session_status, 1, '2026-11-19 09:00',
                    now() + make_interval(mins => ?))
            """)
        .params(playground, tester, model, status, minutesLeft)
        .update();
  }

  void renameQuestion(UUID question, String text) {
    db.sql("UPDATE questions SET question_text = ? WHERE id = ?").params(text, question).update();
  }

  /** A free-text answer. */
  record Text(String value) {}

  static Text text(String value) {
    return new Text(value);
  }
}
