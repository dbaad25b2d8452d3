package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.platform.web.NotFoundException;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link PreferenceInsights#tally}: the preferences by model, ties and position met, in one
 * aggregate, without the rounds whose sessions the statistics leave out, for the owning admin only.
 */
@EarshotTest
class PreferenceTallyTests {

  @Autowired PreferenceInsights insights;

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
