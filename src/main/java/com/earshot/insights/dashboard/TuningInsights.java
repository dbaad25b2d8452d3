package com.earshot.insights.dashboard;

import static com.earshot.insights.dashboard.Counts.count;
import static com.earshot.insights.dashboard.Counts.percent;
import static com.earshot.insights.dashboard.Counts.ratings;

import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.Share;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.MeanInterval;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.ModelKey;
import com.earshot.playground.ModelVersion;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a tuning playground's Insights lead with: the current configuration version against the one
 * before (sessions, each rating's mean with its interval and whether it changed, each choice's
 * answers side by side), and the trend of every rating across the versions, in order. Each version
 * is named as it was named then.
 */
final class TuningInsights {

  private TuningInsights() {}

  /**
   * The lead of a tuning playground's dashboard, or null for an A/B test.
   *
   * @param answers and {@code sessions}: those that count (the left-out ones subtracted)
   */
  static TuningLead of(
      Playground playground,
      List<ModelVersion> versions,
      List<AnswerTally> answers,
      List<SessionTally> sessions) {
    if (playground.models().size() != 1) {
      return null;
    }
    ModelConfiguration model = playground.models().get(0);
    int current = model.configurationVersion();
    Map<Integer, String> names = new LinkedHashMap<>();
    versions.stream()
        .filter(v -> v.key() == model.key())
        .forEach(v -> names.put(v.configurationVersion(), v.label()));
    VersionColumn now = column(current, names, sessions);
    VersionColumn before = current > 1 ? column(current - 1, names, sessions) : null;
    List<RatingLine> ratingLines = new ArrayList<>();
    List<ChoiceLine> choiceLines = new ArrayList<>();
    for (Question q : playground.questions()) {
      if (q.type() == QuestionType.RATING) {
        MeanInterval mean = mean(answers, q, current);
        MeanInterval earlier = before == null ? null : mean(answers, q, before.version());
        Comparison change =
            before == null
                ? null
                : Verdicts.versionChange(
                    q,
                    before.version(),
                    current,
                    Statistics.compareRatings(
                        ratingsOf(answers, q, before.version()), ratingsOf(answers, q, current)));
        ratingLines.add(new RatingLine(q, earlier, mean, change));
      } else if (q.type() == QuestionType.SELECT) {
        choiceLines.add(choiceLine(q, answers, before, now));
      }
    }
    TreeSet<Integer> evaluated =
        sessions.stream()
            .filter(s -> s.submitted() > 0)
            .map(SessionTally::version)
            .collect(Collectors.toCollection(TreeSet::new));
    evaluated.add(current);
    List<Question> rated =
        playground.questions().stream().filter(q -> q.type() == QuestionType.RATING).toList();
    List<TrendRow> trend =
        evaluated.stream()
            .map(
                v ->
                    new TrendRow(
                        column(v, names, sessions),
                        rated.stream().map(q -> mean(answers, q, v)).toList()))
            .toList();
    List<Chart> trendCharts =
        rated.stream()
            .map(
                q ->
                    Chart.intervals(
                        "Mean rating of “" + q.text() + "” per version, with its 95% interval",
                        trend.stream()
                            .map(row -> new Chart.Series(ModelKey.MODEL_A, row.version().label()))
                            .toList(),
                        trend.stream()
                            .mapToDouble(row -> row.means().get(rated.indexOf(q)).mean())
                            .toArray(),
                        trend.stream()
                            .map(
                                row -> {
                                  MeanInterval m = row.means().get(rated.indexOf(q));
                                  return new double[] {m.low(), m.high()};
                                })
                            .toArray(double[][]::new)))
            .toList();
    return new TuningLead(now, before, ratingLines, choiceLines, rated, trend, trendCharts);
  }

  /**
   * The option counts of the answers given (for the dashboard's choice results of one version), as
   * {@code question_metrics} counts them over every version.
   */
  static List<OptionCount> optionCounts(List<AnswerTally> answers) {
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    Map<List<Object>, Long> totals = new LinkedHashMap<>();
    answers.stream()
        .filter(t -> t.value() != null)
        .forEach(
            t -> {
              counts.merge(List.of(t.question(), t.model(), t.value()), t.answers(), Long::sum);
              totals.merge(List.of(t.question(), t.model()), t.answers(), Long::sum);
            });
    List<OptionCount> options = new ArrayList<>();
    counts.forEach(
        (key, n) ->
            options.add(
                new OptionCount(
                    (UUID) key.get(0),
                    (ModelKey) key.get(1),
                    (String) key.get(2),
                    n,
                    percent(n, totals.get(List.of(key.get(0), key.get(1)))))));
    return options;
  }

  private static VersionColumn column(
      int version, Map<Integer, String> names, List<SessionTally> sessions) {
    return new VersionColumn(
        version,
        names.getOrDefault(version, "v" + version),
        sessions.stream()
            .filter(s -> s.version() == version)
            .mapToLong(SessionTally::submitted)
            .sum());
  }

  private static MeanInterval mean(List<AnswerTally> answers, Question q, int version) {
    return Statistics.meanRating(ratingsOf(answers, q, version));
  }

  private static java.util.SortedMap<Double, Long> ratingsOf(
      List<AnswerTally> answers, Question q, int version) {
    return ratings(answers, t -> t.question().equals(q.id()) && t.version() == version);
  }

  private static ChoiceLine choiceLine(
      Question q, List<AnswerTally> answers, VersionColumn before, VersionColumn now) {
    List<AnswerTally> of = answers.stream().filter(t -> t.question().equals(q.id())).toList();
    long nowTotal = count(of, t -> t.version() == now.version());
    long beforeTotal = before == null ? 0 : count(of, t -> t.version() == before.version());
    List<ChoiceRow> rows =
        q.options().stream()
            .map(
                option -> {
                  long nowCount =
                      count(
                          of,
                          t -> t.version() == now.version() && option.value().equals(t.value()));
                  long beforeCount =
                      before == null
                          ? 0
                          : count(
                              of,
                              t ->
                                  t.version() == before.version()
                                      && option.value().equals(t.value()));
                  return new ChoiceRow(
                      option.label(),
                      option.value(),
                      before == null
                          ? null
                          : new Share(beforeCount, percent(beforeCount, beforeTotal)),
                      new Share(nowCount, percent(nowCount, nowTotal)));
                })
            .toList();
    return new ChoiceLine(q, beforeTotal, nowTotal, rows);
  }

  /** The lead: the current version, the one before (null for version 1), and the trend. */
  record TuningLead(
      VersionColumn current,
      VersionColumn previous,
      List<RatingLine> ratings,
      List<ChoiceLine> choices,
      List<Question> ratingQuestions,
      List<TrendRow> trend,
      List<Chart> trendCharts) {}

  /**
   * A version as a column: its number, its label as named then ("v2 · Warm voice"), and its
   * submitted sessions that count.
   */
  record VersionColumn(int version, String label, long sessions) {}

  /**
   * @param previous null without a version before
   * @param change whether it changed from the version before, null without one
   */
  record RatingLine(
      Question question, MeanInterval previous, MeanInterval current, Comparison change) {}

  record ChoiceLine(Question question, long previousN, long currentN, List<ChoiceRow> rows) {}

  /** An option's answers in each version; {@code previous} null without a version before. */
  record ChoiceRow(String label, String value, Share previous, Share current) {}

  /** A version's mean of each rating question, in the order of {@code ratingQuestions}. */
  record TrendRow(VersionColumn version, List<MeanInterval> means) {}
}
