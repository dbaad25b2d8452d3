package com.earshot.insights.dashboard;

import com.earshot.insights.dashboard.Dashboard.ChoiceResult;
import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.RatingColumn;
import com.earshot.insights.dashboard.Dashboard.RatingResult;
import com.earshot.insights.dashboard.Study.Lead;
import com.earshot.insights.dashboard.Study.Preference;
import com.earshot.insights.dashboard.Study.RatioCheck;
import com.earshot.insights.dashboard.Study.Sentence;
import com.earshot.insights.dashboard.Tallies.SessionTally;
import com.earshot.insights.plan.StudyPlan;
import com.earshot.insights.review.LeftOut;
import com.earshot.insights.statistics.ConfidenceSequence;
import com.earshot.insights.statistics.Holm;
import com.earshot.insights.statistics.Proportions;
import com.earshot.insights.statistics.SampleRatio;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Judges an A/B test as a whole ({@link Study}): the primary measure by a confidence sequence, the
 * rest corrected for their number, the assignment checked for sample-ratio mismatch, and all of it
 * said in a few sentences that claim no more than their tests show.
 */
final class StudyVerdicts {

  static final double ALPHA = 0.05;

  private StudyVerdicts() {}

  /** The question results with their secondary verdicts corrected, and the study's lead. */
  record Judged(List<RatingResult> ratings, List<ChoiceResult> choices, Study study) {}

  static Judged of(
      Playground playground,
      StudyPlan plan,
      List<RatingResult> ratings,
      List<ChoiceResult> choices,
      List<SessionTally> sessions,
      Map<ModelKey, Long> givenUpByModel,
      Preference preference,
      LeftOut leftOut) {
    RatingResult primary =
        ratings.stream()
            .filter(r -> plan.isPrimary(r.question().id()) && r.test() != null)
            .findFirst()
            .orElse(null);
    // Holm over every test between the agents but the primary one.
    List<RatingResult> secondaryRatings =
        ratings.stream().filter(r -> r.test() != null && r != primary).toList();
    List<ChoiceResult> secondaryChoices = choices.stream().filter(c -> c.test() != null).toList();
    double[] raw =
        Stream.concat(
                secondaryRatings.stream().map(RatingResult::test),
                secondaryChoices.stream().map(ChoiceResult::test))
            .mapToDouble(TestResult::pValue)
            .toArray();
    double[] adjusted = Holm.adjust(raw);
    int tests = (int) Arrays.stream(raw).filter(p -> !Double.isNaN(p)).count();
    List<RatingResult> judgedRatings = new ArrayList<>();
    int differing = 0;
    Lead lead =
        primary != null
            ? ratingLead(primary, plan)
            : plan.primaryIsPreference() && preference != null
                ? preferenceLead(preference, plan)
                : null;
    for (RatingResult r : ratings) {
      int i = secondaryRatings.indexOf(r);
      RatingResult judged =
          r == primary
              // the primary question is judged by the sequence alone, here as in the lead
              ? r.judged(
                  new Dashboard.Comparison(
                      lead.sentence(),
                      lead.method()
                          + " The fixed-sample test, valid only when read once: "
                          + r.comparison().method(),
                      lead.decided()))
              : i < 0 ? r : r.judged(new Verdicts.Correction(adjusted[i], tests));
      differing += i >= 0 && judged.comparison().significant() ? 1 : 0;
      judgedRatings.add(judged);
    }
    List<ChoiceResult> judgedChoices = new ArrayList<>();
    for (ChoiceResult c : choices) {
      int i = secondaryChoices.indexOf(c);
      ChoiceResult judged =
          i < 0
              ? c
              : c.judged(new Verdicts.Correction(adjusted[secondaryRatings.size() + i], tests));
      differing += i >= 0 && judged.comparison().significant() ? 1 : 0;
      judgedChoices.add(judged);
    }

    long[] submitted = submitted(playground, sessions, s -> true);
    long testersPerAgent = Math.min(submitted[0], submitted[1]);
    boolean interim = plan.interim(testersPerAgent);
    RatioCheck ratio =
        sampleRatio(
            playground,
            submitted,
            submitted(playground, sessions, s -> s.position() == 1),
            givenUpByModel);
    List<Sentence> summary =
        summary(
            plan,
            testersPerAgent,
            interim,
            lead,
            tests,
            differing,
            judgedRatings,
            judgedChoices,
            ratio,
            preference,
            leftOut);
    return new Judged(
        judgedRatings,
        judgedChoices,
        new Study(
            plan, testersPerAgent, interim, lead, tests, differing, ratio, preference, summary));
  }

