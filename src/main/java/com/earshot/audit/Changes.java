package com.earshot.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an edit changed: the old and new value of each field whose value differs, nothing of the
 * fields that stayed the same. An edit that changes nothing has no changes, and {@link
 * AuditLog#recordChanges} then writes no row.
 */
public final class Changes {

  private final Map<String, Object> before = new LinkedHashMap<>();
  private final Map<String, Object> after = new LinkedHashMap<>();

  public static Changes of(String field, Object oldValue, Object newValue) {
    return new Changes().field(field, oldValue, newValue);
  }

  /** Field by field, the entries of two snapshots of the same thing. */
  public static Changes between(Map<String, ?> oldValues, Map<String, ?> newValues) {
    Changes changes = new Changes();
    oldValues.forEach((field, value) -> changes.field(field, value, newValues.get(field)));
    newValues.forEach((field, value) -> changes.field(field, oldValues.get(field), value));
    return changes;
  }

  /** Notes the field when its value changed (null is a value: it may be set or cleared). */
  public Changes field(String field, Object oldValue, Object newValue) {
    if (!Objects.equals(oldValue, newValue)) {
      before.put(field, oldValue);
      after.put(field, newValue);
    }
    return this;
  }

  public boolean includes(String field) {
    return after.containsKey(field);
  }

  public boolean isEmpty() {
    return after.isEmpty();
  }

  Map<String, Object> before() {
    return Collections.unmodifiableMap(before);
  }

  Map<String, Object> after() {
    return Collections.unmodifiableMap(after);
  }
}
