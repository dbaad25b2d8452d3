package com.earshot.insights.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The tests behind "is the difference between A and B real?" Distributions come from Apache Commons
 * Math; Fisher's exact test for small r×2 tables enumerates the tables with the observed margins
 * (it is exact, and cheap exactly when it is needed: when counts are small).
 */
public final class Statistics {

  /** Below this expected count in some cell, chi-square's approximation is not trusted. */
  static final double SMALL_EXPECTED = 5.0;

  private static final long MAX_TABLES = 2_000_000;

  private Statistics() {}

  /** A mean with its two-sided 95% confidence interval (Student's t). */
  public record MeanInterval(long n, double mean, double low, double high) {}

  public static MeanInterval meanWithConfidence(double[] values) {
    SummaryStatistics summary = new SummaryStatistics();
    Arrays.stream(values).forEach(summary::addValue);
    long n = summary.getN();
    if (n == 0) {
      return new MeanInterval(0, Double.NaN, Double.NaN, Double.NaN);
    }
    if (n == 1) {
      return new MeanInterval(1, summary.getMean(), Double.NaN, Double.NaN);
    }
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    double half = t * summary.getStandardDeviation() / Math.sqrt(n);
    return new MeanInterval(
        n, summary.getMean(), summary.getMean() - half, summary.getMean() + half);
  }

  /**
   * The result of a test: which one, on how many, its statistic and p-value, and an effect size.
   */
  public record TestResult(
      String test,
      long nA,
      long nB,
      double statistic,
      double pValue,
      String effect,
      double effectSize) {}

  /**
   * Whether the answers to a choice question depend on the model: chi-square test of independence
   * on the options × models table, or Fisher's exact test when an expected count is small. Effect
   * size: Cramér's V.
   *
   * @param counts one row per option: {count for A, count for B}
   */
  public static TestResult compareChoices(long[][] counts) {
    long[][] table =
        Arrays.stream(counts).filter(row -> row[0] + row[1] > 0).toArray(long[][]::new);
    long nA = Arrays.stream(table).mapToLong(row -> row[0]).sum();
    long nB = Arrays.stream(table).mapToLong(row -> row[1]).sum();
    long total = nA + nB;
    if (table.length < 2 || nA == 0 || nB == 0) {
      return new TestResult("none", nA, nB, Double.NaN, Double.NaN, "Cramér's V", Double.NaN);
    }
    double chiSquare = new ChiSquareTest().chiSquare(table);
    double cramersV = Math.sqrt(chiSquare / (total * (Math.min(table.length, 2) - 1)));
    if (smallestExpected(table, nA, nB, total) < SMALL_EXPECTED) {
      double p = fisherExact(table, nA);
      if (!Double.isNaN(p)) {
        return new TestResult("Fisher's exact test", nA, nB, Double.NaN, p, "Cramér's V", cramersV);
      }
    }
    double p = new ChiSquareTest().chiSquareTest(table);
    return new TestResult("chi-square test", nA, nB, chiSquare, p, "Cramér's V", cramersV);
  }

  private static double smallestExpected(long[][] table, long nA, long nB, long total) {
    double smallest = Double.MAX_VALUE;
    for (long[] row : table) {
      long rowTotal = row[0] + row[1];
      smallest = Math.min(smallest, (double) rowTotal * Math.min(nA, nB) / total);
    }
    return smallest;
  }

  /**
   * Two-sided exact p-value for an r×2 table: the probability, given the margins, of every table no
   * more likely than the observed one. NaN when there are too many tables to enumerate.
   */
  static double fisherExact(long[][] table, long columnA) {
    int rows = table.length;
    long[] rowTotals = new long[rows];
    long total = 0;
    for (int i = 0; i < rows; i++) {
      rowTotals[i] = table[i][0] + table[i][1];
      total += rowTotals[i];
    }
    double constant = logFactorial(columnA) + logFactorial(total - columnA) - logFactorial(total);
    for (long rowTotal : rowTotals) {
      constant += logFactorial(rowTotal);
    }
    long[] observed = new long[rows];
    for (int i = 0; i < rows; i++) {
      observed[i] = table[i][0];
    }
    double observedLog = constant - cellsLog(observed, rowTotals);
    double[] sum = {0};
    long[] visited = {0};
    enumerate(new long[rows], 0, columnA, rowTotals, constant, observedLog, sum, visited);
    return visited[0] > MAX_TABLES ? Double.NaN : Math.min(1.0, sum[0]);
  }

