package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.NotFoundException;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PreferenceInsights#tally}: the preferences by model, ties and position met, in one
 * aggregate, without the rounds whose sessions the statistics leave out, for the owning admin only.
 */
@EarshotTest
class PreferenceTallyTests {

  @Autowired PreferenceInsights insights;
  @Autowired JdbcClient appJdbc;
  @Autowired PlatformTransactionManager transactions;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldCountByModelAndByPositionAndLeaveOutTheRoundsOfExcludedSessions() {
    Person admin = fixtures.adminPerson("tally");
    UUID playground = fixtures.abPlayground(admin.id());
    round(playground, "model_a", "first", 1); // A, met first
    round(playground, "model_b", "first", 1); // B, met first
    round(playground, "model_a", "second", 1); // B, met second
    round(playground, "model_b", "both_good", 1);
    round(playground, "model_a", "both_bad", 1);
    UUID tester = fixtures.tester("tally-two-rounds");
    LocalDateTime at = LocalDateTime.of(2026, 11, 21, 10, 0);
    fixtures.completeRound(playground, tester, "model_a", 1, at);
    fixtures.preference(playground, tester, 1, "first", "model_a", null); // A, met first
    List<UUID> excluded = fixtures.completeRound(playground, tester, "model_b", 2, at.plusHours(1));
    fixtures.preference(playground, tester, 2, "second", "model_b", null); // A, met second
    exclude(playground, excluded.get(1), admin);
    UUID elsewhere = fixtures.abPlayground(admin.id());
    round(elsewhere, "model_a", "first", 1);

    PreferenceTally counted = admin.call(() -> insights.tally(playground, false));
    PreferenceTally included = admin.call(() -> insights.tally(playground, true));

    assertThat(counted).isEqualTo(new PreferenceTally(2, 2, 1, 1, 3, 1, 1));
    assertThat(counted.decisive()).isEqualTo(4);
    assertThat(counted.total()).isEqualTo(6);
    assertThat(included).isEqualTo(new PreferenceTally(3, 2, 1, 1, 3, 2, 0));
  }

  @Test
  void shouldCountNothingForAPlaygroundWithoutPreferencesAndRefuseAnotherAdmin() {
    Person admin = fixtures.adminPerson("tally-empty");
    Person other = fixtures.adminPerson("tally-other");
    UUID playground = fixtures.abPlayground(admin.id());
    round(playground, "model_a", "first", 1);
    UUID empty = fixtures.abPlayground(admin.id());

    assertThat(admin.call(() -> insights.tally(empty, false))).isEqualTo(PreferenceTally.NONE);
    assertThatThrownBy(() -> other.call(() -> insights.tally(playground, false)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void shouldTallyEveryVoteOnceWhenTestersVoteAtTheSameTime() throws Exception {
    Person admin = fixtures.adminPerson("tally-race");
    UUID playground = fixtures.abPlayground(admin.id());
    List<String> verdicts = List.of("first", "second", "both_good", "both_bad");
    List<UUID> testers =
        IntStream.range(0, 48).mapToObj(i -> fixtures.tester("tally-race-" + i)).toList();
    for (int i = 0; i < testers.size(); i++) {
      fixtures.completeRound(
          playground,
          testers.get(i),
          i / 4 % 2 == 0 ? "model_a" : "model_b",
          1,
          LocalDateTime.of(2026, 11, 20, 10, 0));
    }

    // each tester votes as themselves, through the app's role under row-level security, 8 at once
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> votes =
          IntStream.range(0, testers.size())
              .mapToObj(i -> pool.submit(() -> vote(playground, testers.get(i), verdicts, i)))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> vote : votes) {
        vote.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(
            fixtures
                .jdbc()
                .sql(
                    """
                    SELECT count(*) FROM (
                      (SELECT verdict, first_model_key, preferred_model_key, votes
                       FROM preference_tallies WHERE playground_id = :p
                       EXCEPT ALL
                       SELECT verdict, first_model_key, preferred_model_key, count(*)
                       FROM preferences WHERE playground_id = :p GROUP BY 1, 2, 3)
                      UNION ALL
                      (SELECT verdict, first_model_key, preferred_model_key, count(*)
                       FROM preferences WHERE playground_id = :p GROUP BY 1, 2, 3
                       EXCEPT ALL
                       SELECT verdict, first_model_key, preferred_model_key, votes
                       FROM preference_tallies WHERE playground_id = :p)) d
                    """)
                .param("p", playground)
                .query(Long.class)
                .single())
        .isZero();
    // 48 testers, the verdicts in turn, A met first by four testers then B by four: 12 of each
    // verdict, and of each 12, 6 met A first
    assertThat(admin.call(() -> insights.tally(playground, false)))
        .isEqualTo(new PreferenceTally(12, 12, 12, 12, 12, 12, 0));
  }

  @Test
  void shouldShowTheTallyOnlyToTheOwningAdminAndLetNoOneWriteIt() {
    Person admin = fixtures.adminPerson("tally-rls");
    Person other = fixtures.adminPerson("tally-rls-other");
    UUID playground = fixtures.abPlayground(admin.id());
    round(playground, "model_a", "first", 1);
    UUID tester = fixtures.tester("tally-rls-tester");

    String sql = "SELECT count(*) FROM preference_tallies WHERE playground_id = ?";
    assertThat(asUser(admin.id(), true, sql, playground)).isOne();
    assertThat(asUser(other.id(), true, sql, playground)).isZero();
    assertThat(asUser(tester, false, sql, playground)).isZero();
    assertThatThrownBy(
            () ->
                asUser(
                    admin.id(),
                    true,
                    "WITH w AS (UPDATE preference_tallies SET votes = 100 WHERE playground_id = ?"
                        + " RETURNING 1) SELECT count(*) FROM w",
                    playground))
        .rootCause()
        .hasMessageContaining("permission denied");
  }

  private void vote(UUID playground, UUID tester, List<String> verdicts, int i) {
    String verdict = verdicts.get(i % 4);
    String first = i / 4 % 2 == 0 ? "model_a" : "model_b";
    String preferred = Fixtures.preferredModel(verdict, first);
    DatabaseContext.callAs(
        CurrentUser.of(tester, fixtures.emailOf(tester), false),
        () ->
            new TransactionTemplate(transactions)
                .execute(
                    status ->
                        appJdbc
                            .sql(
                                """
                                INSERT INTO preferences (playground_id, user_id, round_number,
                                    verdict, preferred_model_key, first_model_key)
                                VALUES (?, ?, 1, ?, ?, ?)
                                """)
                            .params(playground, tester, verdict, preferred, first)
                            .update()));
  }

  private long asUser(UUID user, boolean admin, String sql, UUID playground) {
    return DatabaseContext.callAs(
        CurrentUser.of(user, fixtures.emailOf(user), admin),
        () ->
            new TransactionTemplate(transactions)
                .execute(status -> appJdbc.sql(sql).param(playground).query(Long.class).single()));
  }

  /** A new tester's complete round 1 and its preference. */
  private void round(UUID playground, String first, String verdict, int round) {
    UUID tester = fixtures.tester("tally-" + verdict);
    fixtures.completeRound(playground, tester, first, round, LocalDateTime.of(2026, 11, 20, 10, 0));
    fixtures.preference(playground, tester, round, verdict, first, null);
  }

  private void exclude(UUID playground, UUID session, Person admin) {
    fixtures
        .jdbc()
        .sql(
            """
            INSERT INTO session_exclusions (session_id, playground_id, decision, reason, decided_by)
            VALUES (?, ?, 'excluded', 'test', ?)
            """)
        .params(session, playground, admin.id())
        .update();
  }
}
