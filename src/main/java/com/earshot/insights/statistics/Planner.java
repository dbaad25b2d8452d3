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
    // the normal approximation 2(z + z)²/effect² is a little low: four times it brackets the answer
    double z =
        NORMAL.inverseCumulativeProbability(1 - alpha / 2)
            + NORMAL.inverseCumulativeProbability(power);
    double approximate = 2 * z * z / (effect * effect);
    return new BrentSolver(1e-10)
        .solve(1000, n -> tTestPower(n, effect, alpha) - power, 2, 4 * approximate + 10);
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
   * Ratings per agent at which a study that reads the confidence sequence (tuned to 2n in all)
   * after every {@code lookEvery} testers per agent, and at n, declares the difference with the
   * given power. The power counts every look: the chance that the sequence leaves 0 out at any of
   * them, for normal means with a known sd, computed by numerical integration over the looks
   * (Armitage, McPherson and Rowe 1969) and searched for the smallest such n.
   */
  public static long sequentialRatingsPerAgent(
      double difference, double standardDeviation, double alpha, double power, int lookEvery) {
    double variance = standardDeviation * standardDeviation;
    return smallest(
        n -> sequentialPower(difference, 2 * variance, n, lookEvery, alpha, 2 * n), power);
  }

  /** The same for two proportions p1 and p2: variance p(1 − p) in each arm. */
  public static long sequentialProportionsPerAgent(
      double p1, double p2, double alpha, double power, int lookEvery) {
    double variances = p1 * (1 - p1) + p2 * (1 - p2);
    return smallest(n -> sequentialPower(p2 - p1, variances, n, lookEvery, alpha, 2 * n), power);
  }

  /** Points of the grid each look's density is carried on. */
  private static final int GRID = 200;

  /**
   * Chance that the sequence leaves 0 out at some look: looks after every {@code lookEvery} pairs
   * and at n, the per-pair difference having this mean and variance (the sum of the arms'). The sum
   * S of the pairs' differences is a random walk; the study stops when |S| passes n·h(n), h the
   * sequence's half-width at that look. The density of S among studies still running is carried
   * from look to look on a grid (midpoint rule).
   */
  static double sequentialPower(
      double difference, double variances, long n, int lookEvery, double alpha, long tuning) {
    double sd = Math.sqrt(variances);
    double[] density = null;
    double[] grid = null;
    double width = 0;
    double stopped = 0;
    long previous = 0;
    while (previous < n) {
      long looked = Math.min(n, previous + lookEvery);
      long more = looked - previous;
      double drift = more * difference;
      double spread = sd * Math.sqrt(more);
      double bound =
          looked * ConfidenceSequence.halfWidth(sd / Math.sqrt(looked), 2 * looked, alpha, tuning);
      double[] nextGrid = new double[GRID];
      double nextWidth = 2 * bound / GRID;
      for (int i = 0; i < GRID; i++) {
        nextGrid[i] = -bound + (i + 0.5) * nextWidth;
      }
      double[] next = new double[GRID];
      if (density == null) {
        stopped += outside(0, drift, spread, bound);
        for (int i = 0; i < GRID; i++) {
          next[i] = normalDensity(nextGrid[i], drift, spread);
        }
      } else {
        for (int j = 0; j < GRID; j++) {
          double mass = density[j] * width;
          if (mass < 1e-300) {
            continue;
          }
          stopped += mass * outside(grid[j], drift, spread, bound);
          for (int i = 0; i < GRID; i++) {
            next[i] += mass * normalDensity(nextGrid[i], grid[j] + drift, spread);
          }
        }
      }
      density = next;
      grid = nextGrid;
      width = nextWidth;
      previous = looked;
    }
    return stopped;
  }

  /** P(|from + N(drift, spread²)| ≥ bound). */
  private static double outside(double from, double drift, double spread, double bound) {
    double centre = from + drift;
    return NORMAL.cumulativeProbability((-bound - centre) / spread)
        + NORMAL.cumulativeProbability((centre - bound) / spread);
  }

  private static double normalDensity(double x, double mean, double sd) {
    double z = (x - mean) / sd;
    return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
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
