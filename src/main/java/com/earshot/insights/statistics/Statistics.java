package com.earshot.insights.statistics;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
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

  /** The scale every rating question is answered on. */
  public static final int LOWEST_RATING = 1;

  public static final int HIGHEST_RATING = 5;

  /** A mean with its two-sided 95% interval. */
  public record MeanInterval(long n, double mean, double low, double high) {}

  /**
   * The mean of ratings with a 95% interval that never leaves 1–5 ({@link BoundedMean}): Student's
   * t, which assumes unbounded data, reaches past the ends (4.8 ± 0.56 from 5 5 5 5 4).
   */
  public static MeanInterval meanRating(SortedMap<Double, Long> counts) {
    return BoundedMean.interval(counts, LOWEST_RATING, HIGHEST_RATING);
  }

  /** The mean with Student's t interval. */
  public static MeanInterval meanWithConfidence(double[] values) {
    return meanWithConfidence(tally(values));
  }

  /** The same from a tally: how many times each value was given. */
  public static MeanInterval meanWithConfidence(SortedMap<Double, Long> counts) {
    long n = 0;
    double sum = 0;
    for (Map.Entry<Double, Long> entry : counts.entrySet()) {
      n += entry.getValue();
      sum += entry.getKey() * entry.getValue();
    }
    if (n == 0) {
      return new MeanInterval(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    if (n == 1) {
      return new MeanInterval(1, mean, Double.NaN, Double.NaN);
    }
    double squares = 0;
    for (Map.Entry<Double, Long> entry : counts.entrySet()) {
      squares += entry.getValue() * (entry.getKey() - mean) * (entry.getKey() - mean);
    }
    double deviation = Math.sqrt(squares / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    double half = t * deviation / Math.sqrt(n);
    return new MeanInterval(n, mean, mean - half, mean + half);
  }

  /** How many times each value occurs. */
  public static SortedMap<Double, Long> tally(double[] values) {
    SortedMap<Double, Long> counts = new TreeMap<>();
    for (double value : values) {
      counts.merge(value, 1L, Long::sum);
    }
    return counts;
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
    SortedMap<Double, Long> differences = new TreeMap<>();
    for (int i = 0; i < a.length; i++) {
      differences.merge(b[i] - a[i], 1L, Long::sum);
    }
    return compareRatingsPaired(differences);
  }

  /**
   * The same from a tally of the pairs' differences (B − A → how many pairs). Works in sums over
   * tied groups, so a million pairs cost no more than ten. Beyond 30 pairs: the normal
   * approximation with tie correction, computed here because Commons Math's has none, corrects for
   * continuity away from the mean and overflows past 46,340 pairs.
   */
  public static TestResult compareRatingsPaired(SortedMap<Double, Long> differences) {
    long pairs = differences.values().stream().mapToLong(Long::longValue).sum();
    SortedMap<Double, long[]> byMagnitude = new TreeMap<>();
    for (Map.Entry<Double, Long> entry : differences.entrySet()) {
      if (entry.getKey() != 0) {
        long[] signs = byMagnitude.computeIfAbsent(Math.abs(entry.getKey()), d -> new long[2]);
        signs[entry.getKey() > 0 ? 0 : 1] += entry.getValue();
      }
    }
    long n = byMagnitude.values().stream().mapToLong(signs -> signs[0] + signs[1]).sum();
    String test = "Wilcoxon signed-rank test";
    if (n == 0) {
      return new TestResult(test, pairs, pairs, 0, 1.0, "rank-biserial r", 0);
    }
    double higherForB = 0;
    double below = 0;
    double ties = 0;
    for (long[] signs : byMagnitude.values()) {
      double tied = signs[0] + signs[1];
      higherForB += signs[0] * (below + (tied + 1) / 2);
      below += tied;
      ties += tied * tied * tied - tied;
    }
    double totalRank = n * (n + 1) / 2.0;
    double w = Math.max(higherForB, totalRank - higherForB);
    double r = (higherForB - (totalRank - higherForB)) / totalRank;
    double p;
    if (n <= 30) {
      double[][] expanded = expand(byMagnitude);
      p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(expanded[0], expanded[1], true);
    } else {
      // Normal approximation with the tie correction and a continuity correction towards the mean.
      double variance = n * (n + 1.0) * (2 * n + 1) / 24 - ties / 48;
      double z = Math.min(0, totalRank - w - totalRank / 2 + 0.5) / Math.sqrt(variance);
      p = variance <= 0 ? 1.0 : 2 * new NormalDistribution().cumulativeProbability(z);
    }
    return new TestResult(test, pairs, pairs, w, Math.min(1.0, p), "rank-biserial r", r);
  }

  /** Pairs (0, ±magnitude) with the tally's differences, for the exact test. */
  private static double[][] expand(SortedMap<Double, long[]> byMagnitude) {
    int n = (int) byMagnitude.values().stream().mapToLong(signs -> signs[0] + signs[1]).sum();
    double[] a = new double[n];
    double[] b = new double[n];
    int i = 0;
    for (Map.Entry<Double, long[]> entry : byMagnitude.entrySet()) {
      for (int sign = 0; sign < 2; sign++) {
        for (long k = 0; k < entry.getValue()[sign]; k++, i++) {
          b[i] = sign == 0 ? entry.getKey() : -entry.getKey();
        }
      }
    }
    return new double[][] {a, b};
  }

  /**
   * Independent ratings: Mann-Whitney U test (normal approximation with tie correction). Effect
   * size: rank-biserial correlation (positive: B higher).
   */
  public static TestResult compareRatings(double[] a, double[] b) {
    return compareRatings(tally(a), tally(b));
  }

  /** The same from two tallies (value → how many times it was given), in sums over tied groups. */
  public static TestResult compareRatings(SortedMap<Double, Long> a, SortedMap<Double, Long> b) {
    long n1 = a.values().stream().mapToLong(Long::longValue).sum();
    long n2 = b.values().stream().mapToLong(Long::longValue).sum();
    String test = "Mann-Whitney U test";
    if (n1 == 0 || n2 == 0) {
      return new TestResult(test, n1, n2, Double.NaN, Double.NaN, "rank-biserial r", Double.NaN);
    }
    SortedMap<Double, long[]> groups = new TreeMap<>();
    a.forEach((value, count) -> groups.computeIfAbsent(value, v -> new long[2])[0] += count);
    b.forEach((value, count) -> groups.computeIfAbsent(value, v -> new long[2])[1] += count);
    double rankSumB = 0;
    double below = 0;
    double ties = 0;
    for (long[] group : groups.values()) {
      double tied = group[0] + group[1];
      rankSumB += group[1] * (below + (tied + 1) / 2);
      below += tied;
      ties += tied * tied * tied - tied;
    }
    double product = (double) n1 * n2;
    double uB = rankSumB - n2 * (n2 + 1) / 2.0;
    double uA = product - uB;
    double n = n1 + n2;
    double variance = product / 12.0 * ((n + 1) - ties / (n * (n - 1)));
    double p;
    if (variance <= 0) {
      p = 1.0;
    } else {
      double z = (Math.abs(uB - product / 2.0) - 0.5) / Math.sqrt(variance);
      p = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.max(0, z)));
    }
    double r = (uB - uA) / product;
    return new TestResult(test, n1, n2, Math.min(uA, uB), Math.min(1.0, p), "rank-biserial r", r);
  }

  /** Cohen's kappa of two raters with its standard error, 95% interval and number of items. */
  public record Kappa(long n, double kappa, double standardError, double low, double high) {}

  /**
   * Cohen's kappa of a square table ({@code counts[i][j]}: items the first rater put in category i
   * and the second in j), with the large-sample standard error of Fleiss, Cohen and Everitt (1969),
   * as Fleiss, Levin and Paik, Statistical Methods for Rates and Proportions (3rd ed., 2003), give
   * it for an interval around an estimate that is not zero; the interval is kappa ± 1.96 SE.
   * Without items, or when chance alone explains every agreement (pe = 1), kappa is NaN.
   */
  public static Kappa cohensKappa(long[][] counts) {
    int k = counts.length;
    long n = 0;
    for (long[] row : counts) {
      n += Arrays.stream(row).sum();
    }
    if (n == 0) {
      return new Kappa(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] rows = new double[k];
    double[] columns = new double[k];
    double observed = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rows[i] += (double) counts[i][j] / n;
        columns[j] += (double) counts[i][j] / n;
      }
      observed += (double) counts[i][i] / n;
    }
    double chance = 0;
    for (int i = 0; i < k; i++) {
      chance += rows[i] * columns[i];
    }
    if (chance >= 1) {
      return new Kappa(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double kappa = (observed - chance) / (1 - chance);
    double diagonal = 0;
    double offDiagonal = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double p = (double) counts[i][j] / n;
        if (i == j) {
          double term = 1 - (rows[i] + columns[i]) * (1 - kappa);
          diagonal += p * term * term;
        } else {
          double term = columns[i] + rows[j];
          offDiagonal += p * term * term;
        }
      }
    }
    double last = kappa - chance * (1 - kappa);
    double variance =
        (diagonal + (1 - kappa) * (1 - kappa) * offDiagonal - last * last)
            / (n * (1 - chance) * (1 - chance));
    double standardError = Math.sqrt(Math.max(0, variance));
    double z = new NormalDistribution().inverseCumulativeProbability(0.975);
    return new Kappa(n, kappa, standardError, kappa - z * standardError, kappa + z * standardError);
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
    if (pValue >= 0.995) {
      return "almost every time";
    }
    return "about " + Math.round(pValue * 100) + " times in 100";
  }
}
