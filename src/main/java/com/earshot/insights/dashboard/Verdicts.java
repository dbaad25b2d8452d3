package com.earshot.insights.dashboard;

import static com.earshot.insights.dashboard.Counts.percentText;
import static com.earshot.insights.dashboard.Counts.percentValue;

import com.earshot.insights.dashboard.Dashboard.ChoiceRow;
import com.earshot.insights.dashboard.Dashboard.Column;
import com.earshot.insights.dashboard.Dashboard.Comparison;
import com.earshot.insights.dashboard.Dashboard.RatingColumn;
import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
import com.earshot.playground.Question;
import java.util.List;

/**
 * The dashboard's sentences: what a test between the agents, their order or two versions says, in
 * words an admin reads, always with the test, the sample sizes and the effect size named.
 */
final class Verdicts {

  /** Below this p-value a difference is called real. */
  static final double SIGNIFICANCE = 0.05;

  private Verdicts() {}

  /**
   * A secondary test's p-value corrected for the number of secondary tests (Holm): the verdict goes
   * by the corrected one. Null: no correction (the test stands alone).
   */
  record Correction(double adjusted, int tests) {

    static double of(Correction correction, TestResult result) {
      return correction == null ? result.pValue() : correction.adjusted();
    }

    /** Whether there is a corrected p-value worth saying: one of two tests or more. */
    static boolean applies(Correction correction) {
      return correction != null && correction.tests() >= 2 && !Double.isNaN(correction.adjusted());
    }

    /** "about 6 times in 100 (about 13 in 100 once corrected for the 2 tests)". */
    static String chance(Correction correction, TestResult result) {
      String raw = Statistics.chanceInWords(result.pValue());
      return !applies(correction)
          ? raw
          : raw
              + " ("
              + Statistics.chanceInWords(correction.adjusted())
              + " once corrected for the "
              + correction.tests()
              + " tests)";
    }

    static String note(Correction correction) {
      return !applies(correction)
          ? ""
          : " Corrected for "
              + correction.tests()
              + " secondary tests (Holm): "
              + p(correction.adjusted())
              + ".";
    }
  }

  /** Whether the agents' answers to a choice question differ, and where most. */
  static Comparison choices(
      TestResult result, List<ChoiceRow> rows, List<Column> columns, Correction correction) {
    String method = method(result, "answers", columns) + Correction.note(correction);
    double p = Correction.of(correction, result);
    if (Double.isNaN(p)) {
      return new Comparison("Not enough answers from both agents to compare yet.", method, false);
    }
    String chance = Correction.chance(correction, result);
    if (p >= SIGNIFICANCE) {
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

  /** Whether one agent is rated higher than the other. */
  static Comparison ratings(TestResult result, List<RatingColumn> columns, Correction correction) {
    String method =
        method(result, "ratings", columns.stream().map(RatingColumn::column).toList())
            + Correction.note(correction);
    double p = Correction.of(correction, result);
    if (Double.isNaN(p)) {
      return new Comparison("Not enough ratings from both agents to compare yet.", method, false);
    }
    String chance = Correction.chance(correction, result);
    if (p >= SIGNIFICANCE || result.effectSize() == 0) {
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

  /** Whether meeting an agent first or second changed the {@code what} (answers, ratings). */
  static Comparison orderEffect(TestResult result, String what) {
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

  /** Whether a rating question's ratings changed from version {@code previous} to {@code last}. */
  static Comparison versionChange(Question q, int previous, int last, TestResult result) {
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
    return result.test() + " on " + sizes + "; " + effect(result) + ", " + p(result.pValue()) + ".";
  }

  private static String effect(TestResult result) {
    return result.effect() + " = " + String.format("%.2f", result.effectSize());
  }

  /** "p = 0.020", or "p < 0.001". */
  static String p(double p) {
    return p < 0.001 ? "p < 0.001" : String.format("p = %.3f", p);
  }
}
