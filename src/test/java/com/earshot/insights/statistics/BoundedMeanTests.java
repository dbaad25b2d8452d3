package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class BoundedMeanTests {

  /** Monte Carlo error allowed on a quantile from 4000 draws (a few of its standard errors). */
  private static final double MONTE_CARLO = 0.02;

  @Test
  void shouldBeTheJeffreysIntervalOnATwoPointScale() {
    // On 0–1 the mean is the share of 1s and its weight is Beta(x + ½, n − x + ½): the Jeffreys
    // interval of Brown, Cai and DasGupta (2001). scipy 1.17 beta.ppf([.025, .975], 3.5, 7.5):
    // 0.09269459393815316, 0.6058183181486713; beta.ppf(.., 17.5, 13.5): 0.390060271935609,
    // 0.7310808335552709
    Statistics.MeanInterval three = BoundedMean.interval(ratings(0, 7L, 3L), 0, 1);
    assertThat(new BetaDistribution(3.5, 7.5).inverseCumulativeProbability(0.025))
        .isCloseTo(0.09269459393815316, within(1e-8));
    assertThat(three.mean()).isCloseTo(0.3, within(1e-12));
    assertThat(three.low()).isCloseTo(0.09269459393815316, within(MONTE_CARLO));
    assertThat(three.high()).isCloseTo(0.6058183181486713, within(MONTE_CARLO));
    Statistics.MeanInterval seventeen = BoundedMean.interval(ratings(0, 13L, 17L), 0, 1);
    BetaDistribution beta = new BetaDistribution(17.5, 13.5);
    assertThat(beta.inverseCumulativeProbability(0.975))
        .isCloseTo(0.7310808335552709, within(1e-8));
    assertThat(seventeen.low()).isCloseTo(0.390060271935609, within(MONTE_CARLO));
    assertThat(seventeen.high()).isCloseTo(0.7310808335552709, within(MONTE_CARLO));
  }

  @Test
  void shouldStayOnTheScaleWhereStudentsTLeavesIt() {
    // 5 5 5 5 4: Student's t gives 4.2447 – 5.3553 (StatisticsTests)
    SortedMap<Double, Long> high = Statistics.tally(new double[] {5, 5, 5, 5, 4});
    assertThat(Statistics.meanWithConfidence(high).high()).isGreaterThan(5.3);
    Statistics.MeanInterval bounded = BoundedMean.interval(high, 1, 5);
    assertThat(bounded.mean()).isCloseTo(4.8, within(1e-12));
    assertThat(bounded.high()).isLessThanOrEqualTo(5.0).isGreaterThan(4.5);
    assertThat(bounded.low()).isGreaterThanOrEqualTo(1.0).isLessThan(bounded.high());
    // one rating has an interval too, inside the scale
    Statistics.MeanInterval one = BoundedMean.interval(Statistics.tally(new double[] {1}), 1, 5);
    assertThat(one.low()).isGreaterThanOrEqualTo(1.0);
    assertThat(one.high()).isLessThanOrEqualTo(5.0).isGreaterThan(one.low());
  }

  @Test
  void shouldHoldTheMeanItIsShownWithEvenFromFewRatingsAtTheEnds() {
    for (double[] ratings :
        new double[][] {
          {5, 5, 5, 5, 5}, {5, 5, 5, 5, 4}, {1}, {5}, {1, 1, 2}, {4, 5}, {3, 3, 3}, {1, 5}
        }) {
      Statistics.MeanInterval bounded = BoundedMean.interval(Statistics.tally(ratings), 1, 5);
      assertThat(bounded.low())
          .as("low of %s", java.util.Arrays.toString(ratings))
          .isLessThanOrEqualTo(bounded.mean());
      assertThat(bounded.high())
          .as("high of %s", java.util.Arrays.toString(ratings))
          .isGreaterThanOrEqualTo(bounded.mean());
    }
    // every rating at the top: the top is the bound (Brown, Cai & DasGupta's rule for x = n)
    assertThat(BoundedMean.interval(Statistics.tally(new double[] {5, 5, 5, 5, 5}), 1, 5).high())
        .isEqualTo(5.0);
  }

  @Test
  void shouldGiveTheSameIntervalForTheSameTally() {
    SortedMap<Double, Long> counts = ratings(1, 3L, 5L, 10L, 8L, 4L);
    Statistics.MeanInterval first = BoundedMean.interval(counts, 1, 5);
    Statistics.MeanInterval second = BoundedMean.interval(new TreeMap<>(counts), 1, 5);
    assertThat(second).isEqualTo(first);
    // and a different tally draws differently
    Statistics.MeanInterval other = BoundedMean.interval(ratings(1, 3L, 5L, 10L, 8L, 5L), 1, 5);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void shouldSayNothingWithoutRatingsAndRefuseValuesOffTheScale() {
    Statistics.MeanInterval none = BoundedMean.interval(new TreeMap<>(), 1, 5);
    assertThat(none.n()).isZero();
    assertThat(none.low()).isNaN();
    assertThat(none.high()).isNaN();
    assertThatThrownBy(() -> BoundedMean.interval(Statistics.tally(new double[] {6}), 1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedMean.interval(Statistics.tally(new double[] {2.5}), 1, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCoverTheTrueMeanNineteenTimesInTwenty() {
    // 2000 seeded samples of 30 ratings from shares .05 .10 .25 .35 .25 (true mean 3.65)
    double[] shares = {0.05, 0.10, 0.25, 0.35, 0.25};
    double truth = 0;
    for (int k = 0; k < shares.length; k++) {
      truth += shares[k] * (k + 1);
    }
    Well19937c random = new Well19937c(16);
    int samples = 2000;
    int covered = 0;
    for (int s = 0; s < samples; s++) {
      long[] counts = new long[5];
      for (int i = 0; i < 30; i++) {
        counts[draw(shares, random.nextDouble())]++;
      }
      Statistics.MeanInterval interval = BoundedMean.interval(ratings(1, counts), 1, 5);
      if (interval.low() <= truth && truth <= interval.high()) {
        covered++;
      }
    }
    double coverage = (double) covered / samples;
    // the binomial standard error at 95% on 2000 samples is 0.005: 93% – 97% is four of them
    assertThat(coverage).isBetween(0.93, 0.97);
  }

  @Test
  void shouldCostTheSameForAMillionRatingsAsForAHundred() {
    // the work is draws × scale points: count the random numbers drawn
    CountingRandom hundred = new CountingRandom();
    BoundedMean.interval(ratings(1, 5L, 10L, 25L, 35L, 25L), 1, 5, hundred);
    CountingRandom million = new CountingRandom();
    BoundedMean.interval(
        ratings(1, 50_000L, 100_000L, 250_000L, 350_000L, 250_000L), 1, 5, million);
    long bound = (long) BoundedMean.DRAWS * 5 * 8;
    assertThat(hundred.calls).isPositive().isLessThan(bound);
    assertThat(million.calls).isLessThanOrEqualTo(hundred.calls);
    // and 200 calls on a million ratings each stay bounded the same way
    CountingRandom many = new CountingRandom();
    for (int i = 0; i < 200; i++) {
      BoundedMean.interval(
          ratings(1, 50_000L, 100_000L, 250_000L, 350_000L, 250_000L + i), 1, 5, many);
    }
    assertThat(many.calls).isLessThan(200 * bound);
  }

  /** A generator that counts the 64-bit blocks of random bits asked of it. */
  private static final class CountingRandom implements java.util.random.RandomGenerator {
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(1L);
    long calls;

    @Override
    public long nextLong() {
      calls++;
      return random.nextLong();
    }
  }

  private static int draw(double[] shares, double u) {
    double cumulative = 0;
    for (int k = 0; k < shares.length; k++) {
      cumulative += shares[k];
      if (u < cumulative) {
        return k;
      }
    }
    return shares.length - 1;
  }

  private static SortedMap<Double, Long> ratings(int lowest, long... counts) {
    SortedMap<Double, Long> tally = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) {
      tally.put((double) (lowest + i), counts[i]);
    }
    return tally;
  }
}
