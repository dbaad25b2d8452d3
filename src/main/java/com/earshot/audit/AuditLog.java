package com.earshot.audit;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.ClientAddress;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows. {@link #record} joins the caller's transaction (and insists on one), so a
 * change and its audit row commit or roll back together. The actor is the current user, the client
 * address that of the current request. Refusals, which anyone can repeat at will, are {@linkplain
 * #recordRefusal coalesced}.
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
    insert(entry, false);
  }

  /**
   * An edit, with the fields it changed, in the caller's transaction; no row when it changed
   * nothing.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordChanges(AuditEntry entry, Changes changes) {
    if (!changes.isEmpty()) {
      insert(entry.change(changes), false);
    }
  }

  /** For events that change nothing else: their own transaction. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordAlone(AuditEntry entry) {
    record(entry);
  }

  /**
   * A refused request (access denied, a forged form, a rate limit), in its own transaction: one row
   * per action, actor, client address and minute, with the first refusal's details; the others of
   * that minute are counted beside it (audit_log_repeats), so a flood of refusals costs a row a
   * minute, not a row each.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordRefusal(AuditEntry entry) {
    if (insert(entry, true) == 0) {
      jdbc.sql("SELECT audit_log_count_repeat(?, ?::inet)")
          .params(entry.action(), ClientAddress.current().orElse(null))
          .query()
          .listOfRows();
    }
  }

  /**
   * When the current user last did {@code action} to {@code resourceId}, as their own audit rows
   * say (row-level security shows a user no one else's): how a second confirmation of a deletion
   * knows that it was this user's first that deleted it.
   */
  @Transactional(readOnly = true)
  public Optional<LocalDateTime> lastDoneByMe(String action, UUID resourceId) {
    return jdbc.sql(
            """
            SELECT created_at FROM audit_log
            WHERE action = ? AND resource_id = ? AND user_id = app_current_user_id()
            ORDER BY created_at DESC LIMIT 1
            """)
        .params(action, resourceId)
        .query(LocalDateTime.class)
        .optional();
  }

  /** The number of rows inserted: 0 when a coalesced row of this minute is there already. */
  private int insert(AuditEntry entry, boolean coalesced) {
    UUID actor = DatabaseContext.currentUser().map(CurrentUser::id).orElse(null);
    // Only the minute's index can conflict (ids are random). Naming it as the conflict target
    // would need the inserting user to be able to read the row back, which nobody but admins can.
    return jdbc.sql(
            """
            INSERT INTO audit_log (user_id, action, resource_type, resource_id, playground_id,
                                   old_values, new_values, ip_address, coalesced)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::inet, ?)
            """
                + (coalesced ? " ON CONFLICT DO NOTHING" : ""))
        .params(
            actor,
            entry.action(),
            entry.resourceType(),
            entry.resourceId(),
            entry.playgroundId(),
            toJson(entry.oldValues()),
            toJson(entry.newValues()),
            ClientAddress.current().orElse(null),
            coalesced)
        .update();
  }

  private String toJson(Map<String, ?> values) {
    return values == null ? null : json.writeValueAsString(values);
  }
}
