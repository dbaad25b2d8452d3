package com.earshot.audit;

import com.earshot.platform.web.Paging;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit log for the audit page; row-level security limits it to what the admin may read.
 */
@Repository
class AuditQueries {

  static final int PAGE_SIZE = 50;
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditQueries(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * One row as the page shows it, with each changed field's old and new value, and how many times
   * it happened (a coalesced refusal stands for all of its minute).
   */
  record Entry(
      UUID id,
      LocalDateTime at,
      String actor,
      String action,
      String resourceType,
      UUID resourceId,
      UUID playgroundId,
      String ipAddress,
      List<Change> changes,
      long times,
      Resources resources) {

    /** What happened, in words, its resources named and (while they exist) linked. */
    public List<AuditSentence.Part> sentence() {
      return AuditSentence.of(this);
    }

    String playgroundName() {
      return resources.playgroundName();
    }

    boolean playgroundExists() {
      return resources.playgroundExists();
    }

    /** The model ("Model B"), question (its wording) or user (their email) the row is about. */
    String subjectName() {
      return switch (resourceType == null ? "" : resourceType) {
        case "model_configuration" ->
            resources.modelKey() == null ? null : AuditSentence.modelOf(resources.modelKey());
        case "question" ->
            resources.questionText() != null
                ? resources.questionText()
                : resources.questionTextThen();
        case "user" -> resources.userEmail();
        default -> null;
      };
    }

    boolean subjectExists() {
      return switch (resourceType == null ? "" : resourceType) {
        case "model_configuration" -> resources.modelKey() != null;
        case "question" -> resources.questionText() != null;
        default -> true;
      };
    }

    /** The editor's anchor of the row's model ({@code model-model_b}). */
    String anchor() {
      return "model-" + resources.modelKey();
    }
  }

  /**
   * The names of what a row is about, as they are now (null when it is gone, or hidden by row-level
   * security) or, for what is gone, as the log recorded them.
   */
  record Resources(
      String playgroundName,
      boolean playgroundExists,
      String modelKey,
      String questionText,
      String questionTextThen,
      String userEmail) {}

  record Change(String field, Object before, Object after) {}

  record Page(List<Entry> entries, int page, int totalPages, long total) {}

  private static final String WHERE =
      """
      WHERE (:action = '' OR a.action = :action)
        AND (:resource = '' OR a.resource_type = :resource)
        AND (CAST(:from AS date) IS NULL OR a.created_at >= CAST(:from AS date))
        AND (CAST(:to AS date) IS NULL OR a.created_at < CAST(:to AS date) + 1)
      """;

  @Transactional(readOnly = true)
  Page find(AuditFilter filter) {
    long total =
        jdbc.sql("SELECT count(*) FROM audit_log a " + WHERE)
            .params(params(filter))
            .query(Long.class)
            .single();
    Paging paging = Paging.of(filter.page(), PAGE_SIZE, total);
    Map<String, Object> params = params(filter);
    params.put("limit", PAGE_SIZE);
    params.put("offset", paging.offset());
    List<Entry> entries =
        jdbc.sql(
                """
                SELECT a.*, u.email, host(a.ip_address) AS ip,
                       1 + coalesce((SELECT r.repeats FROM audit_log_repeats r
                                     WHERE a.coalesced
                                       AND r.minute = date_trunc('minute', a.created_at)
                                       AND r.action = a.action
                                       AND r.user_id IS NOT DISTINCT FROM a.user_id
                                       AND r.ip_address IS NOT DISTINCT FROM a.ip_address), 0)
                         AS times,
                       p.id IS NOT NULL AS playground_exists,
                       coalesce(p.name,
                                (SELECT d.old_values ->> 'name' FROM audit_log d
                                 WHERE d.action = 'playground.delete'
                                   AND d.playground_id = a.playground_id LIMIT 1),
                                a.new_values ->> 'name') AS playground_name,
                       (SELECT m.model_key::text FROM model_configurations m
                        WHERE a.resource_type = 'model_configuration' AND m.id = a.resource_id)
                         AS model_key,
                       (SELECT q.question_text FROM questions q
                        WHERE a.resource_type = 'question' AND q.id = a.resource_id)
                         AS question_text,
                       coalesce(a.new_values ->> 'question_text', a.old_values ->> 'question_text')
                         AS question_text_then,
                       (SELECT r.email FROM users r
                        WHERE a.resource_type = 'user' AND r.id = a.resource_id) AS user_email
                FROM audit_log a
                LEFT JOIN users u ON u.id = a.user_id
                LEFT JOIN playgrounds p ON p.id = a.playground_id
                """
                    + WHERE
                    + " ORDER BY a.created_at DESC, a.id LIMIT :limit OFFSET :offset")
            .params(params)
            .query(
                (rs, row) ->
                    new Entry(
                        rs.getObject("id", UUID.class),
                        rs.getObject("created_at", LocalDateTime.class),
                        rs.getString("email"),
                        rs.getString("action"),
                        rs.getString("resource_type"),
                        rs.getObject("resource_id", UUID.class),
                        rs.getObject("playground_id", UUID.class),
                        rs.getString("ip"),
                        changes(rs.getString("old_values"), rs.getString("new_values")),
                        rs.getLong("times"),
                        new Resources(
                            rs.getString("playground_name"),
                            rs.getBoolean("playground_exists"),
                            rs.getString("model_key"),
                            rs.getString("question_text"),
                            rs.getString("question_text_then"),
                            rs.getString("user_email"))))
            .list();
    return new Page(entries, paging.page(), paging.totalPages(), total);
  }

  @Transactional(readOnly = true)
  List<String> actions() {
    return jdbc.sql("SELECT DISTINCT action FROM audit_log ORDER BY action")
        .query(String.class)
        .list();
  }

  @Transactional(readOnly = true)
  List<String> resourceTypes() {
    return jdbc.sql(
            "SELECT DISTINCT resource_type FROM audit_log WHERE resource_type IS NOT NULL ORDER BY 1")
        .query(String.class)
        .list();
  }

  private static Map<String, Object> params(AuditFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("action", filter.action());
    params.put("resource", filter.resource());
    params.put("from", filter.from());
    params.put("to", filter.to());
    return params;
  }

  private List<Change> changes(String oldJson, String newJson) {
    Map<String, Object> before = oldJson == null ? Map.of() : json.readValue(oldJson, JSON_OBJECT);
    Map<String, Object> after = newJson == null ? Map.of() : json.readValue(newJson, JSON_OBJECT);
    List<Change> changes = new ArrayList<>();
    for (String field : new TreeSet<>(union(before, after))) {
      Object old = before.get(field);
      Object now = after.get(field);
      if (!Objects.equals(old, now) || oldJson == null || newJson == null) {
        changes.add(new Change(field, old, now));
      }
    }
    return changes;
  }

  private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
