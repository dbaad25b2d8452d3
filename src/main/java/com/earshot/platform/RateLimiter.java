package com.earshot.platform;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sliding-window limits counted in PostgreSQL, so they hold across instances. A transaction-level
 * advisory lock per bucket makes count-then-record atomic under concurrent requests. Used by
 * sign-in (per email and per client address) and by invitations (per admin). Hits older than twice
 * sign-in's window are deleted by sign-in's clean-up: a limit's window must be no longer.
 */
@Component
public class RateLimiter {

  private final JdbcClient jdbc;

  RateLimiter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a hit and returns true, or returns false when the bucket is full. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean tryAcquire(String bucket, int limit, Duration window) {
    if (isFull(bucket, limit, window)) {
      return false;
    }
    record(bucket);
    return true;
  }

  /**
   * Whether the bucket holds {@code limit} hits of the last {@code window}. Locks the bucket until
   * the transaction ends, so that a hit recorded in it counts before anyone else asks.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean isFull(String bucket, int limit, Duration window) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param(bucket)
        .query()
        .listOfRows();
    long recent =
        jdbc.sql(
                """
                SELECT count(*) FROM rate_limit_hits
                WHERE bucket = ? AND hit_at > now() - make_interval(secs => ?)
                """)
            .params(bucket, window.toSeconds())
            .query(Long.class)
            .single();
    return recent >= limit;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String bucket) {
    jdbc.sql("INSERT INTO rate_limit_hits (bucket) VALUES (?)").param(bucket).update();
  }

  /** Hits older than any window: deleted. */
  public int deleteOlderThan(Duration age) {
    return jdbc.sql("DELETE FROM rate_limit_hits WHERE hit_at < now() - make_interval(secs => ?)")
        .param(age.toSeconds())
        .update();
  }
}
