package com.earshot.insights.dashboard;

import com.earshot.insights.statistics.BoundedMean;
import com.earshot.insights.statistics.Statistics;

/**
 * A rating's interval as the pages print it: {@link BoundedMean}'s from the tally, itself checked
 * against Jeffreys' interval and by simulated coverage in BoundedMeanTests.
 */
final class Intervals {

  private Intervals() {}

  static String of(double... ratings) {
    Statistics.MeanInterval bounded = BoundedMean.interval(Statistics.tally(ratings), 1, 5);
    return String.format("%.2f – %.2f", bounded.low(), bounded.high());
  }

  /** {@code count} ratings alternating between {@code low} and {@code low + 1}, from low. */
  static String alternating(int count, int low) {
    double[] ratings = new double[count];
    for (int i = 0; i < count; i++) {
      ratings[i] = low + i % 2;
    }
    return of(ratings);
  }
}
