package com.earshot.support;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit row as the superuser reads them (past row-level security), without its id and time, so
 * that a test compares a whole row with the one it expects ({@code isEqualTo(new AuditRow(…))}).
 * The old and new values are the JSON objects read as maps (numbers as Integers), or null.
 */
public record AuditRow(
    UUID userId,
    String action,
    String resourceType,
    UUID resourceId,
    UUID playgroundId,
    Map<String, Object> oldValues,
    Map<String, Object> newValues,
    String ipAddress) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** The rows of {@code action} that match {@code condition}, oldest first. */
  public static List<AuditRow> find(
      JdbcClient jdbc, String action, String condition, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = action;
    System.arraycopy(params, 0, all, 1, params.length);
    return where(jdbc, "action = ? AND (" + condition + ")", all);
  }

  /** The rows of {@code action} written for requests from client address {@code address}. */
  public static List<AuditRow> fromAddress(JdbcClient jdbc, String action, String address) {
    return find(jdbc, action, "host(ip_address) = ?", address);
  }

  /** Every row written by {@code user}, oldest first. */
  public static List<AuditRow> by(JdbcClient jdbc, UUID user) {
    return where(jdbc, "user_id = ?", user);
  }

  /** When each row by {@code user} was written, oldest first: the time of its transaction. */
  public static List<LocalDateTime> timesBy(JdbcClient jdbc, UUID user) {
    return jdbc.sql("SELECT created_at FROM audit_log WHERE user_id = ? ORDER BY created_at, id")
        .param(user)
        .query(LocalDateTime.class)
        .list();
  }

  private static List<AuditRow> where(JdbcClient jdbc, String condition, Object... params) {
    return jdbc.sql(
            """
            SELECT user_id, action, resource_type, resource_id, playground_id,
                   old_values::text AS old_values, new_values::text AS new_values,
                   host(ip_address) AS ip_address
            FROM audit_log WHERE %s ORDER BY created_at, id
            """
                .formatted(condition))
        .params(params)
        .query(
            (rs, row) ->
                new AuditRow(
                    rs.getObject("user_id", UUID.class),
                    rs.getString("action"),
                    rs.getString("resource_type"),
                    rs.getObject("resource_id", UUID.class),
                    rs.getObject("playground_id", UUID.class),
                    json(rs.getString("old_values")),
                    json(rs.getString("new_values")),
                    rs.getString("ip_address")))
        .list();
  }

  private static Map<String, Object> json(String text) {
    return text == null || text.equals("null") ? null : JSON.readValue(text, OBJECT);
  }
}
