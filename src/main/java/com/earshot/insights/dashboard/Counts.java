package com.earshot.insights.dashboard;

import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Arithmetic on tallies, shared by the dashboard's results. */
final class Counts {

  private Counts() {}

  /** The answers in the tallies that {@code which} picks. */
  static long count(List<AnswerTally> tallies, Predicate<AnswerTally> which) {
    return tallies.stream().filter(which).mapToLong(AnswerTally::answers).sum();
  }

  /** How many gave each rating, of the tallies that {@code which} picks. */
  static SortedMap<Double, Long> ratings(List<AnswerTally> tallies, Predicate<AnswerTally> which) {
    SortedMap<Double, Long> counts = new TreeMap<>();
    tallies.stream()
        .filter(t -> t.rating() != null)
        .filter(which)
        .forEach(t -> counts.merge(t.rating().doubleValue(), t.answers(), Long::sum));
    return counts;
  }

  /** The models a question is asked about, with how many answered it. */
  static List<Column> columns(Playground playground, Question question, List<AnswerTally> tallies) {
    return playground.models().stream()
        .filter(model -> question.isAskedAbout(model.key()))
        .map(
            model ->
                new Column(
                    model.key(), model.name(), count(tallies, t -> t.model() == model.key())))
        .toList();
  }

  /** As {@code question_metrics} rounds it: two decimals, half away from zero. */
  static BigDecimal percent(long count, long total) {
    return total == 0
        ? null
        : BigDecimal.valueOf(count * 100)
            .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
  }

  static double percentValue(BigDecimal percent) {
    return percent == null ? 0 : percent.doubleValue();
  }

  static String percentText(BigDecimal percent) {
    return percent == null ? "—" : percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
