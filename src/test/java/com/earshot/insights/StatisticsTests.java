package com.earshot.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.Statistics;
import com.earshot.insights.statistics.Statistics.TestResult;
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
  void shouldSayThePValueInWords() {
    assertThat(Statistics.chanceInWords(0.02)).isEqualTo("about 2 times in 100");
    assertThat(Statistics.chanceInWords(0.004)).isEqualTo("about 4 times in 1,000");
    assertThat(Statistics.chanceInWords(0.0001)).isEqualTo("less than once in 1,000");
  }
}
