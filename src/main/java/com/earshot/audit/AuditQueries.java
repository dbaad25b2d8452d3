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
      long times) {}

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
                         AS times
                FROM audit_log a
                LEFT JOIN users u ON u.id = a.user_id
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
                        rs.getLong("times")))
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
