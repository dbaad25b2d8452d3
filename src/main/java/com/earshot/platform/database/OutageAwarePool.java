package com.earshot.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Earshot's connection pool. A request waits for a connection for as long as the pool is merely
 * busy (up to {@link #BUSY_TIMEOUT}, a burst of submits queues as it always did), but for no more
 * than one connection timeout (a few seconds) when the database cannot be reached, so that an
 * outage is answered at once with "try again". Hikari tells the two apart: its timeout carries the
 * pool's last failure to connect, and a busy pool whose connections work has none.
 */
class OutageAwarePool extends HikariDataSource {

  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
    while (true) {
      try {
        return super.getConnection();
      } catch (SQLTransientConnectionException timeout) {
        if (timeout.getCause() != null || System.nanoTime() - deadline > 0) {
          throw timeout;
        }
      }
    }
  }
}
