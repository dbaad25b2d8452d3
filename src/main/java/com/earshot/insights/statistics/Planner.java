package com.earshot.insights.statistics;

import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * How many testers each agent needs before a study can tell a difference of a given size. The
 * classical fixed-sample answers (R's {@code power.t.test} and {@code power.prop.test}) are here to
 * check against; the product shows the sequential ones, because it only ever declares a winner
 * through the {@link ConfidenceSequence}, which needs more testers for the same power in exchange
 * for being allowed to look after every round.
 */
public final class Planner {

  private static final NormalDistribution NORMAL = new NormalDistribution();

  private Planner() {}

  /**
   * Ratings per agent for a two-sample, two-sided t-test (equal n, equal sd) to find the difference
   * with the given power, as R's {@code power.t.test}: the power from the noncentral t, solved for
   * n. Fractional, as R gives it; round up to plan.
   */
  public static double ratingsPerAgent(
      double difference, double standardDeviation, double alpha, double power) {
    double effect = Math.abs(difference) / standardDeviation;
    return new BrentSolver(1e-10).solve(1000, n -> tTestPower(n, effect, alpha) - power, 2, 1e7);
  }

  /** Power of the two-sided two-sample t-test with n per group and effect δ/σ. */
  static double tTestPower(double n, double effect, double alpha) {
    double df = 2 * (n - 1);
    double q = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    double ncp = effect * Math.sqrt(n / 2);
    return noncentralTUpper(q, df, ncp) + noncentralTUpper(q, df, -ncp);
  }

  /**
   * P(T > q) for T = (Z + ncp) / √(V/df), V ~ χ²(df): E over V of Φ(ncp − q√(V/df)), integrated
   * with Simpson's rule over V's 1e-12 … 1 − 1e-12 quantiles.
   */
  static double noncentralTUpper(double q, double df, double ncp) {
    ChiSquaredDistribution chi = new ChiSquaredDistribution(null, df);
    double from = chi.inverseCumulativeProbability(1e-12);
    double to = chi.inverseCumulativeProbability(1 - 1e-12);
    int steps = 2000;
    double h = (to - from) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double v = from + i * h;
      double f = chi.density(v) * NORMAL.cumulativeProbability(ncp - q * Math.sqrt(v / df));
      sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    return sum * h / 3;
  }

  /**
   * Answers per agent for comparing two proportions, as R's {@code power.prop.test} (its default,
   * {@code strict = FALSE}: the far tail left out, which gives n in closed form).
   */
  public static double proportionsPerAgent(double p1, double p2, double alpha, double power) {
    double zAlpha = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    double zBeta = NORMAL.inverseCumulativeProbability(power);
    double mean = (p1 + p2) / 2;
    double root =
        zAlpha * Math.sqrt(2 * mean * (1 - mean))
            + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return Math.pow(root / (p1 - p2), 2);
  }

  /**
   * Ratings per agent for the confidence sequence, tuned to 2n in all, to exclude 0 at n per agent
   * with the given power (normal approximation with known sd). Looking earlier only adds chances to
   * decide, so this n is enough however often the study is looked at.
   */
  public static long sequentialRatingsPerAgent(
      double difference, double standardDeviation, double alpha, double power) {
    double variance = standardDeviation * standardDeviation;
    return smallest(n -> sequentialPower(difference, 2 * variance, n, alpha), power);
  }

  /** The same for two proportions: variance p(1 − p) in each arm. */
  public static long sequentialProportionsPerAgent(
      double p1, double p2, double alpha, double power) {
    double variances = p1 * (1 - p1) + p2 * (1 - p2);
    return smallest(n -> sequentialPower(p2 - p1, variances, n, alpha), power);
  }

  /** Chance that the sequence at n per agent (2n in all, tuned to 2n) leaves 0 out. */
  static double sequentialPower(double difference, double variances, long n, double alpha) {
    double standardError = Math.sqrt(variances / n);
    double half = ConfidenceSequence.halfWidth(standardError, 2 * n, alpha, 2 * n);
    double shift = Math.abs(difference) / standardError;
    double width = half / standardError;
    return NORMAL.cumulativeProbability(shift - width)
        + NORMAL.cumulativeProbability(-shift - width);
  }

  /** The smallest n ≥ 2 whose power reaches the target: doubling, then bisection. */
  private static long smallest(LongToDoubleFunction powerAt, double target) {
    long high = 2;
    while (powerAt.applyAsDouble(high) < target) {
      if (high > Long.MAX_VALUE / 4) {
        throw new IllegalArgumentException("no sample size reaches that power");
      }
      high *= 2;
    }
    long low = high / 2;
    if (high == 2) {
      return 2;
    }
    while (high - low > 1) {
      long mid = (low + high) >>> 1;
      if (powerAt.applyAsDouble(mid) >= target) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }
}
