package com.earshot.insights.responses;

import com.earshot.evaluation.Problem;
import com.earshot.playground.ModelKey;
import com.earshot.playground.QuestionType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Free-text answers from the seed's {@code open_responses} view, and the sessions they came from.
 * Row-level security limits both to the current admin's playgrounds. Filters become fixed SQL
 * fragments with bound values: nothing typed ever becomes SQL.
 */
@Repository
class OpenResponses {

  private final JdbcClient jdbc;

  OpenResponses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The number of answers matching the search, per question and model: the page's overview, and
   * (summed) its total. The model and question filters are left to the caller.
   */
  List<AnswerCount> counts(UUID playground, ResponseFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(playground, new ResponseFilter(filter.search(), null, null), params);
    return jdbc.sql(
            "SELECT question_id, model_key, count(*) AS answers FROM open_responses r"
                + where
                + " GROUP BY question_id, model_key")
        .params(params)
        .query(
            (rs, row) ->
                new AnswerCount(
                    rs.getObject("question_id", UUID.class),
                    ModelKey.fromDatabase(rs.getString("model_key")),
                    rs.getLong("answers")))
        .list();
  }

  /** One page of matching answers, newest first (the answers of one submit in a fixed order). */
  List<ResponseRow> page(UUID playground, ResponseFilter filter, int limit, long offset) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(playground, filter, params);
    params.put("limit", limit);
    params.put("offset", offset);
    // The page is chosen first, so that only its rows meet their sessions.
    return jdbc.sql(
            """
            SELECT r.id, r.question_id, r.question_text, r.model_key, r.answer_text, r.user_email,
                   r.session_id, r.created_at, s.round_number, s.position,
                   (SELECT v.model_name FROM model_versions v
                    WHERE v.playground_id = s.playground_id AND v.model_key = s.model_key
                      AND v.configuration_version = s.configuration_version) AS version_name
            FROM (SELECT * FROM open_responses r %s
                  ORDER BY r.created_at DESC, r.id DESC LIMIT :limit OFFSET :offset) r
            JOIN evaluation_sessions s ON s.id = r.session_id
            ORDER BY r.created_at DESC, r.id DESC
            """
                .formatted(where))
        .params(params)
        .query(OpenResponses::row)
        .list();
  }

  Optional<SessionDetail> session(UUID playground, UUID session) {
    return jdbc.sql(
            """
            SELECT s.*, u.email, s.status = 'assigned' AND s.expires_at <= now() AS lapsed,
                   (SELECT o.id FROM evaluation_sessions o
                    WHERE o.playground_id = s.playground_id AND o.user_id = s.user_id
                      AND o.round_number = s.round_number AND o.position <> s.position
                    ORDER BY o.started_at DESC LIMIT 1) AS other_session,
                   (SELECT v.model_name FROM model_versions v
                    WHERE v.playground_id = s.playground_id AND v.model_key = s.model_key
                      AND v.configuration_version = s.configuration_version) AS version_name
            FROM evaluation_sessions s
            JOIN users u ON u.id = s.user_id
            WHERE s.id = :session AND s.playground_id = :playground
            """)
        .param("session", session)
        .param("playground", playground)
        .query(OpenResponses::session)
        .optional()
        .map(found -> found.withAnswers(answers(playground, session)));
  }

  private List<SessionDetail.Answer> answers(UUID playground, UUID session) {
    return jdbc.sql(
            """
            SELECT e.question_id, q.question_text, q.question_type::text AS question_type,
                   e.answer_text, e.answer_value, e.rating,
                   (SELECT o ->> 'label' FROM jsonb_array_elements(q.options) o
                    WHERE o ->> 'value' = e.answer_value LIMIT 1) AS option_label
            FROM evaluations e
            JOIN questions q ON q.id = e.question_id
            WHERE e.session_id = :session AND e.playground_id = :playground
            ORDER BY q.order_index, q.created_at, q.id
            """)
        .param("session", session)
        .param("playground", playground)
        .query(
            (rs, row) ->
                new SessionDetail.Answer(
                    rs.getObject("question_id", UUID.class),
                    rs.getString("question_text"),
                    QuestionType.fromDatabase(rs.getString("question_type")),
                    rs.getString("answer_text"),
                    rs.getString("answer_value"),
                    rs.getString("option_label"),
                    (Integer) rs.getObject("rating")))
        .list();
  }

  private static String where(UUID playground, ResponseFilter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" WHERE r.playground_id = :playground");
    params.put("playground", playground);
    if (filter.model() != null) {
      where.append(" AND r.model_key = :model");
      params.put("model", filter.model().databaseValue());
    }
    if (filter.question() != null) {
      where.append(" AND r.question_id = :question");
      params.put("question", filter.question());
    }
    if (filter.searching()) {
      where.append(" AND r.answer_text ILIKE :pattern ESCAPE '\\'");
      params.put("pattern", filter.likePattern());
    }
    return where.toString();
  }

  private static ResponseRow row(ResultSet rs, int row) throws SQLException {
    return new ResponseRow(
        rs.getObject("id", UUID.class),
        rs.getObject("question_id", UUID.class),
        rs.getString("question_text"),
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getString("answer_text"),
        rs.getString("user_email"),
        rs.getObject("session_id", UUID.class),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getString("version_name"));
  }

  private static SessionDetail session(ResultSet rs, int row) throws SQLException {
    return new SessionDetail(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getString("status"),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getInt("configuration_version"),
        rs.getString("version_name"),
        rs.getObject("started_at", LocalDateTime.class),
        rs.getObject("expires_at", LocalDateTime.class),
        rs.getObject("submitted_at", LocalDateTime.class),
        rs.getObject("call_started_at", LocalDateTime.class),
        rs.getString("conversation_id"),
        rs.getBoolean("lapsed"),
        rs.getObject("call_reference", UUID.class),
        new SessionDetail.Call(
            rs.getObject("call_ended_at", LocalDateTime.class),
            rs.getString("widget_failure"),
            rs.getString("given_back_reason"),
            problemLabel(rs.getString("problem_reason")),
            rs.getString("problem_details")),
        rs.getObject("other_session", UUID.class),
        List.of());
  }

  /** A reported problem's reason as the tester chose it. */
  private static String problemLabel(String reason) {
    Problem.Reason known = Problem.Reason.of(reason);
    return known == null ? reason : known.label();
  }
}
