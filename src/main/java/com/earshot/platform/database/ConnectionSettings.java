package com.earshot.platform.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the database is and with which credentials: the runtime (app) login, and the owner login
 * that runs the migrations. They are the same login when only one credential is given; the app then
 * still runs as the runtime role through {@code SET ROLE}.
 */
record ConnectionSettings(String jdbcUrl, Login app, Login owner) {

  record Login(String username, String password) {}

  /** The configured external server, or null when nothing is configured (embedded mode). */
  static ConnectionSettings fromEnvironment(Environment env) {
    String databaseUrl = env.getProperty("DATABASE_URL");
    String jdbcUrl;
    Login app;
    if (StringUtils.hasText(databaseUrl)) {
      if (databaseUrl.startsWith("jdbc:")) {
        jdbcUrl = databaseUrl;
        app = loginFrom(env, "spring.datasource");
      } else {
        ParsedUrl parsed = parse(databaseUrl.trim());
        jdbcUrl = parsed.jdbcUrl();
        app = parsed.login();
      }
    } else if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
      jdbcUrl = env.getProperty("spring.datasource.url");
      app = loginFrom(env, "spring.datasource");
    } else {
      return null;
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new DatabaseStartupException(
          "The database URL must point to PostgreSQL (jdbc:postgresql:// or postgres://), not '"
              + redact(jdbcUrl)
              + "'.");
    }
    Login owner = app;
    String ownerUrl = env.getProperty("DATABASE_OWNER_URL");
    if (StringUtils.hasText(ownerUrl)) {
      owner = parse(ownerUrl.trim()).login();
    } else if (StringUtils.hasText(env.getProperty("spring.flyway.user"))) {
      owner = loginFrom(env, "spring.flyway");
    }
    return new ConnectionSettings(jdbcUrl, app, owner);
  }

  private static Login loginFrom(Environment env, String prefix) {
    String user = env.getProperty(prefix + ".user", env.getProperty(prefix + ".username"));
    return new Login(user, env.getProperty(prefix + ".password"));
  }

  record ParsedUrl(String jdbcUrl, Login login) {}

  /**
   * Reads {@code postgres://user:password@host:port/database?params} as hosting platforms give it.
   */
  static ParsedUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new DatabaseStartupException(
          "DATABASE_URL is not a valid URL ("
              + e.getReason()
              + "); expected postgres://user:password@host:5432/database.");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new DatabaseStartupException(
          "DATABASE_URL must start with postgres:// or jdbc:postgresql://, not '"
              + uri.getScheme()
              + "://'.");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new DatabaseStartupException(
          "DATABASE_URL needs a host and a database name: postgres://user:password@host:5432/database.");
    }
    String username = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      username = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String jdbcUrl =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + uri.getRawPath()
            + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    return new ParsedUrl(jdbcUrl, new Login(username, password));
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  /** The URL without anything that could be a password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }
}
