package com.earshot.insights.dashboard;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;

import com.earshot.insights.dashboard.Dashboard.Activity;
import com.earshot.insights.dashboard.Dashboard.ActivityDay;
import com.earshot.insights.dashboard.Dashboard.ChoiceResult;
import com.earshot.insights.dashboard.Dashboard.ChoiceRow;
import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.DayRow;
import com.earshot.insights.dashboard.Dashboard.Headline;
import com.earshot.insights.dashboard.Dashboard.Progress;
import com.earshot.insights.dashboard.Dashboard.RatingColumn;
import com.earshot.insights.dashboard.Dashboard.RatingResult;
import com.earshot.insights.dashboard.Dashboard.Share;
import com.earshot.insights.dashboard.Dashboard.TextResult;
import com.earshot.insights.dashboard.Dashboard.Trouble;
import com.earshot.insights.dashboard.Dashboard.VersionHistory;
import com.earshot.insights.dashboard.Dashboard.VersionRow;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.Metrics;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.dashboard.Tallies.PairTally;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a playground's dashboard from its tallies: distributions, means with intervals, the tests
 * between the agents and their order, activity, and the history of configuration versions.
 */
@Service
class DashboardService {

  /** Below this p-value a difference is called real. */
  static final double SIGNIFICANCE = 0.05;

  private final PlaygroundCatalog playgrounds;
  private final Tallies tallies;

  DashboardService(PlaygroundCatalog playgrounds, Tallies tallies) {
    this.playgrounds = playgrounds;
    this.tallies = tallies;
  }

  /** The dashboard of one of the current admin's playgrounds; anything else is not found. */
  @Transactional(readOnly = true)
  Dashboard dashboard(UUID id) {
    Playground playground =
        playgrounds.findOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
    Metrics metrics = tallies.metrics(id).orElseThrow(() -> new NotFoundException("Playground"));
    List<AnswerTally> answers = tallies.answers(id);
    List<SessionTally> sessions = tallies.sessions(id);
    Map<ModelKey, Long> submitted =
        sessions.stream()
            .collect(groupingBy(SessionTally::model, summingLong(SessionTally::submitted)));
    Map<ModelKey, Trouble> trouble = tallies.trouble(id);
    Headline headline =
        new Headline(
            metrics.testers(),
            metrics.answers(),
            metrics.submitted(),
            metrics.open(),
            metrics.abandoned(),
            metrics.lastActivity(),
            playground.models().stream()
                .map(
                    model ->
                        new Progress(
                            model.key(),
                            model.name(),
                            submitted.getOrDefault(model.key(), 0L),
                            model.maxEvaluations(),
                            trouble.getOrDefault(model.key(), Trouble.NONE)))
                .toList());
    List<ChoiceResult> choices = new ArrayList<>();
    List<RatingResult> ratings = new ArrayList<>();
    List<TextResult> texts = new ArrayList<>();
    List<OptionCount> options = tallies.optionCounts(id);
    List<PairTally> pairs = tallies.pairs(id);
    for (Question question : playground.questions()) {
      List<AnswerTally> of =
          answers.stream().filter(tally -> tally.question().equals(question.id())).toList();
      switch (question.type()) {
        case SELECT -> choices.add(choice(playground, question, of, options));
        case RATING -> ratings.add(rating(playground, question, of, pairs));
        case INPUT_STRING -> texts.add(new TextResult(question, columns(playground, question, of)));
      }
    }
    return new Dashboard(
        playground,
        headline,
        choices,
        ratings,
        texts,
        activity(playground, sessions),
        versions(playground, answers, sessions));
  }

  private ChoiceResult choice(
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
            columns.stream().map(column -> column.key().letter()).toList(),
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
    Comparison comparison = null;
    Comparison order = null;
    if (columns.size() == 2) {
      long[][] table =
          rows.stream()
              .map(row -> new long[] {row.shares().get(0).count(), row.shares().get(1).count()})
              .toArray(long[][]::new);
      comparison = choiceComparison(Statistics.compareChoices(table), rows, columns);
      long[][] byPosition =
          labels.keySet().stream()
              .map(
                  value ->
                      new long[] {
                        count(tallies, t -> value.equals(t.value()) && t.position() == 1),
                        count(tallies, t -> value.equals(t.value()) && t.position() == 2)
                      })
              .toArray(long[][]::new);
      order = orderEffect(Statistics.compareChoices(byPosition), "answers");
    }
    return new ChoiceResult(question, columns, rows, chart, comparison, order);
  }

