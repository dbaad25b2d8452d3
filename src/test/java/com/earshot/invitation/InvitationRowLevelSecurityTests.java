package com.earshot.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.DatabaseContext;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations at the database level, as the runtime role through the app's own pool and
 * transactions: only the playground's admin reads or writes them; another admin, a tester (even the
 * invitee) and nobody see none. The invitee learns only that they were invited, a yes or no.
 */
@EarshotTest
class InvitationRowLevelSecurityTests {

  private static final String COUNT = "SELECT count(*) FROM invitations WHERE playground_id = ?";
  private static final String INSERT =
      "INSERT INTO invitations (playground_id, email, invited_by) VALUES (?, ?, ?)";

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;

  final Fixtures fixtures = new Fixtures();

  Person owner;
  Person otherAdmin;
  Person invitee;
  Person stranger;
  UUID playground;

  @BeforeEach
  void world() {
    owner = fixtures.adminPerson("owner");
    otherAdmin = fixtures.adminPerson("other");
    invitee = fixtures.testerPerson("invitee");
    stranger = fixtures.testerPerson("stranger");
    playground = fixtures.abPlayground(owner.id());
    fixtures
        .jdbc()
        .sql("INSERT INTO invitations (playground_id, email, invited_by) VALUES (?, ?, ?)")
        .params(playground, invitee.email(), owner.id())
        .update();
  }

  @Test
  void shouldShowAPlaygroundsInvitationsToItsAdminOnly() {
    assertThat(countAs(owner)).isOne();
    assertThat(countAs(otherAdmin)).isZero();
    assertThat(countAs(invitee)).as("not even the invitee").isZero();
    Long nobody =
        new TransactionTemplate(transactionManager)
            .execute(
                status ->
                    JdbcClient.create(dataSource)
                        .sql(COUNT)
                        .param(playground)
                        .query(Long.class)
                        .single());
    assertThat(nobody).as("nobody signed in").isZero();
  }

  @Test
  void shouldLetNobodyButItsAdminWriteAPlaygroundsInvitations() {
    for (Person intruder : List.of(otherAdmin, invitee)) {
      assertThatThrownBy(
              () ->
                  updateAs(intruder, INSERT, playground, Fixtures.uniqueEmail("x"), intruder.id()))
          .as("an insert by %s", intruder.email())
          .isInstanceOf(DataAccessException.class)
          .hasStackTraceContaining("row-level security");
      assertThat(
              updateAs(
                  intruder,
                  "UPDATE invitations SET times_sent = 9 WHERE playground_id = ?",
                  playground))
          .isZero();
    }
    assertThat(updateAs(owner, INSERT, playground, Fixtures.uniqueEmail("y"), owner.id())).isOne();
    assertThatThrownBy(
            () -> updateAs(owner, "DELETE FROM invitations WHERE playground_id = ?", playground))
        .as("an invitation stays on record")
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("permission denied");
  }

  @Test
  void shouldTellAnInviteeOnlyThatTheyWereInvited() {
    assertThat(invitedAs(invitee)).isTrue();
    assertThat(invitedAs(stranger)).isFalse();
  }

  private long countAs(Person person) {
    Long count = as(person, db -> db.sql(COUNT).param(playground).query(Long.class).single());
    return count;
  }

  private int updateAs(Person person, String sql, Object... params) {
    Integer rows = as(person, db -> db.sql(sql).params(params).update());
    return rows;
  }

  private boolean invitedAs(Person person) {
    Boolean invited =
        as(person, db -> db.sql("SELECT app_has_invitation()").query(Boolean.class).single());
    return invited;
  }

  private <T> T as(Person person, Function<JdbcClient, T> work) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    return DatabaseContext.callAs(
        person.current(), () -> transaction.execute(status -> work.apply(jdbc)));
  }
}
