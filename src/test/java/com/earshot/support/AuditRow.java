package com.earshot.support;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An audit row as the superuser reads them (past row-level security), JSON as PostgreSQL prints it.
 */
public record AuditRow(
    UUID userId,
    String action,
    String resourceType,
    UUID resourceId,
    String oldValues,
    String newValues,
    String ipAddress) {

  /** The rows of {@code action} that match {@code condition}, oldest first. */
  public static List<AuditRow> find(
      JdbcClient jdbc, String action, String condition, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = action;
    System.arraycopy(params, 0, all, 1, params.length);
    return jdbc.sql(
            """
            SELECT user_id, action, resource_type, resource_id, old_values::text AS old_values,
                   new_values::text AS new_values, host(ip_address) AS ip_address
            FROM audit_log WHERE action = ? AND (%s) ORDER BY created_at, id
            """
                .formatted(condition))
        .params(all)
        .query(
            (rs, row) ->
                new AuditRow(
                    rs.getObject("user_id", UUID.class),
                    rs.getString("action"),
                    rs.getString("resource_type"),
                    rs.getObject("resource_id", UUID.class),
                    rs.getString("old_values"),
                    rs.getString("new_values"),
                    rs.getString("ip_address")))
        .list();
  }

  /** The rows of {@code action} written for requests from client address {@code address}. */
  public static List<AuditRow> fromAddress(JdbcClient jdbc, String action, String address) {
    return find(jdbc, action, "host(ip_address) = ?", address);
  }
}
