package com.earshot.insights.dashboard;

import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.Metrics;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.dashboard.Tallies.PairTally;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the sessions left out of the statistics added to the tallies (V16), computed from their own
 * rows exactly as the tally triggers computed it, so that the tallies minus it are the tallies of
 * the sessions that count. It reads only the sessions left out (and, for testers and rating pairs,
 * their neighbours), however many a playground has.
 */
@Repository
class LeftOutTallies {

  /** The left-out sessions' share of each tally; {@code testers}: testers with no other answers. */
  record Contribution(
      List<AnswerTally> answers, List<SessionTally> sessions, List<PairTally> pairs, long testers) {

    static final Contribution NONE = new Contribution(List.of(), List.of(), List.of(), 0);

    Metrics from(Metrics metrics) {
      return new Metrics(
          metrics.testers() - testers,
          metrics.answers() - answers.stream().mapToLong(AnswerTally::answers).sum(),
          metrics.submitted() - sessions.stream().mapToLong(SessionTally::submitted).sum(),
          metrics.open(),
          metrics.abandoned(),
          metrics.lastActivity());
    }

    List<AnswerTally> from(List<AnswerTally> tallies) {
      Map<AnswerTally, Long> removed = new HashMap<>();
      answers.forEach(a -> removed.merge(key(a), a.answers(), Long::sum));
      List<AnswerTally> left = new ArrayList<>();
      for (AnswerTally t : tallies) {
        long answers = t.answers() - removed.getOrDefault(key(t), 0L);
        if (answers > 0) {
          left.add(
              new AnswerTally(
                  t.question(),
                  t.model(),
                  t.version(),
                  t.position(),
                  t.day(),
                  t.value(),
                  t.rating(),
                  answers));
        }
      }
      return left;
    }

    List<SessionTally> fromSessions(List<SessionTally> tallies) {
      Map<List<Object>, Long> removed = new HashMap<>();
      sessions.forEach(s -> removed.merge(key(s), s.submitted(), Long::sum));
      List<SessionTally> left = new ArrayList<>();
      for (SessionTally t : tallies) {
        long submitted = t.submitted() - removed.getOrDefault(key(t), 0L);
        if (submitted > 0) {
          left.add(new SessionTally(t.model(), t.version(), t.position(), t.day(), submitted));
        }
      }
      return left;
    }

    List<PairTally> fromPairs(List<PairTally> tallies) {
      Map<List<Object>, Long> removed = new HashMap<>();
      pairs.forEach(
          p -> removed.merge(List.of(p.question(), p.difference()), p.pairs(), Long::sum));
      List<PairTally> left = new ArrayList<>();
      for (PairTally t : tallies) {
        long pairs = t.pairs() - removed.getOrDefault(List.of(t.question(), t.difference()), 0L);
        if (pairs > 0) {
          left.add(new PairTally(t.question(), t.difference(), pairs));
        }
      }
      return left;
    }

    /** question_metrics without the left-out answers, its percentages computed as it does. */
    List<OptionCount> fromOptions(List<OptionCount> counts) {
      Map<List<Object>, Long> removed = new HashMap<>();
      answers.stream()
          .filter(a -> a.value() != null)
          .forEach(
              a ->
                  removed.merge(
                      List.of(a.question(), a.model(), a.value()), a.answers(), Long::sum));
      Map<List<Object>, Long> totals = new HashMap<>();
      List<OptionCount> left = new ArrayList<>();
      for (OptionCount c : counts) {
        long count =
            c.count() - removed.getOrDefault(List.of(c.question(), c.model(), c.value()), 0L);
        left.add(new OptionCount(c.question(), c.model(), c.value(), count, null));
        totals.merge(List.of(c.question(), c.model()), count, Long::sum);
      }
      return left.stream()
          .map(
              c ->
                  new OptionCount(
                      c.question(),
                      c.model(),
                      c.value(),
                      c.count(),
                      Counts.percent(c.count(), totals.get(List.of(c.question(), c.model())))))
          .toList();
    }

    private static AnswerTally key(AnswerTally t) {
      return new AnswerTally(
          t.question(), t.model(), t.version(), t.position(), t.day(), t.value(), t.rating(), 0);
    }

    private static List<Object> key(SessionTally t) {
      return List.of(t.model(), t.version(), t.position(), t.day());
    }
  }