  /** The counted submitted sessions of A and of B that {@code which} picks. */
  private static long[] submitted(
      Playground playground, List<SessionTally> sessions, Predicate<SessionTally> which) {
    return playground.models().stream()
        .mapToLong(
            m ->
                sessions.stream()
                    .filter(s -> s.model() == m.key() && which.test(s))
                    .mapToLong(SessionTally::submitted)
                    .sum())
        .toArray();
  }

  /** The tuning of the sequence: the plan's total when there is one, else GrowthBook's default. */
  private static long tuning(StudyPlan plan, int perAgentUnits) {
    return plan.plannedTestersPerAgent() == null
        ? ConfidenceSequence.DEFAULT_TUNING
        : (long) plan.plannedTestersPerAgent() * perAgentUnits;
  }

  private static Lead ratingLead(RatingResult primary, StudyPlan plan) {
    RatingColumn a = primary.columns().get(0);
    RatingColumn b = primary.columns().get(1);
    String subject = "“" + primary.question().text() + "”";
    String anchor = "question-" + primary.question().id();
    if (a.mean().n() < 2 || b.mean().n() < 2) {
      return new Lead(
          subject,
          anchor,
          "On the primary question " + subject + ", too few ratings of each agent to judge yet.",
          "Confidence sequence: needs two ratings of each agent.",
          false);
    }
    long tuning = tuning(plan, 2);
    ConfidenceSequence.Interval interval =
        ConfidenceSequence.differenceOfMeans(
            a.mean().n(),
            a.mean().mean(),
            variance(a),
            b.mean().n(),
            b.mean().mean(),
            variance(b),
            ALPHA,
            tuning);
    String means =
        String.format(
            "%.2f for %s against %.2f for %s; B − A = %.2f, always-valid 95%% interval %.2f to %.2f",
            b.mean().mean(),
            b.column().key().letter(),
            a.mean().mean(),
            a.column().key().letter(),
            interval.estimate(),
            interval.low(),
            interval.high());
    String method =
        "Confidence sequence on the difference of mean ratings (GrowthBook's sequential test,"
            + " tuned to "
            + tuning
            + " ratings in all), valid however often this page is read. Each agent's variance"
            + " is its own: cautious when the same testers rate both.";
    if (!interval.excludes(0)) {
      return new Lead(
          subject,
          anchor,
          "No winner yet on the primary question " + subject + " (" + means + ", which holds 0).",
          method,
          false);
    }
    Column higher = (interval.estimate() > 0 ? b : a).column();
    return new Lead(
        subject,
        anchor,
        higher.key().letter()
            + " ("
            + higher.name()
            + ") is rated higher on the primary question "
            + subject
            + " ("
            + means
            + ").",
        method,
        true);
  }

  private static double variance(RatingColumn column) {
    double mean = column.mean().mean();
    double squares = 0;
    for (int value = 1; value <= column.distribution().size(); value++) {
      long count = column.distribution().get(value - 1).count();
      squares += count * (value - mean) * (value - mean);
    }
    return squares / (column.mean().n() - 1);
  }

  private static Lead preferenceLead(Preference preference, StudyPlan plan) {
    String subject = "which agent testers would rather talk to again";
    if (preference.decisive() == 0) {
      return new Lead(
          subject,
          "preference",
          "On the primary measure, the head-to-head preference, no tester has chosen an agent yet.",
          "Confidence sequence: needs decisive votes.",
          false);
    }
    long tuning = tuning(plan, 1);
    ConfidenceSequence.Interval interval =
        ConfidenceSequence.proportion(preference.forB(), preference.decisive(), 0.5, ALPHA, tuning);
    String share =
        String.format(
            "B chosen in %s of %d decisive votes, always-valid 95%% interval %s to %s",
            percent(interval.estimate()),
            preference.decisive(),
            percent(interval.low()),
            percent(interval.high()));
    String method =
        "Confidence sequence on the share of decisive votes for B against one half (tuned to "
            + tuning
            + " votes), valid however often this page is read.";
    if (!interval.excludes(0.5)) {
      return new Lead(
          subject,
          "preference",
          "No winner yet on the primary measure, the head-to-head preference (" + share + ").",
          method,
          false);
    }
    String winner = interval.estimate() > 0.5 ? "B" : "A";
    return new Lead(
        subject,
        "preference",
        winner + " wins the primary measure, the head-to-head preference (" + share + ").",
        method,
        true);
  }

