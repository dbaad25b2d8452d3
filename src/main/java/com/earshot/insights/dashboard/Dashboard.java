package com.earshot.insights.dashboard;

import com.earshot.insights.review.CallInsights;
import com.earshot.insights.review.LeftOut;
import com.earshot.insights.statistics.Statistics.MeanInterval;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.platform.web.Percent;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything the dashboard page shows about one playground, computed. Every statistic counts the
 * submitted sessions that count: those {@code leftOut} names are subtracted unless the page was
 * asked to include them; the models' progress towards their limits counts every submitted session
 * (the limit counts testers' effort). In tuning, {@code tuning} leads with the current version
 * against the one before, and the question results are the current version's alone.
 */
record Dashboard(
    Playground playground,
    Headline headline,
    List<ChoiceResult> choices,
    List<RatingResult> ratings,
    List<TextResult> texts,
    Activity activity,
    List<VersionHistory> versions,
    LeftOut leftOut,
    CallInsights calls,
    TuningInsights.TuningLead tuning,
    Study study) {

  public boolean isAbTest() {
    return playground.models().size() == 2;
  }

  public boolean hasAnswers() {
    return headline.answers() > 0;
  }

  /** The headline numbers: from {@code playground_metrics}, with each model's limit. */
  record Headline(
      long testers,
      long answers,
      long submitted,
      long open,
      long abandoned,
      LocalDateTime lastActivity,
      List<Progress> models) {

    /** Of the sessions that ended, the share never submitted (open ones may still be). */
    public BigDecimal dropOutPercent() {
      return Percent.of(abandoned, submitted + abandoned);
    }
  }

  /**
   * @param trouble what went wrong with this model's widget and calls
   */
  record Progress(ModelKey key, String name, long submitted, Integer limit, Trouble trouble) {

    public int percent() {
      return limit == null || limit == 0 ? 0 : (int) Math.min(100, submitted * 100 / limit);
    }
  }

  /**
   * A model's sessions that went wrong: given back by the tester, with a problem they reported, or
   * whose widget the tester's page found would not load.
   */
  record Trouble(long givenBack, long problems, long widgetFailures) {

    static final Trouble NONE = new Trouble(0, 0, 0);
  }

  /** A model as a column of the results: its letter, its name, how many answered. */
  record Column(ModelKey key, String name, long n) {

    /** The CSS class of this model's marks, as on every chart. */
    public String style() {
      return Chart.styleOf(key);
    }
  }

  /** A count and its share of its column (null: the column has no answers). */
  record Share(long count, BigDecimal percent) {}

  /**
   * A test between the models (or the positions) in words, with the test, sample sizes and effect
   * size always named.
   */
  record Comparison(String sentence, String method, boolean significant) {}

  /**
   * @param test the test between the agents (null with fewer than two), which {@code comparison}
   *     says in words
   */
  record ChoiceResult(
      Question question,
      List<Column> columns,
      List<ChoiceRow> rows,
      Chart chart,
      TestResult test,
      Comparison comparison,
      Comparison orderEffect) {

    ChoiceResult judged(Verdicts.Correction correction) {
      return new ChoiceResult(
          question,
          columns,
          rows,
          chart,
          test,
          Verdicts.choices(test, rows, columns, correction),
          orderEffect);
    }
  }

  record ChoiceRow(String label, String value, List<Share> shares) {}

  record RatingResult(
      Question question,
      List<RatingColumn> columns,
      Chart intervals,
      Chart distribution,
      TestResult test,
      Comparison comparison,
      Comparison orderEffect) {

    RatingResult judged(Verdicts.Correction correction) {
      return judged(Verdicts.ratings(test, columns, correction));
    }

    RatingResult judged(Comparison verdict) {
      return new RatingResult(
          question, columns, intervals, distribution, test, verdict, orderEffect);
    }
  }

  /** A model's ratings of a question: mean with its 95% interval, and how many gave 1 … 5. */
  record RatingColumn(Column column, MeanInterval mean, List<Share> distribution) {}

  record TextResult(Question question, List<Column> columns) {}

  /** Submitted sessions per day and model. */
  record Activity(List<Column> columns, List<ActivityDay> days, Chart chart) {}

  record ActivityDay(LocalDate day, List<Long> submitted) {}

  /** A model's configuration versions: what each did, and whether the latest helped. */
  record VersionHistory(
      Column model,
      List<Question> ratingQuestions,
      List<Question> choiceQuestions,
      List<VersionRow> versions,
      List<Comparison> changes,
      List<DayRow> days) {}

  record VersionRow(
      int version,
      LocalDate from,
      LocalDate to,
      long sessions,
      List<MeanInterval> ratings,
      List<String> choices) {}

  /**
   * One day of one model: its versions that day, sessions, and the mean of each rating question.
   */
  record DayRow(LocalDate day, String versions, long sessions, List<DayMean> ratings) {}

  /**
   * A day's mean rating and how many gave it: a day is read as a trend, not tested, so it has no
   * interval (thirty days of bootstrap draws would be most of the page's work).
   */
  record DayMean(long n, double mean) {

    static DayMean of(SortedMap<Double, Long> counts) {
      long n = 0;
      double sum = 0;
      for (Map.Entry<Double, Long> entry : counts.entrySet()) {
        n += entry.getValue();
        sum += entry.getKey() * entry.getValue();
      }
      return new DayMean(n, n == 0 ? Double.NaN : sum / n);
    }
  }
}
