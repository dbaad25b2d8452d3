package com.earshot.insights.dashboard;

import static com.earshot.insights.dashboard.Counts.count;
import static com.earshot.insights.dashboard.Counts.percent;
import static com.earshot.insights.dashboard.Counts.percentText;
import static com.earshot.insights.dashboard.Counts.ratings;

import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.DayMean;
import com.earshot.insights.dashboard.Dashboard.DayRow;
import com.earshot.insights.dashboard.Dashboard.VersionHistory;
import com.earshot.insights.dashboard.Dashboard.VersionRow;
import com.earshot.insights.dashboard.Tallies.AnswerTally;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The history of a model's configuration versions: what each version did, whether the latest
 * helped, and each day's sessions and ratings.
 */
final class VersionHistories {

  private VersionHistories() {}

  /** Per model with more than one configuration version (every tuning model): each version. */
  static List<VersionHistory> of(
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
                            Statistics.meanRating(
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
          changes.add(Verdicts.versionChange(q, previous, last, result));
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
                            DayMean.of(
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
}