  /**
   * Every tester meets both agents, the first at random: the agents met first, and the submitted
   * sessions, should split evenly, and the share of sessions given up should not depend on the
   * agent. A p-value below {@link SampleRatio#THRESHOLD} on any of the three is a mismatch.
   */
  static RatioCheck sampleRatio(
      Playground playground, long[] submitted, long[] first, Map<ModelKey, Long> givenUp) {
    List<ModelConfiguration> models = playground.models();
    long[] given = {
      givenUp.getOrDefault(models.get(0).key(), 0L), givenUp.getOrDefault(models.get(1).key(), 0L)
    };
    double[] half = {0.5, 0.5};
    boolean limited =
        models.stream()
            .anyMatch(m -> m.maxEvaluations() != null && m.submitted() >= m.maxEvaluations());
    var order = first[0] + first[1] == 0 ? null : SampleRatio.test(first, half);
    var split =
        limited || submitted[0] + submitted[1] == 0 ? null : SampleRatio.test(submitted, half);
    TestResult dropOut =
        given[0] + given[1] == 0
            ? null
            : Statistics.compareChoices(
                new long[][] {{submitted[0], submitted[1]}, {given[0], given[1]}});
    double threshold = SampleRatio.THRESHOLD;
    String method =
        String.format(
            "Met first: %d A, %d B; submitted: %d A, %d B; given up: %d A, %d B. Chi-square"
                + " goodness of fit against an even split%s; %s. A mismatch is p < %s.",
            first[0],
            first[1],
            submitted[0],
            submitted[1],
            given[0],
            given[1],
            order == null
                ? " (no sessions yet)"
                : " (order "
                    + Verdicts.p(order.pValue())
                    + (split == null
                        ? (limited ? "; an agent reached its limit, so no split test)" : ")")
                        : ", split " + Verdicts.p(split.pValue()) + ")"),
            dropOut == null
                ? "no session given up"
                : dropOut.test() + " on giving up by agent, " + Verdicts.p(dropOut.pValue()),
            threshold);
    if (dropOut != null && !Double.isNaN(dropOut.pValue()) && dropOut.pValue() < threshold) {
      int worse =
          given[1] * (submitted[0] + given[0]) > given[0] * (submitted[1] + given[1]) ? 1 : 0;
      return new RatioCheck(
          "Testers leave agent "
              + models.get(worse).key().letter()
              + " more often than chance allows: look before trusting these results.",
          method,
          true);
    }
    if ((order != null && order.mismatch()) || (split != null && split.mismatch())) {
      return new RatioCheck(
          "Sessions are not spread over the agents as random assignment would spread them:"
              + " look before trusting these results.",
          method,
          true);
    }
    if (order == null && split == null && dropOut == null) {
      return new RatioCheck("No sessions yet to check the sample ratio.", method, false);
    }
    return new RatioCheck("No sample-ratio mismatch.", method, false);
  }

