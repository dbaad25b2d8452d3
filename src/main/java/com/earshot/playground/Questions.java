package com.earshot.playground;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A playground's questions, in their order. Row-level security limits every query to the
 * playgrounds the caller may see, and changes to an admin's own.
 */
@Repository
class Questions {

  private static final TypeReference<List<Question.Option>> OPTIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Questions(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The questions of each of the playgrounds, in their order.
   *
   * @param answerCounts whether to count each question's answers (the editor's: they decide what
   *     may still change), or leave them 0
   */
  Map<UUID, List<Question>> byPlayground(List<UUID> playgrounds, boolean answerCounts) {
    String answers =
        answerCounts ? "(SELECT count(*) FROM evaluations e WHERE e.question_id = q.id)" : "0";
    Map<UUID, List<Question>> questions = new HashMap<>();
    jdbc.sql(
            "SELECT q.*, "
                + answers
                + " AS answers FROM questions q WHERE q.playground_id = ANY (?::uuid[])"
                + " ORDER BY q.order_index, q.created_at")
        .param(playgrounds.toArray(UUID[]::new))
        .query(
            rs -> {
              questions
                  .computeIfAbsent(
                      rs.getObject("playground_id", UUID.class), id -> new ArrayList<>())
                  .add(question(rs));
            });
    return questions;
  }

  UUID insertQuestion(
      UUID playground,
      ModelKey modelKey,
      String text,
      QuestionType type,
      List<Question.Option> options,
      boolean required,
      Wording wording) {
    return jdbc.sql(
            """
            INSERT INTO questions (playground_id, model_key, question_text, question_type, options,
                                   required, scale_low_label, scale_high_label, help_text,
                                   order_index)
            VALUES (?, ?, ?, ?::question_type, ?::jsonb, ?, ?, ?, ?,
                    (SELECT coalesce(max(order_index) + 1, 0) FROM questions WHERE playground_id = ?))
            RETURNING id
            """)
        .params(
            playground,
            modelKey == null ? null : modelKey.databaseValue(),
            text,
            type.databaseValue(),
            type == QuestionType.SELECT ? json.writeValueAsString(options) : null,
            required,
            wording.scaleLow(),
            wording.scaleHigh(),
            wording.helpText(),
            playground)
        .query(UUID.class)
        .single();
  }

  void updateQuestion(
      UUID playground,
      UUID question,
      ModelKey modelKey,
      String text,
      QuestionType type,
      List<Question.Option> options,
      boolean required,
      Wording wording) {
    jdbc.sql(
            """
            UPDATE questions SET model_key = ?, question_text = ?, question_type = ?::question_type,
                                 options = ?::jsonb, required = ?, scale_low_label = ?,
                                 scale_high_label = ?, help_text = ?
            WHERE id = ? AND playground_id = ?
            """)
        .params(
            modelKey == null ? null : modelKey.databaseValue(),
            text,
            type.databaseValue(),
            type == QuestionType.SELECT ? json.writeValueAsString(options) : null,
            required,
            wording.scaleLow(),
            wording.scaleHigh(),
            wording.helpText(),
            question,
            playground)
        .update();
  }

  void deleteQuestion(UUID playground, UUID question) {
    jdbc.sql("DELETE FROM questions WHERE id = ? AND playground_id = ?")
        .params(question, playground)
        .update();
  }

  /** Numbers the questions 0, 1, 2 … in the order given, in one statement. */
  void setOrder(UUID playground, List<UUID> questionsInOrder) {
    jdbc.sql(
            """
            UPDATE questions q SET order_index = o.position - 1
            FROM unnest(?::uuid[]) WITH ORDINALITY AS o (id, position)
            WHERE q.id = o.id AND q.playground_id = ?
            """)
        .params(questionsInOrder.toArray(UUID[]::new), playground)
        .update();
  }

  /**
   * Touches the playground after a change to its questions, so that a concurrent editor's stale
   * form is noticed.
   */
  void touch(UUID playground) {
    jdbc.sql("UPDATE playgrounds SET updated_at = now() WHERE id = ?").param(playground).update();
  }

  /**
   * The words of a question beside its text: the ends of a rating's scale (null for other types)
   * and the help text (null for none).
   */
  record Wording(String scaleLow, String scaleHigh, String helpText) {

    static Wording of(Question question) {
      return new Wording(question.scaleLow(), question.scaleHigh(), question.helpText());
    }
  }

  private Question question(ResultSet rs) throws SQLException {
    String modelKey = rs.getString("model_key");
    String options = rs.getString("options");
    QuestionType type = QuestionType.fromDatabase(rs.getString("question_type"));
    boolean rating = type == QuestionType.RATING;
    return new Question(
        rs.getObject("id", UUID.class),
        modelKey == null ? null : ModelKey.fromDatabase(modelKey),
        rs.getString("question_text"),
        type,
        options == null ? List.of() : json.readValue(options, OPTIONS),
        rs.getInt("order_index"),
        rs.getBoolean("required"),
        rs.getLong("answers"),
        // a rating written past the editor (V29 gave every one its words) reads as before V29
        rating ? orDefault(rs.getString("scale_low_label"), Question.DEFAULT_LOW) : null,
        rating ? orDefault(rs.getString("scale_high_label"), Question.DEFAULT_HIGH) : null,
        rs.getString("help_text"));
  }

  private static String orDefault(String words, String otherwise) {
    return words == null ? otherwise : words;
  }
}
