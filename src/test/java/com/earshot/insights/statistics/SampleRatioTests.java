package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.SampleRatio.Check;
import org.junit.jupiter.api.Test;

class SampleRatioTests {

  @Test
  void shouldMatchScipysChiSquareGoodnessOfFit() {
    // scipy's chisquare documentation and scipy 1.17: chisquare([16, 18, 16, 14, 12, 12]) gives
    // statistic 2.0, pvalue 0.8491450360846096
    Check check =
        SampleRatio.test(new long[] {16, 18, 16, 14, 12, 12}, new double[] {1, 1, 1, 1, 1, 1});
    assertThat(check.chiSquare()).isCloseTo(2.0, within(1e-12));
    assertThat(check.degreesOfFreedom()).isEqualTo(5);
    assertThat(check.pValue()).isCloseTo(0.8491450360846096, within(1e-10));
    assertThat(check.mismatch()).isFalse();
    // scipy's documentation: chisquare([16, 18, 16, 14, 12, 12], f_exp=[16, 16, 16, 16, 16, 8])
    // gives statistic 3.5, pvalue 0.62338762774958223
    Check weighted =
        SampleRatio.test(new long[] {16, 18, 16, 14, 12, 12}, new double[] {16, 16, 16, 16, 16, 8});
    assertThat(weighted.chiSquare()).isCloseTo(3.5, within(1e-12));
    assertThat(weighted.pValue()).isCloseTo(0.62338762774958223, within(1e-10));
  }

  @Test
  void shouldMatchGrowthBooksSampleRatioCheck() {
    // GrowthBook gbstats.utils.check_srm (packages/stats/gbstats/utils.py), run on these inputs:
    // check_srm([1000, 1100], [0.5, 0.5]) = 0.029096331741252267: uneven, but no mismatch
    Check uneven = SampleRatio.test(new long[] {1000, 1100}, new double[] {0.5, 0.5});
    assertThat(uneven.pValue()).isCloseTo(0.029096331741252267, within(1e-12));
    assertThat(uneven.mismatch()).isFalse();
    // check_srm([5000, 5400], [0.5, 0.5]) = 8.769942375590228e-05: a mismatch
    Check broken = SampleRatio.test(new long[] {5000, 5400}, new double[] {0.5, 0.5});
    assertThat(broken.chiSquare()).isCloseTo(2 * 200.0 * 200 / 5200, within(1e-9));
    assertThat(broken.pValue()).isCloseTo(8.769942375590228e-05, within(1e-12));
    assertThat(broken.mismatch()).isTrue();
    // check_srm([3000, 2000], [0.6, 0.4]) = 1.0: the split asked for
    assertThat(SampleRatio.test(new long[] {3000, 2000}, new double[] {0.6, 0.4}).pValue())
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void shouldNotFlagAStudyWithoutSessions() {
    Check empty = SampleRatio.test(new long[] {0, 0}, new double[] {1, 1});
    assertThat(empty.pValue()).isEqualTo(1.0);
    assertThat(empty.mismatch()).isFalse();
  }
}
