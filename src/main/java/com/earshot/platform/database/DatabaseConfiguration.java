package com.earshot.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The database Earshot runs on: the configured server, or an embedded PostgreSQL when none is
 * configured. Migrations run as the owner; the app's pool runs every connection as the runtime
 * role, in UTC, and every transaction carries the current user for row-level security.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  Database database(Environment environment, DatabaseProperties properties) {
    ConnectionSettings configured = ConnectionSettings.fromEnvironment(environment);
    if (configured != null) {
      ConnectionCheck.verify(configured);
      return new Database(configured, null);
    }
    EmbeddedPostgresServer embedded =
        EmbeddedPostgresServer.start(
            properties.directory(), properties.port(), properties.appRole());
    return new Database(embedded.connectionSettings(), embedded);
  }

  @Bean
  @Primary
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(Database database, DatabaseProperties properties) {
    HikariDataSource dataSource = new OutageAwarePool();
    dataSource.setPoolName("earshot");
    dataSource.setJdbcUrl(database.settings().jdbcUrl());
    dataSource.setUsername(database.settings().app().username());
    dataSource.setPassword(database.settings().app().password());
    // Whatever login the URL names, the app acts as the runtime role (no table ownership, no
    // BYPASSRLS), with timestamps in UTC.
    dataSource.setConnectionInitSql("SET ROLE " + properties.appRole() + "; SET TIME ZONE 'UTC'");
    return dataSource;
  }

  @Bean
  FlywayConfigurationCustomizer migrateAsOwner(Database database, DatabaseProperties properties) {
    ConnectionSettings settings = database.settings();
    return configuration ->
        configuration
            .dataSource(
                settings.jdbcUrl(), settings.owner().username(), settings.owner().password())
            .placeholders(Map.of("app_role", properties.appRole()));
  }

  @Bean
  @Primary
  PlatformTransactionManager transactionManager(HikariDataSource dataSource) {
    return new RlsTransactionManager(dataSource);
  }

  /**
   * HTTP sessions are read while the security context is being loaded, before anyone is known:
   * their transactions carry no user (their tables have no row-level security), and must not ask
   * for one, which would load the session again.
   */
  @Bean
  @SpringSessionTransactionManager
  PlatformTransactionManager sessionTransactionManager(HikariDataSource dataSource) {
    return new JdbcTransactionManager(dataSource);
  }

  /** The resolved connection, and the embedded server behind it if there is one. */
  record Database(ConnectionSettings settings, EmbeddedPostgresServer embedded)
      implements AutoCloseable {

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
