package com.earshot.platform.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens one connection per login before anything else does, to fail with a plain sentence. */
final class ConnectionCheck {

  private ConnectionCheck() {}

  static void verify(ConnectionSettings settings) {
    verify(settings.jdbcUrl(), settings.app());
    if (!settings.owner().equals(settings.app())) {
      verify(settings.jdbcUrl(), settings.owner());
    }
  }

  private static void verify(String jdbcUrl, ConnectionSettings.Login login) {
    Properties properties = new Properties();
    if (login.username() != null) {
      properties.setProperty("user", login.username());
    }
    if (login.password() != null) {
      properties.setProperty("password", login.password());
    }
    properties.setProperty("connectTimeout", "10");
    try (Connection ignored = DriverManager.getConnection(jdbcUrl, properties)) {
      // reachable, and the credentials work
    } catch (SQLException e) {
      throw new DatabaseStartupException(explain(e, jdbcUrl, login.username()), e);
    }
  }

  static String explain(SQLException e, String jdbcUrl, String username) {
    String where = "PostgreSQL at " + hostAndDatabase(jdbcUrl);
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28")) {
      return where + " refused the login of user '" + username + "': wrong user name or password.";
    }
    if (state.equals("3D000")) {
      return where + " has no such database: create it, or correct the database name in the URL.";
    }
    if (state.startsWith("08")) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "Cannot reach "
          + where
          + " ("
          + cause.getClass().getSimpleName()
          + ": "
          + cause.getMessage()
          + "): is the server running, and are host and port right?";
    }
    return "Cannot use " + where + ": " + e.getMessage();
  }

  private static String hostAndDatabase(String jdbcUrl) {
    try {
      URI uri = new URI(jdbcUrl.substring("jdbc:".length()));
      return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
    } catch (Exception e) {
      return ConnectionSettings.redact(jdbcUrl);
    }
  }
}