  private static void enumerate(
      long[] cells,
      int row,
      long remaining,
      long[] rowTotals,
      double constant,
      double observedLog,
      double[] sum,
      long[] visited) {
    if (visited[0] > MAX_TABLES) {
      return;
    }
    if (row == cells.length - 1) {
      if (remaining > rowTotals[row]) {
        return;
      }
      cells[row] = remaining;
      visited[0]++;
      double log = constant - cellsLog(cells, rowTotals);
      if (log <= observedLog + 1e-7) {
        sum[0] += Math.exp(log);
      }
      return;
    }
    long rest = 0;
    for (int i = row + 1; i < cells.length; i++) {
      rest += rowTotals[i];
    }
    for (long a = Math.max(0, remaining - rest); a <= Math.min(rowTotals[row], remaining); a++) {
      cells[row] = a;
      enumerate(cells, row + 1, remaining - a, rowTotals, constant, observedLog, sum, visited);
    }
  }

  private static double cellsLog(long[] columnA, long[] rowTotals) {
    double log = 0;
    for (int i = 0; i < columnA.length; i++) {
      log += logFactorial(columnA[i]) + logFactorial(rowTotals[i] - columnA[i]);
    }
    return log;
  }

  private static double logFactorial(long n) {
    return CombinatoricsUtils.factorialLog((int) n);
  }

  /**
   * Paired ratings (the same tester, the same round): Wilcoxon signed-rank test, exact for up to 30
   * pairs. Effect size: matched-pairs rank-biserial correlation (positive: B higher).
   */
  public static TestResult compareRatingsPaired(double[] a, double[] b) {
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        pairs.add(new double[] {a[i], b[i]});
      }
    }
    int n = pairs.size();
    if (n == 0) {
      return new TestResult(
          "Wilcoxon signed-rank test", a.length, b.length, 0, 1.0, "rank-biserial r", 0);
    }
    double[] x = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
    double[] y = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
    WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
    double w = test.wilcoxonSignedRank(x, y);
    double p = test.wilcoxonSignedRankTest(x, y, n <= 30);
    double totalRank = n * (n + 1) / 2.0;
    double higherForB = positiveRankSum(x, y);
    double r = (higherForB - (totalRank - higherForB)) / totalRank;
    return new TestResult(
        "Wilcoxon signed-rank test", a.length, b.length, w, p, "rank-biserial r", r);
  }

  /** Sum of the ranks of |b − a| where b > a. */
  private static double positiveRankSum(double[] a, double[] b) {
    int n = a.length;
    double[] differences = new double[n];
    for (int i = 0; i < n; i++) {
      differences[i] = Math.abs(b[i] - a[i]);
    }
    double[] ranks = new org.apache.commons.math3.stat.ranking.NaturalRanking().rank(differences);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (b[i] > a[i]) {
        sum += ranks[i];
      }
    }
    return sum;
  }

  /**
   * Independent ratings: Mann-Whitney U test (normal approximation with tie correction). Effect
   * size: rank-biserial correlation (positive: B higher).
   */
  public static TestResult compareRatings(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    if (n1 == 0 || n2 == 0) {
      return new TestResult(
          "Mann-Whitney U test", n1, n2, Double.NaN, Double.NaN, "rank-biserial r", Double.NaN);
    }
    double[] all = new double[n1 + n2];
    System.arraycopy(a, 0, all, 0, n1);
    System.arraycopy(b, 0, all, n1, n2);
    double[] ranks = new org.apache.commons.math3.stat.ranking.NaturalRanking().rank(all);
    double rankSumB = 0;
    for (int i = n1; i < n1 + n2; i++) {
      rankSumB += ranks[i];
    }
    double uB = rankSumB - n2 * (n2 + 1) / 2.0;
    double uA = (double) n1 * n2 - uB;
    double u = Math.min(uA, uB);
    int n = n1 + n2;
    double ties = 0;
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && sorted[j] == sorted[i]) {
        j++;
      }
      double t = j - i;
      ties += t * t * t - t;
      i = j;
    }
    double variance = n1 * n2 / 12.0 * ((n + 1) - ties / ((double) n * (n - 1)));
    double p;
    if (variance <= 0) {
      p = 1.0;
    } else {
      double z = (Math.abs(uB - n1 * n2 / 2.0) - 0.5) / Math.sqrt(variance);
      p =
          2
              * (1
                  - new org.apache.commons.math3.distribution.NormalDistribution()
                      .cumulativeProbability(Math.max(0, z)));
    }
    double r = (uB - uA) / ((double) n1 * n2);
    return new TestResult("Mann-Whitney U test", n1, n2, u, Math.min(1.0, p), "rank-biserial r", r);
  }

  /** The p-value in words a product person reads: "about 2 times in 100". */
  public static String chanceInWords(double pValue) {
    if (Double.isNaN(pValue)) {
      return "not enough answers to tell";
    }
    if (pValue < 0.001) {
      return "less than once in 1,000";
    }
    if (pValue < 0.01) {
      return "about " + Math.max(1, Math.round(pValue * 1000)) + " times in 1,000";
    }
    return "about " + Math.round(pValue * 100) + " times in 100";
  }
}