  private RatingResult rating(
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
      ratingColumns.add(
          new RatingColumn(column, Statistics.meanWithConfidence(counts), distribution));
    }
    List<String> series = columns.stream().map(c -> c.key().letter() + " · " + c.name()).toList();
    Chart intervals =
        Chart.intervals(
            "Mean rating of “" + question.text() + "” with its 95% confidence interval",
            series,
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
            columns.stream().map(c -> c.key().letter()).toList(),
            values,
            texts);
    Comparison comparison = null;
    Comparison order = null;
    if (columns.size() == 2) {
      SortedMap<Double, Long> differences = new TreeMap<>();
      pairs.stream()
          .filter(pair -> pair.question().equals(question.id()))
          .forEach(pair -> differences.merge((double) pair.difference(), pair.pairs(), Long::sum));
      long paired = differences.values().stream().mapToLong(Long::longValue).sum();
      // Paired when most ratings have their pair: the same tester rated both agents in a round.
      TestResult result =
          paired > 0 && paired * 2 >= Math.min(columns.get(0).n(), columns.get(1).n())
              ? Statistics.compareRatingsPaired(differences)
              : Statistics.compareRatings(byModel.get(0), byModel.get(1));
      comparison = ratingComparison(result, ratingColumns);
      order =
          orderEffect(
              Statistics.compareRatings(
                  ratings(tallies, t -> t.position() == 1),
                  ratings(tallies, t -> t.position() == 2)),
              "ratings");
    }
    return new RatingResult(question, ratingColumns, intervals, distribution, comparison, order);
  }

  /** The models a question is asked about, with how many answered it. */
  private List<Column> columns(
      Playground playground, Question question, List<AnswerTally> tallies) {
    return playground.models().stream()
        .filter(model -> question.isAskedAbout(model.key()))
        .map(
            model ->
                new Column(
                    model.key(), model.name(), count(tallies, t -> t.model() == model.key())))
        .toList();
  }

  private Activity activity(Playground playground, List<SessionTally> sessions) {
    List<Column> columns =
        playground.models().stream()
            .map(
                model ->
                    new Column(
                        model.key(),
                        model.name(),
                        sessions.stream()
                            .filter(s -> s.model() == model.key())
                            .mapToLong(SessionTally::submitted)
                            .sum()))
            .toList();
    List<ActivityDay> days = new ArrayList<>();
    TreeSet<LocalDate> dates =
        sessions.stream().map(SessionTally::day).collect(Collectors.toCollection(TreeSet::new));
    if (!dates.isEmpty()) {
      for (LocalDate day = dates.first(); !day.isAfter(dates.last()); day = day.plusDays(1)) {
        LocalDate current = day;
        days.add(
            new ActivityDay(
                day,
                columns.stream()
                    .map(
                        column ->
                            sessions.stream()
                                .filter(s -> s.day().equals(current) && s.model() == column.key())
                                .mapToLong(SessionTally::submitted)
                                .sum())
                    .toList()));
      }
    }
    Chart chart =
        Chart.daily(
            "Submitted sessions per day (UTC) and agent",
            days.stream().map(d -> d.day().toString().substring(5)).toList(),
            columns.stream().map(c -> c.key().letter()).toList(),
            days.stream()
                .map(d -> d.submitted().stream().mapToLong(Long::longValue).toArray())
                .toList());
    return new Activity(columns, days, chart);
  }

  /** Per model with more than one configuration version (every tuning model): each version. */
  private List<VersionHistory> versions(
      Playground playground, List<AnswerTally> answers, List<SessionTally> sessions) {
    List<Question> ratingQuestions =
        playground.questions().stream().filter(q -> q.type() == QuestionType.RATING).toList();
    List<Question> choiceQuestions =
        playground.questions().stream().filter(q -> q.type() == QuestionType.SELECT).toList();
    List<VersionHistory> histories = new ArrayList<>();
    for (ModelConfiguration model : playground.models()) {
      List<SessionTally> own = sessions.stream().filter(s -> s.model() == model.key()).toList();
      List<AnswerTally> owned = answers.stream().filter(a -> a.model() == model.key()).toList();
      TreeSet<Integer> versions =
          own.stream().map(SessionTally::version).collect(Collectors.toCollection(TreeSet::new));
      boolean tuning = playground.models().size() == 1;
      if (versions.isEmpty() || (!tuning && versions.size() < 2)) {
        continue;
      }
      List<VersionRow> rows = new ArrayList<>();
      for (int version : versions) {
        List<SessionTally> in = own.stream().filter(s -> s.version() == version).toList();
        rows.add(
            new VersionRow(
                version,
                in.stream().map(SessionTally::day).min(LocalDate::compareTo).orElseThrow(),
                in.stream().map(SessionTally::day).max(LocalDate::compareTo).orElseThrow(),
                in.stream().mapToLong(SessionTally::submitted).sum(),
                ratingQuestions.stream()
                    .map(
                        q ->
                            Statistics.meanWithConfidence(
                                ratings(
                                    owned,
                                    t -> t.question().equals(q.id()) && t.version() == version)))
                    .toList(),
                choiceQuestions.stream()
                    .map(q -> shares(q, owned, t -> t.version() == version))
                    .toList()));
      }
      List<Comparison> changes = new ArrayList<>();
      if (versions.size() >= 2) {
        int last = versions.last();
        int previous = versions.lower(last);
        for (Question q : ratingQuestions) {
          TestResult result =
              Statistics.compareRatings(
                  ratings(owned, t -> t.question().equals(q.id()) && t.version() == previous),
                  ratings(owned, t -> t.question().equals(q.id()) && t.version() == last));
          changes.add(versionChange(q, previous, last, result));
        }
      }
      List<DayRow> days = new ArrayList<>();
      TreeSet<LocalDate> dates =
          own.stream().map(SessionTally::day).collect(Collectors.toCollection(TreeSet::new));
      for (LocalDate day : dates.descendingSet()) {
        List<SessionTally> that = own.stream().filter(s -> s.day().equals(day)).toList();
        days.add(
            new DayRow(
                day,
                that.stream()
                    .map(SessionTally::version)
                    .distinct()
                    .sorted()
                    .map(String::valueOf)
                    .collect(Collectors.joining(", ")),
                that.stream().mapToLong(SessionTally::submitted).sum(),
                ratingQuestions.stream()
                    .map(
                        q ->
                            Statistics.meanWithConfidence(
                                ratings(
                                    owned,
                                    t -> t.question().equals(q.id()) && t.day().equals(day))))
                    .toList()));
      }
      histories.add(
          new VersionHistory(
              new Column(
                  model.key(), model.name(), own.stream().mapToLong(SessionTally::submitted).sum()),
              ratingQuestions,
              choiceQuestions,
              rows,
              changes,
              days));
    }
    return histories;
  }

  // The words

  private static Comparison choiceComparison(
      TestResult result, List<ChoiceRow> rows, List<Column> columns) {
    String method = method(result, "answers", columns);
    if (Double.isNaN(result.pValue())) {
      return new Comparison("Not enough answers from both agents to compare yet.", method, false);
    }
    String chance = Statistics.chanceInWords(result.pValue());
    if (result.pValue() >= SIGNIFICANCE) {
      return new Comparison(
          "No clear difference between the agents' answers: a difference this large would arise by"
              + " chance "
              + chance
              + ", so neither is the winner here.",
          method,
          false);
    }
    ChoiceRow widest =
        rows.stream()
            .max((x, y) -> Double.compare(Math.abs(gap(x)), Math.abs(gap(y))))
            .orElseThrow();
    return new Comparison(
        "The agents' answers differ: “"
            + widest.label()
            + "” was chosen for "
            + columns.get(1).key().letter()
            + " in "
            + percentText(widest.shares().get(1).percent())
            + " and for "
            + columns.get(0).key().letter()
            + " in "
            + percentText(widest.shares().get(0).percent())
            + " of answers. A difference this large would arise by chance "
            + chance
            + ".",
        method,
        true);
  }

  private static double gap(ChoiceRow row) {
    return percentValue(row.shares().get(1).percent())
        - percentValue(row.shares().get(0).percent());
  }

  private static Comparison ratingComparison(TestResult result, List<RatingColumn> columns) {
    String method = method(result, "ratings", columns.stream().map(RatingColumn::column).toList());
    if (Double.isNaN(result.pValue())) {
      return new Comparison("Not enough ratings from both agents to compare yet.", method, false);
    }
    String chance = Statistics.chanceInWords(result.pValue());
    if (result.pValue() >= SIGNIFICANCE || result.effectSize() == 0) {
      return new Comparison(
          "No clear difference in ratings: a difference this large would arise by chance "
              + chance
              + ", so neither is the winner here.",
          method,
          false);
    }
    RatingColumn higher = columns.get(result.effectSize() > 0 ? 1 : 0);
    RatingColumn lower = columns.get(result.effectSize() > 0 ? 0 : 1);
    return new Comparison(
        higher.column().key().letter()
            + " ("
            + higher.column().name()
            + ") is rated higher: "
            + String.format("%.2f", higher.mean().mean())
            + " against "
            + String.format("%.2f", lower.mean().mean())
            + " on average. A difference this large would arise by chance "
            + chance
            + ".",
        method,
        true);
  }

  private static Comparison orderEffect(TestResult result, String what) {
    String method =
        Double.isNaN(result.pValue())
            ? "No test: too few " + what + " in one of the positions."
            : described(
                result, result.nA() + " " + what + " met first and " + result.nB() + " met second");
    if (Double.isNaN(result.pValue())) {
      return new Comparison("Not enough " + what + " yet to check the order.", method, false);
    }
    String chance = Statistics.chanceInWords(result.pValue());
    if (result.pValue() >= SIGNIFICANCE) {
      return new Comparison(
          "No sign that meeting an agent first or second changed the "
              + what
              + " (a difference this large would arise by chance "
              + chance
              + ").",
          method,
          false);
    }
    return new Comparison(
        "The order mattered: "
            + what
            + " for the agent met second differ from those for the agent met first (chance "
            + chance
            + "). Each agent is met first about as often as the other, so the comparison stays"
            + " fair, but small differences between agents deserve care.",
        method,
        true);
  }

  private static Comparison versionChange(Question q, int previous, int last, TestResult result) {
    String method =
        Double.isNaN(result.pValue())
            ? "No test: version " + previous + " or " + last + " has no ratings."
            : described(
                result,
                result.nA()
                    + " ratings of version "
                    + previous
                    + " and "
                    + result.nB()
                    + " of version "
                    + last);
    String subject = "“" + q.text() + "”";
    if (Double.isNaN(result.pValue())) {
      return new Comparison(
          subject + ": not enough ratings to compare version " + last + " with " + previous + ".",
          method,
          false);
    }
    String chance = Statistics.chanceInWords(result.pValue());
    if (result.pValue() >= SIGNIFICANCE || result.effectSize() == 0) {
      return new Comparison(
          subject
              + ": no clear change from version "
              + previous
              + " to "
              + last
              + " (a difference this large would arise by chance "
              + chance
              + ").",
          method,
          false);
    }
    return new Comparison(
        subject
            + ": version "
            + last
            + " is rated "
            + (result.effectSize() > 0 ? "higher" : "lower")
            + " than version "
            + previous
            + ". A difference this large would arise by chance "
            + chance
            + ".",
        method,
        true);
  }

  private static String method(TestResult result, String what, List<Column> columns) {
    if (Double.isNaN(result.pValue())) {
      return "No test yet: "
          + columns.get(0).n()
          + " "
          + what
          + " for A, "
          + columns.get(1).n()
          + " for B.";
    }
    String sizes =
        result.test().startsWith("Wilcoxon")
            ? result.nA() + " pairs of ratings (the same tester, the same round)"
            : result.nA() + " " + what + " for A and " + result.nB() + " for B";
    return described(result, sizes);
  }

  /** "Mann-Whitney U test on 20 ratings for A and 18 for B; rank-biserial r = 0.31, p = 0.020." */
  private static String described(TestResult result, String sizes) {
    return result.test()
        + " on "
        + sizes
        + "; "
        + effect(result)
        + ", p = "
        + pValue(result.pValue())
        + ".";
  }

  private static String effect(TestResult result) {
    return result.effect() + " = " + String.format("%.2f", result.effectSize());
  }

  private static String pValue(double p) {
    return p < 0.001 ? "< 0.001" : String.format("%.3f", p);
  }

  // Arithmetic on tallies

  private static long count(List<AnswerTally> tallies, Predicate<AnswerTally> which) {
    return tallies.stream().filter(which).mapToLong(AnswerTally::answers).sum();
  }

  private static SortedMap<Double, Long> ratings(
      List<AnswerTally> tallies, Predicate<AnswerTally> which) {
    SortedMap<Double, Long> counts = new TreeMap<>();
    tallies.stream()
        .filter(t -> t.rating() != null)
        .filter(which)
        .forEach(t -> counts.merge(t.rating().doubleValue(), t.answers(), Long::sum));
    return counts;
  }

  /** "Good 60% · OK 30% · Bad 10%" for one slice of a choice question's answers. */
  private static String shares(
      Question question, List<AnswerTally> tallies, Predicate<AnswerTally> which) {
    List<AnswerTally> of =
        tallies.stream().filter(t -> t.question().equals(question.id())).filter(which).toList();
    long total = count(of, t -> true);
    if (total == 0) {
      return "—";
    }
    return question.options().stream()
        .map(
            option ->
                option.label()
                    + " "
                    + percentText(percent(count(of, t -> option.value().equals(t.value())), total)))
        .collect(Collectors.joining(" · "));
  }

  /** As {@code question_metrics} rounds it: two decimals, half away from zero. */
  static BigDecimal percent(long count, long total) {
    return total == 0
        ? null
        : BigDecimal.valueOf(count * 100)
            .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
  }

  private static double percentValue(BigDecimal percent) {
    return percent == null ? 0 : percent.doubleValue();
  }

  static String percentText(BigDecimal percent) {
    return percent == null ? "—" : percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
