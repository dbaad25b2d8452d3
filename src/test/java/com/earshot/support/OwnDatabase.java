package com.earshot.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of its own on the shared test server, for a test class whose subject is a fact about
 * the whole database ("the last admin"), which other test classes' rows would otherwise decide.
 * Created on first use, owned by the owner role and migrated by the app like the shared one.
 */
public final class OwnDatabase {

  private OwnDatabase() {}

  /** Creates {@code name} unless it exists, and returns the app's properties to use it. */
  public static synchronized Map<String, Object> properties(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("A plain lower-case database name, not " + name);
    }
    JdbcClient postgres = JdbcClient.create(TestDatabase.server().superuserDataSource("postgres"));
    boolean exists =
        postgres
            .sql("SELECT count(*) > 0 FROM pg_database WHERE datname = ?")
            .param(name)
            .query(Boolean.class)
            .single();
    if (!exists) {
      postgres.sql("CREATE DATABASE " + name + " OWNER earshot_owner").update();
    }
    return Map.of(
        "spring.datasource.url",
        "jdbc:postgresql://localhost:%d/%s".formatted(TestDatabase.server().port(), name),
        "spring.datasource.username",
        TestDatabase.APP_ROLE,
        "spring.flyway.user",
        "earshot_owner");
  }

  /** The superuser on {@code name}: past row-level security, for fixtures and checks. */
  public static JdbcClient superuserJdbc(String name) {
    return JdbcClient.create(TestDatabase.server().superuserDataSource(name));
  }

  /** Points a context at the database named by the subclass, in place of the shared one. */
  public abstract static class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final String name;

    protected Initializer(String name) {
      this.name = name;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("ownDatabase", properties(name)));
    }
  }
}
