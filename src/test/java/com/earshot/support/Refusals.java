package com.earshot.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audited refusals as the superuser reads them (past row-level security). A refusal is coalesced:
 * one audit row per action, actor, client address and minute, its repeats counted beside it in
 * {@code audit_log_repeats}.
 */
public final class Refusals {

  private Refusals() {}

  /** The audit rows of {@code action} that match {@code condition} (on {@code audit_log a}). */
  public static long rows(JdbcClient jdbc, String action, String condition, Object... params) {
    return count(jdbc, "count(*)", action, condition, params);
  }

  /** How many times {@code action} happened: its rows and the repeats counted for them. */
  public static long times(JdbcClient jdbc, String action, String condition, Object... params) {
    return count(jdbc, "coalesce(sum(1 + coalesce(r.repeats, 0)), 0)", action, condition, params);
  }

  private static long count(
      JdbcClient jdbc, String what, String action, String condition, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = action;
    System.arraycopy(params, 0, all, 1, params.length);
    return jdbc.sql(
            """
            SELECT %s FROM audit_log a
            LEFT JOIN audit_log_repeats r
              ON a.coalesced
             AND r.minute = date_trunc('minute', a.created_at)
             AND r.action = a.action
             AND r.user_id IS NOT DISTINCT FROM a.user_id
             AND r.ip_address IS NOT DISTINCT FROM a.ip_address
            WHERE a.action = ? AND (%s)
            """
                .formatted(what, condition))
        .params(all)
        .query(Long.class)
        .single();
  }
}
