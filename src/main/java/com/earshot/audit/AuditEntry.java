package com.earshot.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One thing that happened: a dotted action ({@code playground.update}), what it happened to, and
 * the changed fields before and after (never secrets).
 */
public record AuditEntry(
    String action,
    String resourceType,
    UUID resourceId,
    UUID playgroundId,
    Map<String, ?> oldValues,
    Map<String, ?> newValues) {

  public AuditEntry {
    if (action == null || !action.matches("[a-z_]+(\\.[a-z_]+)+")) {
      throw new IllegalArgumentException("An audit action is dotted lower case, not " + action);
    }
  }

  public static AuditEntry of(String action) {
    return new AuditEntry(action, null, null, null, null, null);
  }

  public AuditEntry on(String resourceType, UUID resourceId) {
    return new AuditEntry(action, resourceType, resourceId, playgroundId, oldValues, newValues);
  }

  public AuditEntry inPlayground(UUID playgroundId) {
    return new AuditEntry(action, resourceType, resourceId, playgroundId, oldValues, newValues);
  }

  public AuditEntry change(Map<String, ?> oldValues, Map<String, ?> newValues) {
    return new AuditEntry(action, resourceType, resourceId, playgroundId, oldValues, newValues);
  }

  /** The old and new values of the fields that changed. */
  public AuditEntry change(Changes changes) {
    return change(changes.before(), changes.after());
  }

  public AuditEntry details(Map<String, ?> newValues) {
    return change(oldValues, newValues);
  }
}
