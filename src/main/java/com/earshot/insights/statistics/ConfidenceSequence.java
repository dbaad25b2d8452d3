package com.earshot.insights.statistics;

/**
 * An always-valid interval: the chance that it ever misses the truth, however often it is looked at
 * and whenever the study stops, is at most α. A plain 95% interval checked after every ten testers
 * declares false winners far more often than 5%. The formula is GrowthBook's sequential test
 * ({@code gbstats.frequentist.tests.sequential_interval_halfwidth}), the asymptotic confidence
 * sequence of Waudby-Smith et al. (2023, arXiv 2103.06476, eq. 9), with ρ tuned so the interval is
 * tightest when the study reaches the tuning sample size (eq. 161).
 */
public final class ConfidenceSequence {

  /** GrowthBook's default tuning parameter N*: the total sample size the interval is tuned for. */
  public static final long DEFAULT_TUNING = 5000;

  private ConfidenceSequence() {}

  /** An estimate with its always-valid interval. */
  public record Interval(double estimate, double low, double high) {

    /** Whether the interval rules the value out: a decision can be made. */
    public boolean excludes(double value) {
      return value < low || value > high;
    }
  }

  /**
   * ρ for a two-sided sequence tuned to a total sample size (GrowthBook's {@code sequential_rho}).
   */
  static double rho(double alpha, long tuning) {
    double log = -2 * Math.log(alpha);
    return Math.sqrt((log + Math.log(log + 1)) / tuning);
  }

  /**
   * The half-width of the two-sided sequence for an estimate with this standard error on n
   * observations in all (both arms together, as GrowthBook counts them).
   */
  public static double halfWidth(double standardError, long n, double alpha, long tuning) {
    if (n <= 0 || Double.isNaN(standardError)) {
      return Double.NaN;
    }
    double rho = rho(alpha, tuning);
    double nRho2 = n * rho * rho;
    double s2 = standardError * standardError * n;
    double nRhoSquared = (n * rho) * (n * rho);
    return Math.sqrt(s2)
        * Math.sqrt(2 * (nRho2 + 1) * Math.log(Math.sqrt(nRho2 + 1) / alpha) / nRhoSquared);
  }

  /**
   * B's mean minus A's, with variances the sample variances (n − 1), as GrowthBook's absolute
   * difference: standard error √(varA/nA + varB/nB) on nA + nB observations. NaN without an
   * observation in each arm.
   */
  public static Interval differenceOfMeans(
      long nA,
      double meanA,
      double varianceA,
      long nB,
      double meanB,
      double varianceB,
      double alpha,
      long tuning) {
    if (nA == 0 || nB == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }
    double estimate = meanB - meanA;
    double standardError = Math.sqrt(varianceA / nA + varianceB / nB);
    double half = halfWidth(standardError, nA + nB, alpha, tuning);
    return new Interval(estimate, estimate - half, estimate + half);
  }

  /**
   * A single share (say, of head-to-head votes for B) tested against a null value (½: no
   * preference). The variance is the null's, p0(1 − p0): at ½ it is the largest any share can have,
   * so the interval is valid whatever the true share, and it does not collapse to a point after a
   * run of unanimous votes as p̂(1 − p̂) would. Cut at 0 and 1; NaN without votes.
   */
  public static Interval proportion(
      long successes, long n, double nullValue, double alpha, long tuning) {
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }
    double estimate = (double) successes / n;
    double standardError = Math.sqrt(nullValue * (1 - nullValue) / n);
    double half = halfWidth(standardError, n, alpha, tuning);
    return new Interval(estimate, Math.max(0, estimate - half), Math.min(1, estimate + half));
  }
}
