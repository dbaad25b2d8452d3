package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.Proportions.Proportion;
import org.junit.jupiter.api.Test;

class ProportionsTests {

  @Test
  void shouldMatchNewcombesWilsonIntervalFor81Of263() {
    // Newcombe (1998), Stat Med 17:857, Table I, 81/263, method 3 (Wilson score): 0.2553 – 0.3662;
    // scipy 1.17 binomtest(81, 263).proportion_ci(method='wilson'): 0.2552885198782742 –
    // 0.36620957698280004
    Proportion proportion = Proportions.wilson(81, 263);
    assertThat(proportion.estimate()).isCloseTo(81.0 / 263, within(1e-15));
    assertThat(proportion.low()).isCloseTo(0.2552885198782742, within(1e-9));
    assertThat(proportion.high()).isCloseTo(0.36620957698280004, within(1e-9));
  }

  @Test
  void shouldStayAboveZeroWithoutSuccesses() {
    // scipy 1.17 binomtest(0, 20).proportion_ci(method='wilson'): 0.0 – 0.16112515805281935
    Proportion none = Proportions.wilson(0, 20);
    assertThat(none.low()).isEqualTo(0.0);
    assertThat(none.high()).isCloseTo(0.16112515805281935, within(1e-9));
    // scipy 1.17 binomtest(15, 148).proportion_ci(method='wilson'): 0.06238639953073629 –
    // 0.16048724172330803
    Proportion few = Proportions.wilson(15, 148);
    assertThat(few.low()).isCloseTo(0.06238639953073629, within(1e-9));
    assertThat(few.high()).isCloseTo(0.16048724172330803, within(1e-9));
  }

  @Test
  void shouldSayNothingWithoutAnswers() {
    Proportion nothing = Proportions.wilson(0, 0);
    assertThat(nothing.estimate()).isNaN();
    assertThat(nothing.low()).isNaN();
    assertThat(nothing.high()).isNaN();
  }

  @Test
  void shouldMatchScipysExactBinomialTest() {
    // scipy 1.17: binomtest(7, 10, 0.5).pvalue = 0.34375 (also in scipy's documentation)
    assertThat(Proportions.binomialTest(7, 10, 0.5)).isCloseTo(0.34375, within(1e-12));
    // symmetric: 3 of 10 is as far from 5 as 7
    assertThat(Proportions.binomialTest(3, 10, 0.5)).isCloseTo(0.34375, within(1e-12));
    // scipy 1.17: binomtest(3, 15, 0.1).pvalue = 0.18406106910639106 (observed above the mean)
    assertThat(Proportions.binomialTest(3, 15, 0.1)).isCloseTo(0.18406106910639106, within(1e-12));
  }

  @Test
  void shouldMatchScipyOnBothSidesOfTheMean() {
    // scipy 1.17 binomtest(k, n, p).pvalue for each row
    Object[][] cases = {
      {2L, 20L, 0.3, 0.05262794872972706},
      {0L, 5L, 0.5, 0.0625},
      {18L, 20L, 0.3, 3.773088142370997e-08},
      {10L, 30L, 0.25, 0.294462962615145},
      {683L, 1000L, 0.7, 0.24087144571727218},
    };
    for (Object[] row : cases) {
      double expected = (double) row[3];
      assertThat(Proportions.binomialTest((long) row[0], (long) row[1], (double) row[2]))
          .as("binomtest(%s, %s, %s)", row[0], row[1], row[2])
          .isCloseTo(expected, within(expected * 1e-9));
    }
  }

  @Test
  void shouldGiveOneAtTheExpectedCountAndAtNoAnswers() {
    assertThat(Proportions.binomialTest(5, 10, 0.5)).isEqualTo(1.0);
    assertThat(Proportions.binomialTest(0, 0, 0.5)).isEqualTo(1.0);
  }
}
