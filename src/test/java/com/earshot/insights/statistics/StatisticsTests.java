package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.Statistics.TestResult;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each test against published values or a computation done by hand. */
class StatisticsTests {

  @Test
  void shouldGiveTheTDistributionConfidenceIntervalOfAMean() {
    // 1..5: mean 3, s = 1.5811, se = 0.7071, t(0.975, 4) = 2.776445 (t table)
    Statistics.MeanInterval interval = Statistics.meanWithConfidence(new double[] {1, 2, 3, 4, 5});
    assertThat(interval.mean()).isEqualTo(3.0);
    assertThat(interval.low()).isCloseTo(3 - 2.776445 * 0.7071068, within(1e-5));
    assertThat(interval.high()).isCloseTo(3 + 2.776445 * 0.7071068, within(1e-5));
  }

  @Test
  void shouldGiveRatingsTheBoundedIntervalWhereStudentsTLeavesTheScale() {
    // 5 5 5 5 4: mean 4.8, s = 0.4472136, se = 0.2; t gives 4.8 ± 2.776445 × 0.2 = 4.2447 – 5.3553
    double[] high = {5, 5, 5, 5, 4};
    assertThat(Statistics.meanWithConfidence(high).high())
        .isCloseTo(4.8 + 2.776445 * 0.2, within(1e-5));
    Statistics.MeanInterval nearTheTop = Statistics.meanRating(Statistics.tally(high));
    assertThat(nearTheTop).isEqualTo(BoundedMean.interval(Statistics.tally(high), 1, 5));
    assertThat(nearTheTop.mean()).isCloseTo(4.8, within(1e-12));
    assertThat(nearTheTop.high()).isLessThanOrEqualTo(5.0);
    assertThat(nearTheTop.low()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void shouldMatchTheChiSquareTestOfScipysDocumentation() {
    // scipy.stats.chi2_contingency([[10, 10, 20], [20, 20, 20]]): chi2 2.7778, p 0.24935, dof 2
    TestResult result = Statistics.compareChoices(new long[][] {{10, 20}, {10, 20}, {20, 20}});
    assertThat(result.test()).isEqualTo("chi-square test");
    assertThat(result.statistic()).isCloseTo(2.7777778, within(1e-6));
    assertThat(result.pValue()).isCloseTo(0.2493522, within(1e-6));
    assertThat(result.nA()).isEqualTo(40);
    assertThat(result.nB()).isEqualTo(60);
  }

  @Test
  void shouldUseFishersExactTestOnTheLadyTastingTea() {
    // Fisher (1935): 3 of 4 cups right each way; two-sided p = 34/70 = 0.4857
    TestResult result = Statistics.compareChoices(new long[][] {{3, 1}, {1, 3}});
    assertThat(result.test()).isEqualTo("Fisher's exact test");
    assertThat(result.pValue()).isCloseTo(34.0 / 70.0, within(1e-9));
  }

  @Test
  void shouldMatchTheExactWilcoxonSignedRankTestOnDarwinsData() {
    // scipy.stats.wilcoxon on Darwin's cross- vs self-fertilised differences: p = 0.041259765625
    double[] differences = {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};
    TestResult result =
        Statistics.compareRatingsPaired(new double[differences.length], differences);
    assertThat(result.pValue()).isCloseTo(0.041259765625, within(1e-9));
    assertThat(result.effectSize()).isPositive();
  }

  @Test
  void shouldMatchAHandComputedMannWhitneyUTest() {
    // x = 19 22 16 29 24, y = 20 11 17 12: U = 17 and 3; mean 10, variance 16.667 (no ties);
    // z = (7 - 0.5) / 4.0825 = 1.5922, two-sided p = 0.11135 (scipy, asymptotic, continuity)
    TestResult result =
        Statistics.compareRatings(new double[] {19, 22, 16, 29, 24}, new double[] {20, 11, 17, 12});
    assertThat(result.statistic()).isEqualTo(3.0);
    assertThat(result.pValue()).isCloseTo(0.1113469, within(1e-5));
    assertThat(result.effectSize()).isCloseTo((3.0 - 17.0) / 20.0, within(1e-12));
  }

  @Test
  void shouldMatchScipysWilcoxonTestWithTiesOnManyPairs() {
    // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx') on 60
    // differences (5 zeros, many ties): min rank sum 414, p = 0.0022216755866019265
    SortedMap<Double, Long> differences = new TreeMap<>();
    long[][] tally = {{1, 20}, {2, 10}, {-1, 12}, {0, 5}, {-2, 3}, {3, 6}, {-3, 2}, {4, 2}};
    for (long[] entry : tally) {
      differences.put((double) entry[0], entry[1]);
    }
    TestResult result = Statistics.compareRatingsPaired(differences);
    assertThat(result.nA()).isEqualTo(60);
    assertThat(55 * 56 / 2.0 - result.statistic()).isEqualTo(414.0);
    assertThat(result.pValue()).isCloseTo(0.0022216755866019265, within(1e-12));
    assertThat(result.effectSize()).isPositive();
  }

  @Test
  void shouldMatchScipysMannWhitneyTestWithTiedRatings() {
    // scipy.stats.mannwhitneyu(b, a, use_continuity=True, method='asymptotic'): U_B = 625,
    // p = 0.03523734382304001
    SortedMap<Double, Long> a = ratings(3, 5, 10, 8, 4);
    SortedMap<Double, Long> b = ratings(1, 3, 7, 12, 9);
    TestResult result = Statistics.compareRatings(a, b);
    assertThat(result.nA()).isEqualTo(30);
    assertThat(result.nB()).isEqualTo(32);
    assertThat(30 * 32 - result.statistic()).isEqualTo(625.0);
    assertThat(result.pValue()).isCloseTo(0.03523734382304001, within(1e-12));
  }

  @Test
  void shouldGiveTheSameAnswerFromATallyAsFromTheValues() {
    double[] values = {1, 1, 2, 3, 3, 3, 4, 5, 5, 2, 4, 4};
    assertThat(Statistics.meanWithConfidence(Statistics.tally(values)))
        .isEqualTo(Statistics.meanWithConfidence(values));
    Statistics.MeanInterval interval = Statistics.meanWithConfidence(ratings(2, 2, 3, 3, 2));
    assertThat(interval.n()).isEqualTo(12);
    assertThat(interval.mean()).isCloseTo(37.0 / 12, within(1e-12));
  }

  @Test
  void shouldMatchScipyOnAMillionPairs() {
    SortedMap<Double, Long> differences = new TreeMap<>();
    differences.put(-1.0, 500_000L);
    differences.put(1.0, 500_000L);
    TestResult even = Statistics.compareRatingsPaired(differences);
    differences.put(1.0, 502_000L);
    TestResult shifted = Statistics.compareRatingsPaired(differences);
    assertThat(even.pValue()).isCloseTo(1.0, within(1e-3));
    // scipy.stats.wilcoxon on the same 1,002,000 differences: p = 0.045716335636963784
    assertThat(shifted.pValue()).isCloseTo(0.045716335636963784, within(1e-9));
  }

  private static SortedMap<Double, Long> ratings(long... countsFromOne) {
    SortedMap<Double, Long> counts = new TreeMap<>();
    for (int i = 0; i < countsFromOne.length; i++) {
      counts.put(i + 1.0, countsFromOne[i]);
    }
    return counts;
  }

  @Test
  void shouldSayThePValueInWords() {
    assertThat(Statistics.chanceInWords(0.02)).isEqualTo("about 2 times in 100");
    assertThat(Statistics.chanceInWords(0.004)).isEqualTo("about 4 times in 1,000");
    assertThat(Statistics.chanceInWords(0.0001)).isEqualTo("less than once in 1,000");
    assertThat(Statistics.chanceInWords(1.0)).isEqualTo("almost every time");
  }
}
