package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.ConfidenceSequence.Interval;
import org.junit.jupiter.api.Test;

/**
 * Against GrowthBook's own sequential tests, packages/stats/tests/frequentist/test_tests.py, class
 * TestSequentialTTest, on their inputs: A = SampleMeanStatistic(sum=1396.87,
 * sum_squares=52377.9767, n=3000), B = SampleMeanStatistic(sum=2422.7, sum_squares=134698.29,
 * n=3461).
 */
class ConfidenceSequenceTests {

  private static final long N_A = 3000;
  private static final long N_B = 3461;
  private static final double MEAN_A = 1396.87 / N_A;
  private static final double MEAN_B = 2422.7 / N_B;
  private static final double VARIANCE_A = (52377.9767 - 1396.87 * 1396.87 / N_A) / (N_A - 1);
  private static final double VARIANCE_B = (134698.29 - 2422.7 * 2422.7 / N_B) / (N_B - 1);

  @Test
  void shouldMatchGrowthBooksSequentialTestOnRelativeLift() {
    // test_sequential_test_runs (tuning 1000): relative lift 0.50336, uplift stddev 0.33341,
    // ci (-0.55844, 1.56516), so the half-width is (1.56516 + 0.55844) / 2 on 3000 + 3461 users
    // (stddev 0.3334122146400735 unrounded, from TestSequentialOneSidedGreaterTTest)
    double half = ConfidenceSequence.halfWidth(0.3334122146400735, N_A + N_B, 0.05, 1000);
    assertThat(half).isCloseTo((1.56516 + 0.55844) / 2, within(1e-5));
    assertThat(0.50336 - half).isCloseTo(-0.55844, within(1e-5));
  }

  @Test
  void shouldMatchGrowthBooksSequentialTestOnProportions() {
    // test_sequential_test_runs_prop: ProportionStatistic(sum=1396, n=3000) and (2422, 3461),
    // default tuning 5000: lift 0.50386, stddev 0.03386, ci (0.40098, 0.60675); the unrounded
    // stddev 0.033860214798231224 is from running their SequentialTwoSidedTTest on those inputs
    double half = ConfidenceSequence.halfWidth(0.033860214798231224, N_A + N_B, 0.05, 5000);
    assertThat(half).isCloseTo((0.60675 - 0.40098) / 2, within(1e-5));
  }

  @Test
  void shouldMatchGrowthBooksAbsoluteDifferenceOfMeans() {
    // GrowthBook's tests assert the absolute case only one-sided (test_one_sided_ttest_absolute:
    // expected 0.23437666666666668, stddev 0.12983081254184736); the two-sided absolute interval
    // is from running their SequentialTwoSidedTTest with SequentialConfig(difference_type=
    // "absolute", sequential_tuning_parameter=1000) on the same inputs: (-0.17908917909394972,
    // 0.6478425124272831); with the default 5000: (-0.16011652842982782, 0.6288698617631612)
    Interval interval =
        ConfidenceSequence.differenceOfMeans(
            N_A, MEAN_A, VARIANCE_A, N_B, MEAN_B, VARIANCE_B, 0.05, 1000);
    assertThat(interval.estimate()).isCloseTo(0.23437666666666668, within(1e-12));
    assertThat(Math.sqrt(VARIANCE_A / N_A + VARIANCE_B / N_B))
        .isCloseTo(0.12983081254184736, within(1e-12));
    assertThat(interval.low()).isCloseTo(-0.17908917909394972, within(1e-10));
    assertThat(interval.high()).isCloseTo(0.6478425124272831, within(1e-10));
    assertThat(interval.excludes(0)).isFalse();
    Interval byDefault =
        ConfidenceSequence.differenceOfMeans(
            N_A,
            MEAN_A,
            VARIANCE_A,
            N_B,
            MEAN_B,
            VARIANCE_B,
            0.05,
            ConfidenceSequence.DEFAULT_TUNING);
    assertThat(byDefault.low()).isCloseTo(-0.16011652842982782, within(1e-10));
    assertThat(byDefault.high()).isCloseTo(0.6288698617631612, within(1e-10));
  }

  @Test
  void shouldMatchGrowthBooksRho() {
    // gbstats sequential_rho(0.05, 5000) = 0.03984006677137368, (0.05, 1000) = 0.08908509752892212
    assertThat(ConfidenceSequence.rho(0.05, 5000)).isCloseTo(0.03984006677137368, within(1e-14));
    assertThat(ConfidenceSequence.rho(0.05, 1000)).isCloseTo(0.08908509752892212, within(1e-14));
    // gbstats sequential_interval_halfwidth(s2=1.0, n=100, 200, 0.05) = 0.308356871436835
    assertThat(ConfidenceSequence.halfWidth(Math.sqrt(1.0 / 100), 100, 0.05, 200))
        .isCloseTo(0.308356871436835, within(1e-12));
  }

  @Test
  void shouldBeWiderThanTheFixedIntervalEverywhere() {
    // the price of looking as often as one likes: wider than 1.96 SE at every n
    for (long n : new long[] {10, 100, 1000, 5000, 100_000}) {
      assertThat(ConfidenceSequence.halfWidth(1.0, n, 0.05, 5000)).isGreaterThan(1.96);
    }
  }

  @Test
  void shouldTestAPreferenceAgainstAHalf() {
    // 70 of 100 votes for B: variance 1/4 under no preference, se 0.05 on 100 votes, tuning 100;
    // the half-width is halfWidth(0.05, 100, 0.05, 100) = 3.0350… × 0.05 (see the Planner's
    // derivation: √(2(c + 1) ln(√(c + 1)/α)/c) with c = Nρ² = −2 ln α + ln(1 − 2 ln α))
    double c = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));
    double expectedHalf = 0.05 * Math.sqrt(2 * (c + 1) * Math.log(Math.sqrt(c + 1) / 0.05) / c);
    Interval votes = ConfidenceSequence.proportion(70, 100, 0.5, 0.05, 100);
    assertThat(votes.estimate()).isCloseTo(0.7, within(1e-12));
    assertThat(votes.high() - votes.estimate()).isCloseTo(expectedHalf, within(1e-12));
    assertThat(votes.excludes(0.5)).isTrue();
    // 55 of 100: not yet
    assertThat(ConfidenceSequence.proportion(55, 100, 0.5, 0.05, 100).excludes(0.5)).isFalse();
    // unanimous votes: cut at 1
    assertThat(ConfidenceSequence.proportion(10, 10, 0.5, 0.05, 100).high()).isEqualTo(1.0);
    assertThat(ConfidenceSequence.proportion(0, 0, 0.5, 0.05, 100).low()).isNaN();
  }
}
