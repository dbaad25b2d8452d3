package com.earshot.insights.dashboard;

import static com.earshot.insights.dashboard.Counts.columns;
import static com.earshot.insights.dashboard.Counts.percent;
import static com.earshot.insights.dashboard.Counts.percentText;
import static com.earshot.insights.dashboard.Counts.percentValue;
import static com.earshot.insights.dashboard.Counts.ratings;

import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.RatingColumn;
import com.earshot.insights.dashboard.Dashboard.RatingResult;
import com.earshot.insights.dashboard.Dashboard.Share;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.PairTally;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A rating question's results: per agent the mean with its 95% interval and how many gave 1 … 5,
 * their charts, and in an A/B test whether one agent is rated higher and whether the order
 * mattered.
 */
final class RatingResults {

  private RatingResults() {}

  static RatingResult of(
      Playground playground, Question question, List<AnswerTally> tallies, List<PairTally> pairs) {
    List<Column> columns = columns(playground, question, tallies);
    List<RatingColumn> ratingColumns = new ArrayList<>();
    List<SortedMap<Double, Long>> byModel = new ArrayList<>();
    for (Column column : columns) {
      SortedMap<Double, Long> counts = ratings(tallies, t -> t.model() == column.key());
      byModel.add(counts);
      List<Share> distribution = new ArrayList<>();
      for (int value = 1; value <= 5; value++) {
        long count = counts.getOrDefault((double) value, 0L);
        distribution.add(new Share(count, percent(count, column.n())));
      }
      ratingColumns.add(new RatingColumn(column, Statistics.meanRating(counts), distribution));
    }
    Chart intervals =
        Chart.intervals(
            "Mean rating of “" + question.text() + "” with its 95% confidence interval",
            columns.stream()
                .map(c -> new Chart.Series(c.key(), c.key().letter() + " · " + c.name()))
                .toList(),
            ratingColumns.stream().mapToDouble(c -> c.mean().mean()).toArray(),
            ratingColumns.stream()
                .map(c -> new double[] {c.mean().low(), c.mean().high()})
                .toArray(double[][]::new));
    List<double[]> values = new ArrayList<>();
    List<String[]> texts = new ArrayList<>();
    for (int value = 1; value <= 5; value++) {
      int v = value - 1;
      values.add(
          ratingColumns.stream()
              .mapToDouble(c -> percentValue(c.distribution().get(v).percent()))
              .toArray());
      texts.add(
          ratingColumns.stream()
              .map(
                  c ->
                      percentText(c.distribution().get(v).percent())
                          + " ("
                          + c.distribution().get(v).count()
                          + ")")
              .toArray(String[]::new));
    }
    Chart distribution =
        Chart.horizontal(
            "How many gave each rating to “" + question.text() + "”, in percent",
            List.of("1", "2", "3", "4", "5"),
            columns.stream().map(c -> new Chart.Series(c.key(), c.key().letter())).toList(),
            values,
            texts);
    TestResult result = null;
    Comparison comparison = null;
    Comparison order = null;
    if (columns.size() == 2) {
      SortedMap<Double, Long> differences = new TreeMap<>();
      pairs.stream()
          .filter(pair -> pair.question().equals(question.id()))
          .forEach(pair -> differences.merge((double) pair.difference(), pair.pairs(), Long::sum));
      long paired = differences.values().stream().mapToLong(Long::longValue).sum();
      // Paired when most ratings have their pair: the same tester rated both agents in a round.
      result =
          paired > 0 && paired * 2 >= Math.min(columns.get(0).n(), columns.get(1).n())
              ? Statistics.compareRatingsPaired(differences)
              : Statistics.compareRatings(byModel.get(0), byModel.get(1));
      comparison = Verdicts.ratings(result, ratingColumns, null);
      order =
          Verdicts.orderEffect(
              Statistics.compareRatings(
                  ratings(tallies, t -> t.position() == 1),
                  ratings(tallies, t -> t.position() == 2)),
              "ratings");
    }
    return new RatingResult(
        question, ratingColumns, intervals, distribution, result, comparison, order);
  }
}