  private final JdbcClient jdbc;

  LeftOutTallies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Contribution of(UUID playground, List<UUID> leftOut) {
    if (leftOut.isEmpty()) {
      return Contribution.NONE;
    }
    UUID[] ids = leftOut.toArray(UUID[]::new);
    List<AnswerTally> answers =
        jdbc.sql(
                """
                SELECT e.question_id, e.model_key, s.configuration_version, s.position,
                       e.created_at::date AS day, e.answer_value, e.rating, count(*) AS answers
                FROM evaluations e JOIN evaluation_sessions s ON s.id = e.session_id
                WHERE e.session_id = ANY (?::uuid[]) AND e.playground_id = ?
                GROUP BY 1, 2, 3, 4, 5, 6, 7
                """)
            .params(ids, playground)
            .query(Tallies::answerTally)
            .list();
    List<SessionTally> sessions =
        jdbc.sql(
                """
                SELECT model_key, configuration_version, position, submitted_at::date AS day,
                       count(*) AS submitted
                FROM evaluation_sessions
                WHERE id = ANY (?::uuid[]) AND playground_id = ? AND status = 'submitted'
                GROUP BY 1, 2, 3, 4
                """)
            .params(ids, playground)
            .query(Tallies::sessionTally)
            .list();
    // A pair is counted when either of its sessions is left out: the second sessions of the
    // left-out sessions' pairs, with the pairs as V16 computes them.
    List<PairTally> pairs =
        jdbc.sql(
                """
                WITH seconds AS (
                  SELECT s.id FROM evaluation_sessions s
                  WHERE s.id = ANY (?::uuid[]) AND s.position = 2
                  UNION
                  SELECT s.id FROM evaluation_sessions f
                  JOIN evaluation_sessions s ON s.playground_id = f.playground_id
                                            AND s.user_id = f.user_id
                                            AND s.round_number = f.round_number
                                            AND s.position = 2
                  WHERE f.id = ANY (?::uuid[]) AND f.position = 1
                )
                SELECT n.question_id,
                       CASE WHEN n.model_key = 'model_b' THEN n.rating - f.rating
                            ELSE f.rating - n.rating END AS difference,
                       count(*) AS pairs
                FROM seconds
                JOIN evaluations n ON n.session_id = seconds.id
                JOIN evaluation_sessions second ON second.id = n.session_id
                JOIN evaluation_sessions first ON first.playground_id = second.playground_id
                                              AND first.user_id = second.user_id
                                              AND first.round_number = second.round_number
                                              AND first.position = 1
                                              AND first.status = 'submitted'
                JOIN evaluations f ON f.session_id = first.id AND f.question_id = n.question_id
                WHERE n.rating IS NOT NULL AND f.rating IS NOT NULL AND n.playground_id = ?
                GROUP BY 1, 2
                """)
            .params(ids, ids, playground)
            .query(Tallies::pairTally)
            .list();
    // A tester counts while any of their answers in the playground does. Each tester once, and
    // the left-out list as a hashed subplan: "<> ALL (list)" would compare every session with
    // every left-out id.
    long testers =
        Objects.requireNonNull(
            jdbc.sql(
                    """
                    SELECT count(*) FROM (
                      SELECT DISTINCT s.user_id FROM evaluation_sessions s
                      WHERE s.id = ANY (?::uuid[]) AND s.playground_id = ?
                        AND EXISTS (SELECT 1 FROM evaluations e WHERE e.session_id = s.id)) t
                    WHERE NOT EXISTS (
                      SELECT 1 FROM evaluation_sessions o
                      WHERE o.playground_id = ? AND o.user_id = t.user_id
                        AND o.id NOT IN (SELECT unnest(?::uuid[]))
                        AND EXISTS (SELECT 1 FROM evaluations oe WHERE oe.session_id = o.id))
                    """)
                .params(ids, playground, playground, ids)
                .query(Long.class)
                .single());
    return new Contribution(answers, sessions, pairs, testers);
  }
}
