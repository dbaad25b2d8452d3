package com.earshot.support;

import com.earshot.platform.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One embedded PostgreSQL for the whole test JVM, started on first use and set up like the app's
 * own embedded mode (owner and runtime roles), only not durable. Spring contexts reach it through
 * {@link #properties()}, as an external server with two credentials: migrations as the owner, the
 * app as the runtime role.
 */
public final class TestDatabase {

  public static final String APP_ROLE = "earshot_app";

  /**
   * The tests' data need not survive a crash of the machine: no waiting for the disk on each
   * commit. (The app's own embedded server keeps PostgreSQL's durable defaults.)
   */
  static final Map<String, String> NOT_DURABLE =
      Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

  private static EmbeddedPostgresServer server;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        Path directory = Files.createTempDirectory("earshot-test-db");
        server = EmbeddedPostgresServer.start(directory, 0, APP_ROLE, NOT_DURABLE);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return server;
  }

  public static String jdbcUrl() {
    return "jdbc:postgresql://localhost:%d/earshot".formatted(server().port());
  }

  public static Map<String, Object> properties() {
    return Map.of(
        "spring.datasource.url",
        jdbcUrl(),
        "spring.datasource.username",
        APP_ROLE,
        "spring.flyway.user",
        "earshot_owner");
  }

  /** The superuser: bypasses row-level security. For fixtures and catalog checks only. */
  public static DataSource superuser() {
    return server().superuserDataSource();
  }

  public static JdbcClient superuserJdbc() {
    return JdbcClient.create(superuser());
  }
}
