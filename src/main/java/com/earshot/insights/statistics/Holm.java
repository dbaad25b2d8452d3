package com.earshot.insights.statistics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for many questions compared at once: controls the chance of any false
 * "different" across the family, without Bonferroni's loss of power and without assuming the tests
 * are independent.
 */
public final class Holm {

  private Holm() {}

  /**
   * Holm-adjusted p-values in the input order, monotone in the raw p-values and capped at 1, as R's
   * {@code p.adjust(p, "holm")}. NaN entries (tests that could not run) stay NaN and do not count
   * towards the number of tests.
   */
  public static double[] adjust(double[] pValues) {
    double[] adjusted = new double[pValues.length];
    Arrays.fill(adjusted, Double.NaN);
    Integer[] order =
        IntStream.range(0, pValues.length)
            .filter(i -> !Double.isNaN(pValues[i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> pValues[i]))
            .toArray(Integer[]::new);
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      running = Math.max(running, Math.min(1.0, (m - rank) * pValues[order[rank]]));
      adjusted[order[rank]] = running;
    }
    return adjusted;
  }
}
