package com.earshot.insights.dashboard;

import static com.earshot.insights.dashboard.Counts.columns;
import static com.earshot.insights.dashboard.Counts.count;
import static com.earshot.insights.dashboard.Counts.percentText;

import com.earshot.insights.dashboard.Dashboard.ChoiceResult;
import com.earshot.insights.dashboard.Dashboard.ChoiceRow;
import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.Share;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A choice question's results: each option's share per agent (as {@code question_metrics} has
 * them), its chart, and in an A/B test whether the agents' answers differ and whether the order
 * did.
 */
final class ChoiceResults {

  private ChoiceResults() {}

  static ChoiceResult of(
      Playground playground, Question question, List<AnswerTally> tallies, List<OptionCount> all) {
    List<Column> columns = columns(playground, question, tallies);
    Map<String, String> labels = new LinkedHashMap<>();
    question.options().forEach(option -> labels.put(option.value(), option.label()));
    tallies.stream()
        .map(AnswerTally::value)
        .filter(Objects::nonNull)
        .forEach(value -> labels.putIfAbsent(value, value));
    List<ChoiceRow> rows = new ArrayList<>();
    labels.forEach(
        (value, label) ->
            rows.add(
                new ChoiceRow(
                    label,
                    value,
                    columns.stream()
                        .map(
                            column ->
                                all.stream()
                                    .filter(
                                        count ->
                                            count.question().equals(question.id())
                                                && count.model() == column.key()
                                                && count.value().equals(value))
                                    .findFirst()
                                    .map(count -> new Share(count.count(), count.percentage()))
                                    .orElse(new Share(0, column.n() == 0 ? null : BigDecimal.ZERO)))
                        .toList())));
    Chart chart =
        Chart.horizontal(
            "Answers to “" + question.text() + "”, per agent, in percent of its answers",
            rows.stream().map(ChoiceRow::label).toList(),
            columns.stream()
                .map(column -> new Chart.Series(column.key(), column.key().letter()))
                .toList(),
            rows.stream()
                .map(
                    row ->
                        row.shares().stream()
                            .mapToDouble(s -> s.percent() == null ? 0 : s.percent().doubleValue())
                            .toArray())
                .toList(),
            rows.stream()
                .map(
                    row ->
                        row.shares().stream()
                            .map(s -> percentText(s.percent()) + " (" + s.count() + ")")
                            .toArray(String[]::new))
                .toList());
    TestResult test = null;
    Comparison comparison = null;
    Comparison order = null;
    if (columns.size() == 2) {
      long[][] table =
          rows.stream()
              .map(row -> new long[] {row.shares().get(0).count(), row.shares().get(1).count()})
              .toArray(long[][]::new);
      test = Statistics.compareChoices(table);
      comparison = Verdicts.choices(test, rows, columns, null);
      long[][] byPosition =
          labels.keySet().stream()
              .map(
                  value ->
                      new long[] {
                        count(tallies, t -> value.equals(t.value()) && t.position() == 1),
                        count(tallies, t -> value.equals(t.value()) && t.position() == 2)
                      })
              .toArray(long[][]::new);
      order = Verdicts.orderEffect(Statistics.compareChoices(byPosition), "answers");
    }
    return new ChoiceResult(question, columns, rows, chart, test, comparison, order);
  }
}
