package com.earshot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.EarshotApplication;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How Earshot finds its database at start-up, and how it says so when it cannot. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupTests {

  @Test
  void shouldKeepTheEmbeddedDatabaseAcrossRestarts(@TempDir Path directory) {
    CurrentUser newcomer = CurrentUser.of(null, "kept@example.com", false);
    try (ConfigurableApplicationContext first = start("earshot.database.directory=" + directory)) {
      inTransaction(
          first,
          newcomer,
          jdbc -> jdbc.sql("INSERT INTO users (email) VALUES ('kept@example.com')").update());
    }
    try (ConfigurableApplicationContext second = start("earshot.database.directory=" + directory)) {
      Object count =
          inTransaction(
              second,
              newcomer,
              jdbc ->
                  jdbc.sql("SELECT count(*) FROM users WHERE email = 'kept@example.com'")
                      .query(Long.class)
                      .single());
      assertThat(count).isEqualTo(1L);
    }
  }

  @Test
  void shouldActAsTheRuntimeRoleWhenGivenOnlyTheOwnersLogin() {
    String url =
        "postgres://earshot_owner@localhost:%d/earshot".formatted(TestDatabase.server().port());
    try (ConfigurableApplicationContext context = start("DATABASE_URL=" + url)) {
      String users =
          context
              .getBean(JdbcClient.class)
              .sql("SELECT session_user || ' as ' || current_user")
              .query(String.class)
              .single();
      assertThat(users).isEqualTo("earshot_owner as earshot_app");
    }
  }

  @Test
  void shouldRefuseADataDirectoryThatAnotherInstanceUses(@TempDir Path directory) {
    try (EmbeddedPostgresServer running =
        EmbeddedPostgresServer.start(directory, 0, TestDatabase.APP_ROLE)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(directory, 0, TestDatabase.APP_ROLE))
          .isInstanceOf(DatabaseStartupException.class)
          .hasMessageContaining("is in use by another running Earshot")
          .hasMessageContaining(directory.toString());
    }
  }

  @Test
  void shouldFailFastWithOneClearLineWhenTheServerIsUnreachable(CapturedOutput output) {
    assertThatThrownBy(() -> start("DATABASE_URL=postgres://earshot:secret@127.0.0.1:1/earshot"))
        .hasRootCauseInstanceOf(java.net.ConnectException.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Cannot reach PostgreSQL at 127.0.0.1:1/earshot (ConnectException: Connection refused)")
        .doesNotContain("secret")
        .doesNotContain("\tat org.postgresql");
  }

  @Test
  void shouldNameTheUserWhoseLoginWasRefused(CapturedOutput output) {
    String url = "postgres://nobody@localhost:%d/earshot".formatted(TestDatabase.server().port());
    assertThatThrownBy(() -> start("DATABASE_URL=" + url))
        .rootCause()
        .isInstanceOf(PSQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "28000");
    assertThat(output).contains("refused the login of user 'nobody'");
  }

  @Test
  void shouldSayWhenTheDatabaseDoesNotExist(CapturedOutput output) {
    String url =
        "postgres://earshot_app@localhost:%d/missing".formatted(TestDatabase.server().port());
    assertThatThrownBy(() -> start("DATABASE_URL=" + url))
        .rootCause()
        .isInstanceOf(PSQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "3D000");
    assertThat(output).contains("has no such database");
  }

  @Test
  void shouldReadDatabaseUrlsAsHostingPlatformsGiveThem() {
    ConnectionSettings.ParsedUrl parsed =
        ConnectionSettings.parse("postgres://app:p%40ss@db.internal:6543/earshot?sslmode=require");
    assertThat(parsed.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/earshot?sslmode=require");
    assertThat(parsed.login()).isEqualTo(new ConnectionSettings.Login("app", "p@ss"));

    assertThatThrownBy(() -> ConnectionSettings.parse("mysql://app@db/earshot"))
        .isInstanceOf(DatabaseStartupException.class)
        .hasMessageContaining("must start with postgres://");
    assertThatThrownBy(() -> ConnectionSettings.parse("postgres://app@db"))
        .hasMessageContaining("needs a host and a database name");
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(EarshotApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  private static <T> T inTransaction(
      ConfigurableApplicationContext context,
      CurrentUser user,
      java.util.function.Function<JdbcClient, T> work) {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    TransactionTemplate transaction =
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    return DatabaseContext.callAs(user, () -> transaction.execute(status -> work.apply(jdbc)));
  }
}
