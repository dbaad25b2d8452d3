package com.earshot.audit;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.ClientAddress;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows. {@link #record} joins the caller's transaction (and insists on one), so a
 * change and its audit row commit or roll back together. The actor is the current user, the client
 * address that of the current request.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditLog(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(AuditEntry entry) {
    UUID actor = DatabaseContext.currentUser().map(CurrentUser::id).orElse(null);
    jdbc.sql(
            """
            INSERT INTO audit_log (user_id, action, resource_type, resource_id, playground_id,
                                   old_values, new_values, ip_address)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::inet)
            """)
        .params(
            actor,
            entry.action(),
            entry.resourceType(),
            entry.resourceId(),
            entry.playgroundId(),
            toJson(entry.oldValues()),
            toJson(entry.newValues()),
            ClientAddress.current().orElse(null))
        .update();
  }

  /** For events that change nothing else (a refused request): their own transaction. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordAlone(AuditEntry entry) {
    record(entry);
  }

  private String toJson(Map<String, ?> values) {
    return values == null ? null : json.writeValueAsString(values);
  }
}
