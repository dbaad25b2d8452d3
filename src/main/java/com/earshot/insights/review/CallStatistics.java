package com.earshot.insights.review;

import com.earshot.insights.review.CallInsights.Agreement;
import com.earshot.insights.review.CallInsights.ModelCalls;
import com.earshot.insights.review.CallInsights.VersionCalls;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.MeanInterval;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link CallInsights} of a playground's submitted sessions that count: from the conversations
 * ElevenLabs recorded (V23), the sessions left out ({@link SessionReview}, V34's {@code
 * left_out_sessions}) left out here too, by an anti-join.
 */
@Service
public class CallStatistics {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  CallStatistics(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The condition that leaves out the left-out sessions {@code s}. */
  private static final String COUNTED =
      "AND NOT EXISTS (SELECT 1 FROM left_out_sessions l WHERE l.session_id = s.id)";

  /**
   * Joins the caller's transaction. {@code subtracted}: without the left-out sessions ({@code
   * LeftOut.subtracts()}).
   */
  public CallInsights of(Playground playground, boolean subtracted) {
    String counted = subtracted ? COUNTED : "";
    Map<ModelKey, ModelCalls> byModel = new HashMap<>();
    jdbc.sql(
            """
            SELECT s.model_key, count(*) AS calls,
                   percentile_cont(0.25) WITHIN GROUP (ORDER BY c.duration_secs) AS q1,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_secs) AS q2,
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY c.duration_secs) AS q3,
                   count(c.call_successful) AS analysed,
                   count(*) FILTER (WHERE c.call_successful = 'success') AS successful
            FROM conversations c JOIN evaluation_sessions s ON s.id = c.session_id
            WHERE c.playground_id = ? AND s.status = 'submitted' %s
            GROUP BY s.model_key
            """
                .formatted(counted))
        .param(playground.id())
        .query(
            rs -> {
              ModelKey model = ModelKey.fromDatabase(rs.getString("model_key"));
              byModel.put(
                  model,
                  new ModelCalls(
                      model,
                      playground.modelLabel(model),
                      rs.getLong("calls"),
                      (Double) rs.getObject("q1"),
                      (Double) rs.getObject("q2"),
                      (Double) rs.getObject("q3"),
                      rs.getLong("analysed"),
                      rs.getLong("successful")));
            });
    List<ModelCalls> models = new ArrayList<>();
    for (ModelConfiguration model : playground.models()) {
      models.add(
          byModel.getOrDefault(
              model.key(),
              new ModelCalls(
                  model.key(), playground.modelLabel(model.key()), 0, null, null, null, 0, 0)));
    }
    return new CallInsights(models, versions(playground, counted), agreements(playground, counted));
  }

  /** Rating questions in form order: the columns of {@link VersionCalls#ratings()}. */
  public static List<Question> ratingQuestions(Playground playground) {
    return playground.questions().stream().filter(q -> q.type() == QuestionType.RATING).toList();
  }

  private List<VersionCalls> versions(Playground playground, String counted) {
    List<Question> ratingQuestions = ratingQuestions(playground);
    Map<List<Object>, SortedMap<Double, Long>> ratings = new HashMap<>();
    jdbc.sql(
            """
            SELECT s.model_key, coalesce(c.version_id, '') AS version_id, e.question_id, e.rating,
                   count(*) AS answers
            FROM conversations c
            JOIN evaluation_sessions s ON s.id = c.session_id
            JOIN evaluations e ON e.session_id = s.id
            WHERE c.playground_id = ? AND s.status = 'submitted' %s
              AND e.rating IS NOT NULL
            GROUP BY 1, 2, 3, 4
            """
                .formatted(counted))
        .param(playground.id())
        .query(
            rs -> {
              ratings
                  .computeIfAbsent(
                      List.of(
                          rs.getString("model_key"),
                          rs.getString("version_id"),
                          rs.getObject("question_id", UUID.class)),
                      key -> new TreeMap<>())
                  .put((double) rs.getInt("rating"), rs.getLong("answers"));
            });
    return jdbc.sql(
            """
            SELECT s.model_key, coalesce(c.version_id, '') AS version_id, count(*) AS sessions,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_secs) AS median,
                   count(c.call_successful) AS analysed,
                   count(*) FILTER (WHERE c.call_successful = 'success') AS successful
            FROM conversations c JOIN evaluation_sessions s ON s.id = c.session_id
            WHERE c.playground_id = ? AND s.status = 'submitted' %s
            GROUP BY 1, 2
            ORDER BY 1, min(c.started_at), 2
            """
                .formatted(counted))
        .param(playground.id())
        .query(
            (rs, n) -> {
              String model = rs.getString("model_key");
              String version = rs.getString("version_id");
              List<MeanInterval> means =
                  ratingQuestions.stream()
                      .map(
                          q ->
                              Statistics.meanRating(
                                  ratings.getOrDefault(
                                      List.of(model, version, q.id()), new TreeMap<>())))
                      .toList();
              return new VersionCalls(
                  ModelKey.fromDatabase(model),
                  version.isEmpty() ? null : version,
                  rs.getLong("sessions"),
                  (Double) rs.getObject("median"),
                  rs.getLong("analysed"),
                  rs.getLong("successful"),
                  means);
            })
        .list();
  }

  private List<Agreement> agreements(Playground playground, String counted) {
    List<Agreement> agreements = new ArrayList<>();
    Map<UUID, Question> questions = new HashMap<>();
    playground.questions().forEach(q -> questions.put(q.id(), q));
    List<Object[]> mappings =
        jdbc.sql(
                "SELECT question_id, criterion_id, option_results::text AS results"
                    + " FROM criterion_mappings WHERE playground_id = ?")
            .param(playground.id())
            .query(
                (rs, n) ->
                    new Object[] {
                      rs.getObject("question_id", UUID.class),
                      rs.getString("criterion_id"),
                      json.readValue(
                          rs.getString("results"), new TypeReference<Map<String, String>>() {})
                    })
            .list();
    for (Object[] mapping : mappings) {
      Question question = questions.get((UUID) mapping[0]);
      if (question == null) {
        continue;
      }
      String criterion = (String) mapping[1];
      @SuppressWarnings("unchecked")
      Map<String, String> optionResults = (Map<String, String>) mapping[2];
      long[][] table = new long[2][2];
      jdbc.sql(
              """
              SELECT e.answer_value, c.evaluation_results -> ? ->> 'result' AS result,
                     count(*) AS sessions
              FROM evaluations e
              JOIN evaluation_sessions s ON s.id = e.session_id
              JOIN conversations c ON c.session_id = s.id
              WHERE e.question_id = ? AND s.status = 'submitted' %s
                AND jsonb_typeof(c.evaluation_results) = 'object'
              GROUP BY 1, 2
              """
                  .formatted(counted))
          .params(criterion, question.id())
          .query(
              rs -> {
                int person = index(optionResults.get(rs.getString("answer_value")));
                int elevenLabs = index(rs.getString("result"));
                if (person >= 0 && elevenLabs >= 0) {
                  table[person][elevenLabs] += rs.getLong("sessions");
                }
              });
      agreements.add(new Agreement(question, criterion, table, Statistics.cohensKappa(table)));
    }
    agreements.sort(
        java.util.Comparator.comparingInt(a -> playground.questions().indexOf(a.question())));
    return agreements;
  }

  /** success 0, failure 1, anything else (unknown, not mapped, missing) −1. */
  private static int index(String result) {
    return "success".equals(result) ? 0 : "failure".equals(result) ? 1 : -1;
  }
}