  /** The preference votes judged: Wilson interval, exact test on the decisive votes, order. */
  static Preference preference(
      long forA, long forB, long bothGood, long bothBad, long forFirst, long forSecond) {
    long decisive = forA + forB;
    Proportions.Proportion share = Proportions.wilson(forB, decisive);
    double p = decisive == 0 ? Double.NaN : Proportions.binomialTest(forB, decisive, 0.5);
    String ties = String.format("%d found both equally good, %d both bad.", bothGood, bothBad);
    String sentence;
    boolean significant = !Double.isNaN(p) && p < ALPHA;
    if (decisive == 0) {
      sentence = "No tester has chosen one agent over the other yet. " + ties;
    } else {
      boolean forBMore = forB * 2 > decisive;
      sentence =
          String.format(
              "Agent %s is preferred by %s (95%% interval %s–%s) of the %d testers who chose one"
                  + "%s. %s",
              forBMore ? "B" : "A",
              percent(forBMore ? share.estimate() : 1 - share.estimate()),
              percent(forBMore ? share.low() : 1 - share.high()),
              percent(forBMore ? share.high() : 1 - share.low()),
              decisive,
              significant
                  ? ""
                  : ", which chance alone could give (" + Statistics.chanceInWords(p) + ")",
              ties);
    }
    String method =
        decisive == 0
            ? "No test yet."
            : String.format(
                "Exact binomial test of %d votes for B among %d decisive votes against one half,"
                    + " %s; Wilson score interval.",
                forB, decisive, Verdicts.p(p));
    double order =
        forFirst + forSecond == 0
            ? Double.NaN
            : Proportions.binomialTest(forFirst, forFirst + forSecond, 0.5);
    String position =
        Double.isNaN(order)
            ? "No decisive votes yet to check the order."
            : String.format(
                    "The agent met first was chosen %d times, the one met second %d times (exact"
                        + " binomial test, %s): ",
                    forFirst, forSecond, Verdicts.p(order))
                + (order < ALPHA
                    ? "the order swayed the choice; each agent is met first about as often, so"
                        + " the comparison stays fair."
                    : "no sign that the order swayed the choice.");
    return new Preference(
        forA, forB, bothGood, bothBad, share, p, sentence, method, significant, position);
  }

  private static List<Sentence> summary(
      StudyPlan plan,
      long testersPerAgent,
      boolean interim,
      Lead lead,
      int tests,
      int differing,
      List<RatingResult> ratings,
      List<ChoiceResult> choices,
      RatioCheck ratio,
      Preference preference,
      LeftOut leftOut) {
    List<Sentence> summary = new ArrayList<>();
    if (plan.plannedTestersPerAgent() == null) {
      summary.add(
          new Sentence(
              "No planned size: every result is interim. Set a plan to say when the study is"
                  + " done.",
              "plan",
              false));
    } else if (interim) {
      summary.add(
          new Sentence(
              String.format(
                  "Interim: %d of the %d planned testers per agent so far.",
                  testersPerAgent, plan.plannedTestersPerAgent()),
              "plan",
              false));
    } else {
      summary.add(
          new Sentence(
              String.format(
                  "The plan is reached: %d testers per agent (planned %d).",
                  testersPerAgent, plan.plannedTestersPerAgent()),
              "plan",
              false));
    }
    if (preference != null && preference.total() > 0) {
      summary.add(new Sentence(preference.sentence(), "preference", false));
    }
    if (lead != null) {
      summary.add(new Sentence(lead.sentence(), lead.anchor(), false));
    } else if (!plan.hasPrimary()) {
      summary.add(
          new Sentence(
              "No primary measure: no single test decides the study, and every test is corrected"
                  + " for all of them.",
              "plan",
              false));
    }
    if (tests > 0) {
      summary.add(
          new Sentence(
              String.format(
                  "%d of %d %s %s after correction for their number.",
                  differing,
                  tests,
                  lead == null ? "questions" : "secondary questions",
                  differing == 1 ? "differs" : "differ"),
              "results",
              false));
    }
    long orderEffects =
        Stream.concat(
                ratings.stream().map(RatingResult::orderEffect),
                choices.stream().map(ChoiceResult::orderEffect))
            .filter(Objects::nonNull)
            .filter(Dashboard.Comparison::significant)
            .count();
    // With no test between the agents there were too few answers to test the order either.
    summary.add(
        new Sentence(
            tests == 0 && lead == null
                ? "Too few answers from both agents yet to compare them or to check the order."
                : orderEffects == 0
                    ? "No order effect."
                    : "The order mattered on "
                        + orderEffects
                        + (orderEffects == 1 ? " question." : " questions."),
            "results",
            orderEffects > 0));
    summary.add(new Sentence(ratio.sentence(), "sample-ratio", ratio.mismatch()));
    summary.add(new Sentence(leftOut.sentence(), "left-out", false));
    return summary;
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
