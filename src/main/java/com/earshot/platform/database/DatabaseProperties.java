package com.earshot.platform.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Earshot's database beyond the connection itself (which comes from {@code
 * DATABASE_URL} or {@code spring.datasource.*}; without either, an embedded PostgreSQL starts).
 *
 * @param appRole the runtime role: owns nothing, has no BYPASSRLS; every connection runs as it
 * @param directory where the embedded PostgreSQL keeps its data between runs
 * @param port the embedded PostgreSQL's port; 0 picks a free one
 */
@ConfigurationProperties("earshot.database")
record DatabaseProperties(
    @DefaultValue("earshot_app") String appRole,
    @DefaultValue("data/postgres") Path directory,
    @DefaultValue("0") int port) {

  public DatabaseProperties {
    if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "earshot.database.app-role must be a plain lower-case SQL identifier, not '"
              + appRole
              + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("earshot.database.port must be 0-65535, not " + port);
    }
  }
}
