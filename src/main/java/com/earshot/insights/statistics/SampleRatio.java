package com.earshot.insights.statistics;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Sample ratio mismatch: whether sessions reached the agents in the shares they were meant to. A
 * mismatch means the assignment is broken (a crashing agent, a filter that drops one arm), and no
 * comparison of the arms can be trusted until it is fixed. The check is GrowthBook's ({@code
 * gbstats.utils.check_srm}): chi-square goodness of fit, flagged below p = 0.001.
 */
public final class SampleRatio {

  /** Below this p-value the split is called a mismatch. */
  public static final double THRESHOLD = 0.001;

  private SampleRatio() {}

  /** The chi-square statistic, its degrees of freedom, p-value and whether it is a mismatch. */
  public record Check(double chiSquare, long degreesOfFreedom, double pValue, boolean mismatch) {}

  /**
   * Chi-square goodness of fit of the observed counts to the expected shares (any positive weights;
   * they are normalised). Without sessions there is nothing to mismatch: p = 1.
   */
  public static Check test(long[] observed, double[] expectedShares) {
    if (observed.length != expectedShares.length || observed.length < 2) {
      throw new IllegalArgumentException("one expected share for each of two or more arms");
    }
    long total = 0;
    double weights = 0;
    for (int i = 0; i < observed.length; i++) {
      if (!(expectedShares[i] > 0)) {
        throw new IllegalArgumentException("expected shares must be positive");
      }
      total += observed[i];
      weights += expectedShares[i];
    }
    long degrees = observed.length - 1;
    if (total == 0) {
      return new Check(0, degrees, 1.0, false);
    }
    double chiSquare = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = expectedShares[i] / weights * total;
      chiSquare += (observed[i] - expected) * (observed[i] - expected) / expected;
    }
    double p = 1 - new ChiSquaredDistribution(null, degrees).cumulativeProbability(chiSquare);
    return new Check(chiSquare, degrees, p, p < THRESHOLD);
  }
}
