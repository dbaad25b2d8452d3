package com.earshot.insights.sessions;

import com.earshot.conversation.ConversationSummary;
import com.earshot.insights.review.Flag;
import com.earshot.playground.ModelKey;
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
 * A playground's sessions with their testers. Row-level security limits them to the current admin's
 * playgrounds. Filters become fixed SQL fragments with bound values: nothing typed ever becomes
 * SQL.
 */
@Repository
class SessionQueries {

  private final JdbcClient jdbc;

  SessionQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count(UUID playground, SessionFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    return jdbc.sql(
            "SELECT count(*) FROM evaluation_sessions s JOIN users u ON u.id = s.user_id"
                + where(playground, filter, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  /** One page, the newest session first; the conversation summaries are left to the caller. */
  List<SessionRow> page(UUID playground, SessionFilter filter, int limit, long offset) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(playground, filter, params);
    params.put("limit", limit);
    params.put("offset", offset);
    return jdbc.sql(
            """
            SELECT s.id, s.user_id, u.email, s.model_key, s.round_number, s.position,
                   s.configuration_version, s.status::text AS status,
                   (SELECT v.model_name FROM model_versions v
                    WHERE v.playground_id = s.playground_id AND v.model_key = s.model_key
                      AND v.configuration_version = s.configuration_version) AS version_name,
                   s.status = 'assigned' AND s.expires_at <= now() AS lapsed, s.started_at,
                   s.call_started_at, s.call_ended_at, s.submitted_at,
                   ARRAY(SELECT f.flag FROM session_flags f WHERE f.session_id = s.id) AS flags
            FROM evaluation_sessions s JOIN users u ON u.id = s.user_id
            %s
            ORDER BY s.started_at DESC, s.id DESC LIMIT :limit OFFSET :offset
            """
                .formatted(where))
        .params(params)
        .query(SessionQueries::row)
        .list();
  }

  /** The configuration versions the playground's sessions were given, newest first. */
  List<Integer> versions(UUID playground) {
    return jdbc.sql(
            """
            SELECT DISTINCT configuration_version FROM evaluation_sessions
            WHERE playground_id = ? ORDER BY configuration_version DESC
            """)
        .param(playground)
        .query(Integer.class)
        .list();
  }

  /** The email of a tester with a session in the playground. */
  Optional<String> testerEmail(UUID playground, UUID tester) {
    return jdbc.sql(
            """
            SELECT u.email FROM users u
            WHERE u.id = ? AND EXISTS (SELECT 1 FROM evaluation_sessions s
                                       WHERE s.playground_id = ? AND s.user_id = u.id)
            """)
        .params(tester, playground)
        .query(String.class)
        .optional();
  }

  private static String where(UUID playground, SessionFilter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" WHERE s.playground_id = :playground");
    params.put("playground", playground);
    if (filter.model() != null) {
      where.append(" AND s.model_key = :model");
      params.put("model", filter.model().databaseValue());
    }
    if (filter.status() != null) {
      where.append(" AND s.status = :status::evaluation_session_status");
      params.put("status", filter.status());
    }
    if (filter.version() != null) {
      where.append(" AND s.configuration_version = :version");
      params.put("version", filter.version());
    }
    if (!filter.email().isEmpty()) {
      where.append(" AND u.email ILIKE :email ESCAPE '\\'");
      params.put("email", filter.emailPattern());
    }
    if (filter.tester() != null) {
      where.append(" AND s.user_id = :tester");
      params.put("tester", filter.tester());
    }
    if (filter.flag() != null) {
      where.append(
          " AND EXISTS (SELECT 1 FROM session_flags f WHERE f.session_id = s.id AND f.flag = :flag)");
      params.put("flag", filter.flag().databaseValue());
    }
    return where.toString();
  }

  private static SessionRow row(ResultSet rs, int row) throws SQLException {
    return new SessionRow(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("email"),
        ModelKey.fromDatabase(rs.getString("model_key")),
        rs.getInt("round_number"),
        rs.getInt("position"),
        rs.getInt("configuration_version"),
        rs.getString("version_name"),
        rs.getString("status"),
        rs.getBoolean("lapsed"),
        rs.getObject("started_at", LocalDateTime.class),
        rs.getObject("call_started_at", LocalDateTime.class),
        rs.getObject("call_ended_at", LocalDateTime.class),
        rs.getObject("submitted_at", LocalDateTime.class),
        Flag.listOf((String[]) rs.getArray("flags").getArray()),
        ConversationSummary.NONE);
  }
}
