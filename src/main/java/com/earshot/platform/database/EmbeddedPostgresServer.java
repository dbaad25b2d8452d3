package com.earshot.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 15 (binaries from Maven Central) whose data directory outlives the process, set
 * up like a production server: a database owned by {@value #OWNER}, which runs the migrations, and
 * a separate runtime role for the app.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  static final String DATABASE = "earshot";
  static final String OWNER = "earshot_owner";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private final String appRole;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory, String appRole) {
    this.postgres = postgres;
    this.directory = directory;
    this.appRole = appRole;
  }

  /** Starts (and on first use initializes) the server in {@code directory}, durable. */
  public static EmbeddedPostgresServer start(Path directory, int port, String appRole) {
    return start(directory, port, appRole, Map.of());
  }

  /**
   * As {@link #start(Path, int, String)}, with server settings that replace the durable ones
   * ({@code fsync}, {@code synchronous_commit}): for tests, whose data need not survive a crash.
   */
  public static EmbeddedPostgresServer start(
      Path directory, int port, String appRole, Map<String, String> settings) {
    Path absolute = directory.toAbsolutePath().normalize();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(absolute);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(absolute)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on");
      settings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      postgres = builder.start();
    } catch (IllegalStateException e) {
      if (e instanceof OverlappingFileLockException
          || String.valueOf(e.getMessage()).contains("lock")) {
        throw new DatabaseStartupException(
            "The embedded database in "
                + absolute
                + " is in use by another running Earshot: stop that one, or set"
                + " EARSHOT_DATABASE_DIRECTORY to another directory.",
            e);
      }
      throw cannotStart(absolute, e);
    } catch (IOException e) {
      throw cannotStart(absolute, e);
    }
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, absolute, appRole);
    server.createRolesAndDatabase();
    log.info(
        "Embedded PostgreSQL 15 in {} on port {} (psql -h localhost -p {} -U {} {})",
        absolute,
        postgres.getPort(),
        postgres.getPort(),
        OWNER,
        DATABASE);
    return server;
  }

  private static DatabaseStartupException cannotStart(Path directory, Exception e) {
    return new DatabaseStartupException(
        "The embedded PostgreSQL could not start in "
            + directory
            + " ("
            + e.getMessage()
            + "); check that the directory is writable, or set EARSHOT_DATABASE_DIRECTORY.",
        e);
  }

  private void createRolesAndDatabase() {
    try (Connection connection = superuserDataSource("postgres").getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          """
          DO $$
          BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
              CREATE ROLE %1$s LOGIN CREATEROLE;
            END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
              CREATE ROLE %2$s LOGIN NOBYPASSRLS;
            END IF;
          END $$
          """
              .formatted(OWNER, appRole));
      try (var existing =
          statement.executeQuery(
              "SELECT 1 FROM pg_database WHERE datname = '%s'".formatted(DATABASE))) {
        if (!existing.next()) {
          statement.execute("CREATE DATABASE %s OWNER %s".formatted(DATABASE, OWNER));
        }
      }
    } catch (SQLException e) {
      throw new DatabaseStartupException(
          "The embedded PostgreSQL in " + directory + " could not be set up: " + e.getMessage(), e);
    }
  }

  ConnectionSettings connectionSettings() {
    String url = "jdbc:postgresql://localhost:%d/%s".formatted(postgres.getPort(), DATABASE);
    return new ConnectionSettings(
        url,
        new ConnectionSettings.Login(appRole, null),
        new ConnectionSettings.Login(OWNER, null));
  }

  /** A connection as the superuser, which bypasses row-level security: setup and tests only. */
  public DataSource superuserDataSource(String database) {
    return postgres.getDatabase("postgres", database);
  }

  public DataSource superuserDataSource() {
    return superuserDataSource(DATABASE);
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("Embedded PostgreSQL in {} stopped", directory);
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", directory, e.getMessage());
    }
  }
}
