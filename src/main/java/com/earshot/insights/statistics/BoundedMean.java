package com.earshot.insights.statistics;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An interval for the mean of ratings that never leaves the scale: the Bayesian bootstrap over the
 * scale points. The shares of the K points get a Dirichlet(count + 1/K) posterior: one count of
 * prior in all, spread evenly (on a two-point scale ½ each, Jeffreys' prior, so exactly the
 * Jeffreys interval for a proportion). A prior of ½ on each of five points would weigh 2.5 ratings
 * and pull small samples to the middle: five 5s would get 3.3 – 4.9, leaving out their own mean.
 * The interval is the 2.5% and 97.5% quantiles of Σ share·point over {@value #DRAWS} draws. A mean
 * of shares of 1–5 lies in 1–5, so no bound can pass the ends, unlike Student's t (5 5 5 5 4
 * reaches 5.36).
 *
 * <p>The draws are seeded from the tally, so the same tally always gives the same interval, and
 * their cost is draws × scale points whatever the number of ratings.
 */
public final class BoundedMean {

  /** How many posterior draws make the quantiles: Monte Carlo error about 0.01 on 1–5 at n = 30. */
  static final int DRAWS = 4000;

  private BoundedMean() {}

  /**
   * The mean of the ratings (value → how many times given) with its 95% interval on the integer
   * scale lowest..highest; values off the scale's integer points are refused. NaN bounds without
   * ratings.
   */
  public static Statistics.MeanInterval interval(
      SortedMap<Double, Long> counts, int lowest, int highest) {
    long[] tally = tally(counts, lowest, highest);
    long seed = Arrays.hashCode(tally) * 31L + lowest * 1_000_003L + highest;
    return interval(tally, lowest, new SplittableRandom(seed));
  }

  /** The same with the draws taken from the given generator (for tests that count them). */
  static Statistics.MeanInterval interval(
      SortedMap<Double, Long> counts, int lowest, int highest, RandomGenerator random) {
    return interval(tally(counts, lowest, highest), lowest, random);
  }

  private static long[] tally(SortedMap<Double, Long> counts, int lowest, int highest) {
    if (highest <= lowest) {
      throw new IllegalArgumentException("the scale needs two points or more");
    }
    long[] tally = new long[highest - lowest + 1];
    for (Map.Entry<Double, Long> entry : counts.entrySet()) {
      double value = entry.getKey();
      if (value != Math.rint(value) || value < lowest || value > highest) {
        throw new IllegalArgumentException("not a point of the scale: " + value);
      }
      tally[(int) value - lowest] += entry.getValue();
    }
    return tally;
  }

  private static Statistics.MeanInterval interval(
      long[] tally, int lowest, RandomGenerator random) {
    long n = 0;
    double sum = 0;
    for (int k = 0; k < tally.length; k++) {
      n += tally[k];
      sum += (double) tally[k] * (lowest + k);
    }
    if (n == 0) {
      return new Statistics.MeanInterval(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double prior = 1.0 / tally.length;
    double[] means = new double[DRAWS];
    for (int d = 0; d < DRAWS; d++) {
      double total = 0;
      double weighted = 0;
      for (int k = 0; k < tally.length; k++) {
        double g = gamma(tally[k] + prior, random);
        total += g;
        weighted += g * (lowest + k);
      }
      means[d] = weighted / total;
    }
    Arrays.sort(means);
    double highest = lowest + tally.length - 1;
    // Every rating at an end: that end is the bound, as Brown, Cai & DasGupta (2001) set Jeffreys'
    // bound for x = 0 or x = n, so the interval holds the mean it is shown with.
    double low = tally[0] == n ? lowest : Math.max(lowest, quantile(means, 0.025));
    double high =
        tally[tally.length - 1] == n ? highest : Math.min(highest, quantile(means, 0.975));
    return new Statistics.MeanInterval(n, sum / n, low, high);
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /**
   * A Gamma(shape, 1) draw by Marsaglia and Tsang (2000), with their squeeze that spares the logs
   * for about 98% of draws; below shape 1, Gamma(shape + 1) · U^(1/shape). The JDK's generators
   * draw normals by a ziggurat, several times faster than Box and Muller's logs and cosines.
   */
  static double gamma(double shape, RandomGenerator random) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      double xx = x * x;
      if (u < 1 - 0.0331 * xx * xx) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * xx + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
