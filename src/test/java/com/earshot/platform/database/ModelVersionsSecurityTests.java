package com.earshot.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The version history (V30) at the database, as the runtime role: only the playground's own admin
 * reads or adds versions, and nobody rewrites one.
 */
@EarshotTest
class ModelVersionsSecurityTests {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;

  final Fixtures fixtures = new Fixtures();

  UUID owner;
  UUID otherAdmin;
  UUID tester;
  UUID playground;

  @BeforeEach
  void aTuningPlaygroundWithTwoVersions() {
    owner = fixtures.admin("versions-rls-owner");
    otherAdmin = fixtures.admin("versions-rls-other");
    tester = fixtures.tester("versions-rls-tester");
    playground = fixtures.playground(owner, "tuning", true, null);
    fixtures
        .jdbc()
        .sql(
            "UPDATE model_configurations SET configuration_version = 2, model_name = 'v2' WHERE playground_id = ?")
        .param(playground)
        .update();
  }

  @Test
  void shouldShowTheVersionsToTheirOwnAdminOnly() {
    String count = "SELECT count(*) FROM model_versions WHERE playground_id = ?";
    assertThat(visibleTo(owner)).isEqualTo(2);
    assertThat(visibleTo(otherAdmin)).isZero();
    assertThat(visibleTo(tester))
        .as("a tester of the (public, active) playground never reads the admin's names")
        .isZero();
    assertThat(
            (long)
                new TransactionTemplate(transactionManager)
                    .execute(
                        s ->
                            JdbcClient.create(dataSource)
                                .sql(count)
                                .param(playground)
                                .query(Long.class)
                                .single()))
        .as("nobody signed in")
        .isZero();
  }

  @Test
  void shouldLetNoOtherAdminAddAVersionAndNobodyRewriteOne() {
    String insert =
        """
        INSERT INTO model_versions (playground_id, model_key, configuration_version, model_name, origin,
                                    change_note)
        VALUES (?, 'model_a', 3, 'forged', 'new_version', 'forged')
        """;
    assertThatThrownBy(() -> as(otherAdmin, jdbc -> jdbc.sql(insert).param(playground).update()))
        .rootCause()
        .hasMessageContaining("row-level security");
    assertThatThrownBy(() -> as(tester, jdbc -> jdbc.sql(insert).param(playground).update()))
        .rootCause()
        .hasMessageContaining("row-level security");
    assertThatThrownBy(
            () ->
                as(
                    owner,
                    jdbc ->
                        jdbc.sql(
                                "UPDATE model_versions SET model_name = 'rewritten' WHERE playground_id = ?")
                            .param(playground)
                            .update()))
        .rootCause()
        .hasMessageContaining("permission denied");
    assertThatThrownBy(
            () ->
                as(
                    owner,
                    jdbc ->
                        jdbc.sql("DELETE FROM model_versions WHERE playground_id = ?")
                            .param(playground)
                            .update()))
        .rootCause()
        .hasMessageContaining("permission denied");
    assertThat(this.<Integer>as(owner, jdbc -> jdbc.sql(insert).param(playground).update()))
        .as("its owner may")
        .isOne();
  }

  @Test
  void shouldGoWithItsPlaygroundWhenThatIsDeleted() {
    as(owner, jdbc -> jdbc.sql("DELETE FROM playgrounds WHERE id = ?").param(playground).update());

    assertThat(
            fixtures
                .jdbc()
                .sql("SELECT count(*) FROM model_versions WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single())
        .isZero();
  }

  private long visibleTo(UUID user) {
    return this.<Long>as(
        user,
        jdbc ->
            jdbc.sql("SELECT count(*) FROM model_versions WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single());
  }

  private <T> T as(UUID user, Function<JdbcClient, T> work) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    boolean admin =
        fixtures
            .jdbc()
            .sql("SELECT role = 'admin' FROM users WHERE id = ?")
            .param(user)
            .query(Boolean.class)
            .single();
    return DatabaseContext.callAs(
        CurrentUser.of(user, fixtures.emailOf(user), admin),
        () -> new TransactionTemplate(transactionManager).execute(status -> work.apply(jdbc)));
  }
}
