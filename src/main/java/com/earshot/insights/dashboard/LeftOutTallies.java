package com.earshot.insights.dashboard;

import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.Metrics;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.dashboard.Tallies.PairTally;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.review.LeftOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the sessions left out of the statistics added to the tallies (V16), as V34's triggers keep
 * it, so that the tallies minus it are the tallies of the sessions that count: a few rows, however
 * many sessions are left out.
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

  /** The left-out sessions' share as V34 keeps it, or {@link Contribution#NONE}. */
  Contribution of(UUID playground, LeftOut leftOut) {
    if (!leftOut.subtracts()) {
      return Contribution.NONE;
    }
    List<AnswerTally> answers =
        jdbc.sql(
                """
                SELECT question_id, model_key, configuration_version, position, day, answer_value,
                       rating, answers
                FROM left_out_answer_tallies WHERE playground_id = ? AND answers <> 0
                """)
            .param(playground)
            .query(Tallies::answerTally)
            .list();
    List<SessionTally> sessions =
        jdbc.sql(
                """
                SELECT model_key, configuration_version, position, day, submitted
                FROM left_out_session_tallies WHERE playground_id = ? AND submitted <> 0
                """)
            .param(playground)
            .query(Tallies::sessionTally)
            .list();
    List<PairTally> pairs =
        jdbc.sql(
                """
                SELECT question_id, difference, sum(pairs) AS pairs
                FROM left_out_pair_tallies WHERE playground_id = ? AND pairs <> 0
                GROUP BY 1, 2
                """)
            .param(playground)
            .query(Tallies::pairTally)
            .list();
    long testers =
        Objects.requireNonNull(
            jdbc.sql("SELECT count(*) FROM left_out_testers WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single());
    return new Contribution(answers, sessions, pairs, testers);
  }
}
