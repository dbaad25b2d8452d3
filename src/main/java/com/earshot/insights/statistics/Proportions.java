package com.earshot.insights.statistics;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A share of yes answers with an interval that behaves at 0 and 1 and on few answers (Wilson's,
 * where the textbook p ± 1.96 SE collapses to a point), and the exact binomial test.
 */
public final class Proportions {

  /** scipy's relative tolerance for "no more likely than the observed count". */
  private static final double RELATIVE_TOLERANCE = 1 + 1e-7;

  private Proportions() {}

  /** successes out of n, the share and its 95% interval. */
  public record Proportion(long successes, long n, double estimate, double low, double high) {}

  /** The 95% Wilson score interval; NaN estimate and bounds without answers. */
  public static Proportion wilson(long successes, long n) {
    if (n == 0) {
      return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    double z = new NormalDistribution().inverseCumulativeProbability(0.975);
    double p = (double) successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Proportion(successes, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * The exact two-sided binomial test as {@code scipy.stats.binomtest} computes it: the probability
   * of every count no more likely than the observed one. It walks the counts on the other side of
   * the mode, so it costs O(n) only in the worst case and far less near the mode.
   */
  public static double binomialTest(long successes, long n, double p) {
    if (n == 0) {
      return 1.0;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("n too large for the exact test: " + n);
    }
    BinomialDistribution binomial = new BinomialDistribution(null, (int) n, p);
    int k = (int) successes;
    double observed = binomial.probability(k);
    double limit = observed * RELATIVE_TOLERANCE;
    double expected = n * p;
    if (k == expected) {
      return 1.0;
    }
    double pValue;
    if (k < expected) {
      // the counts above the mode with probability <= observed: from the first such count up
      int j = firstAtMost(binomial, (int) Math.ceil(expected), (int) n, limit, true);
      pValue =
          binomial.cumulativeProbability(k)
              + (j > n ? 0 : 1 - binomial.cumulativeProbability(j - 1));
    } else {
      int j = firstAtMost(binomial, 0, (int) Math.floor(expected), limit, false);
      pValue =
          (j < 0 ? 0 : binomial.cumulativeProbability(j))
              + 1
              - binomial.cumulativeProbability(k - 1);
    }
    return Math.min(1.0, pValue);
  }

  /**
   * Above the mode ({@code upwards}): the smallest j in [from, to] whose probability is at most the
   * limit (to + 1 if none). Below it: the largest such j in [from, to] (from − 1 if none).
   * Probabilities fall monotonically away from the mode, so a bisection finds it.
   */
  private static int firstAtMost(
      BinomialDistribution binomial, int from, int to, double limit, boolean upwards) {
    int lo = from;
    int hi = to;
    if (upwards) {
      int answer = to + 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (binomial.probability(mid) <= limit) {
          answer = mid;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      return answer;
    }
    int answer = from - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (binomial.probability(mid) <= limit) {
        answer = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return answer;
  }
}
