package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTests {

  @Test
  void shouldMatchRsHolmAdjustment() {
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09
    // (by hand: 5×0.01, 4×0.02, 3×0.03, then 2×0.04 = 0.08 and 0.05 raised to the running 0.09)
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05});
    assertThat(adjusted)
        .containsExactly(new double[] {0.05, 0.08, 0.09, 0.09, 0.09}, within(1e-12));
  }

  @Test
  void shouldKeepTheInputOrderAndCapAtOne() {
    // the same p-values shuffled, and a large one: 3 × 0.6 = 1.8 is capped at 1
    double[] adjusted = Holm.adjust(new double[] {0.04, 0.6, 0.01});
    // sorted 0.01, 0.04, 0.6: 3×0.01 = 0.03, 2×0.04 = 0.08, 1×0.6 = 0.6
    assertThat(adjusted).containsExactly(new double[] {0.08, 0.6, 0.03}, within(1e-12));
    assertThat(Holm.adjust(new double[] {0.5, 0.7})).containsExactly(1.0, 1.0);
  }

  @Test
  void shouldLeaveTestsThatCouldNotRunOutOfTheCount() {
    // two tests ran: 2×0.01 and 1×0.04; a NaN in between changes nothing
    double[] adjusted = Holm.adjust(new double[] {0.01, Double.NaN, 0.04});
    assertThat(adjusted[0]).isCloseTo(0.02, within(1e-12));
    assertThat(adjusted[1]).isNaN();
    assertThat(adjusted[2]).isCloseTo(0.04, within(1e-12));
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }
}
