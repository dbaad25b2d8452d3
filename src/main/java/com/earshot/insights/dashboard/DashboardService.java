package com.earshot.insights.dashboard;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;

import com.earshot.insights.dashboard.Dashboard.Activity;
import com.earshot.insights.dashboard.Dashboard.ActivityDay;
import com.earshot.insights.dashboard.Dashboard.ChoiceResult;
import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Headline;
import com.earshot.insights.dashboard.Dashboard.Progress;
import com.earshot.insights.dashboard.Dashboard.RatingResult;
import com.earshot.insights.dashboard.Dashboard.TextResult;
import com.earshot.insights.dashboard.Dashboard.Trouble;
import com.earshot.insights.dashboard.LeftOutTallies.Contribution;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.Metrics;
import com.earshot.insights.dashboard.Tallies.OptionCount;
import com.earshot.insights.dashboard.Tallies.PairTally;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.plan.StudyPlans;
import com.earshot.insights.review.CallStatistics;
import com.earshot.insights.review.LeftOut;
import com.earshot.insights.review.SessionReview;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.PlaygroundType;
import com.earshot.playground.Question;
import com.earshot.playground.VersionService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a playground's dashboard from its tallies: the headline, each question's results ({@link
 * ChoiceResults}, {@link RatingResults}, in words by {@link Verdicts}), activity, and the history
 * of configuration versions ({@link VersionHistories}).
 */
@Service
class DashboardService {

  private final PlaygroundCatalog playgrounds;
  private final Tallies tallies;
  private final SessionReview review;
  private final LeftOutTallies leftOutTallies;
  private final CallStatistics calls;
  private final VersionService versions;
  private final StudyPlans plans;
  private final PreferenceTallies preferences;

  DashboardService(
      PlaygroundCatalog playgrounds,
      Tallies tallies,
      SessionReview review,
      LeftOutTallies leftOutTallies,
      CallStatistics calls,
      VersionService versions,
      StudyPlans plans,
      PreferenceTallies preferences) {
    this.playgrounds = playgrounds;
    this.tallies = tallies;
    this.review = review;
    this.leftOutTallies = leftOutTallies;
    this.calls = calls;
    this.versions = versions;
    this.plans = plans;
    this.preferences = preferences;
  }

  /**
   * Manage › Playgrounds: the current admin's playgrounds, active ones first, newest first, each
   * with its headline numbers; four statements however many there are.
   */
  @Transactional(readOnly = true)
  List<PlaygroundSummary> summaries() {
    List<Playground> visible = playgrounds.visible();
    Map<UUID, Metrics> metrics = tallies.metrics(visible.stream().map(Playground::id).toList());
    // The metrics answer only for the admin who owns the playground.
    return visible.stream()
        .filter(playground -> metrics.containsKey(playground.id()))
        .sorted(Comparator.comparing(Playground::active).reversed())
        .map(playground -> PlaygroundSummary.of(playground, metrics.get(playground.id())))
        .toList();
  }

  /** The dashboard without the sessions that should not count. */
  @Transactional(readOnly = true)
  Dashboard dashboard(UUID id) {
    return dashboard(id, false);
  }

  /**
   * The dashboard of one of the current admin's playgrounds; anything else is not found. {@code
   * included}: the sessions that should not count are counted after all.
   */
  @Transactional(readOnly = true)
  Dashboard dashboard(UUID id, boolean included) {
    Playground playground =
        playgrounds.findOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
    LeftOut leftOut = review.leftOut(id, included);
    Contribution without = leftOutTallies.of(id, leftOut);
    Metrics metrics =
        without.from(tallies.metrics(id).orElseThrow(() -> new NotFoundException("Playground")));
    List<AnswerTally> answers = without.from(tallies.answers(id));
    List<SessionTally> allSessions = tallies.sessions(id);
    List<SessionTally> sessions = without.fromSessions(allSessions);
    // The limit counts every submitted session, counted in the statistics or not.
    Map<ModelKey, Long> submitted =
        allSessions.stream()
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
    TuningInsights.TuningLead tuning =
        playground.type() == PlaygroundType.TUNING
            ? TuningInsights.of(playground, versions.history(id), answers, sessions)
            : null;
    // In tuning, the results are the current version's: versions are never mixed in one number.
    List<AnswerTally> results =
        tuning == null
            ? answers
            : answers.stream().filter(a -> a.version() == tuning.current().version()).toList();
    List<OptionCount> options =
        tuning == null
            ? without.fromOptions(tallies.optionCounts(id))
            : TuningInsights.optionCounts(results);
    List<PairTally> pairs = without.fromPairs(tallies.pairs(id));
    for (Question question : playground.questions()) {
      List<AnswerTally> of =
          results.stream().filter(tally -> tally.question().equals(question.id())).toList();
      switch (question.type()) {
        case SELECT -> choices.add(ChoiceResults.of(playground, question, of, options));
        case RATING -> ratings.add(RatingResults.of(playground, question, of, pairs));
        case INPUT_STRING ->
            texts.add(new TextResult(question, Counts.columns(playground, question, of)));
      }
    }
    Study study = null;
    if (tuning == null) {
      StudyVerdicts.Judged judged =
          StudyVerdicts.of(
              playground,
              plans.of(id),
              ratings,
              choices,
              sessions,
              tallies.givenUp(id),
              preference(playground, leftOut),
              leftOut);
      ratings = judged.ratings();
      choices = judged.choices();
      study = judged.study();
    }
    return new Dashboard(
        playground,
        headline,
        choices,
        ratings,
        texts,
        activity(playground, sessions),
        VersionHistories.of(playground, answers, sessions),
        leftOut,
        calls.of(playground, leftOut.subtracts()),
        tuning,
        study);
  }

  /** The head-to-head votes judged, when the playground asks or once asked for them. */
  private Study.Preference preference(Playground playground, LeftOut leftOut) {
    PreferenceTally tally = preferences.of(playground.id(), leftOut.subtracts());
    if (!playground.settings().asksPreference() && tally.total() == 0) {
      return null;
    }
    return StudyVerdicts.preference(
        tally.preferredA(),
        tally.preferredB(),
        tally.bothGood(),
        tally.bothBad(),
        tally.preferredFirst(),
        tally.preferredSecond());
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
            columns.stream().map(c -> new Chart.Series(c.key(), c.key().letter())).toList(),
            days.stream()
                .map(d -> d.submitted().stream().mapToLong(Long::longValue).toArray())
                .toList());
    return new Activity(columns, days, chart);
  }
}
