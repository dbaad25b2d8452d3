package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlannerTests {

  @Test
  void shouldMatchRsPowerTTest() {
    // R 4.3: power.t.test(delta = 0.5, sd = 1, power = 0.8) gives n = 63.76576
    // (scipy's noncentral t gives 63.76561; R's pnt is the less precise of the two)
    assertThat(Planner.ratingsPerAgent(0.5, 1, 0.05, 0.8)).isCloseTo(63.76576, within(0.05));
    assertThat(Planner.ratingsPerAgent(0.5, 1, 0.05, 0.8)).isCloseTo(63.76561, within(1e-4));
    // scaling delta and sd together changes nothing
    assertThat(Planner.ratingsPerAgent(1.0, 2, 0.05, 0.8)).isCloseTo(63.76576, within(0.05));
  }

  @Test
  void shouldMatchRsPowerPropTest() {
    // R: power.prop.test(p1 = .5, p2 = .75, power = .8) gives n = 57.67; its strict = FALSE
    // formula in closed form, evaluated with scipy 1.17's norm.ppf: 57.673436738908386 (both tails,
    // strict = TRUE: 57.673367652732004). R's ?power.prop.test: power = .90 gives n = 76.7
    assertThat(Planner.proportionsPerAgent(0.5, 0.75, 0.05, 0.8))
        .isCloseTo(57.673436738908386, within(1e-9));
    assertThat(Planner.proportionsPerAgent(0.5, 0.75, 0.05, 0.9)).isCloseTo(76.7, within(0.05));
  }

  @Test
  void shouldAskMoreOfTheSequentialTestThanOfTheFixedOne() {
    // derivation: tuned to its own total N, the sequence's half-width is k·SE with
    // k = √(2(c + 1) ln(√(c + 1)/α)/c), c = −2 ln α + ln(1 − 2 ln α); at α = 0.05, k = 3.0350,
    // so n = 2 (σ/δ)² (k + z(0.8))² = 2 × 4 × (3.0350 + 0.8416)² = 120.2 for δ = 0.5, σ = 1,
    // to within the far tail (its chance here is below 1e-9)
    double c = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));
    double k = Math.sqrt(2 * (c + 1) * Math.log(Math.sqrt(c + 1) / 0.05) / c);
    double expected = 2 * 4 * Math.pow(k + 0.8416212335729143, 2);
    // one look, at the end: the closed form
    long n = Planner.sequentialRatingsPerAgent(0.5, 1, 0.05, 0.8, Integer.MAX_VALUE);
    assertThat(n).isEqualTo((long) Math.ceil(expected));
    assertThat((double) n).isGreaterThan(Planner.ratingsPerAgent(0.5, 1, 0.05, 0.8));
    // proportions: variances .25 + .1875 in place of 2σ²
    double proportions = 0.4375 / (0.25 * 0.25) * Math.pow(k + 0.8416212335729143, 2);
    assertThat(Planner.sequentialProportionsPerAgent(0.5, 0.75, 0.05, 0.8, Integer.MAX_VALUE))
        .isEqualTo((long) Math.ceil(proportions));
  }

  @Test
  void shouldNeedFewerTestersWhenItLooksMoreOften() {
    // each look is one more chance to decide and the sequence pays nothing for it
    long once = Planner.sequentialRatingsPerAgent(0.5, 1, 0.05, 0.8, Integer.MAX_VALUE);
    long everyFifty = Planner.sequentialRatingsPerAgent(0.5, 1, 0.05, 0.8, 50);
    long everyTen = Planner.sequentialRatingsPerAgent(0.5, 1, 0.05, 0.8, 10);
    assertThat(everyFifty).isLessThan(once);
    assertThat(everyTen).isLessThan(everyFifty);
    // still more than the fixed-sample t-test's 64
    assertThat((double) everyTen).isGreaterThan(Planner.ratingsPerAgent(0.5, 1, 0.05, 0.8));
  }

  @Test
  void shouldCarryOneLooksPowerExactly() {
    // with a single look the grid is not used: the closed form Φ(δ/SE − k) + Φ(−δ/SE − k)
    double c = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));
    double k = Math.sqrt(2 * (c + 1) * Math.log(Math.sqrt(c + 1) / 0.05) / c);
    double se = Math.sqrt(2.0 / 100);
    org.apache.commons.math3.distribution.NormalDistribution normal =
        new org.apache.commons.math3.distribution.NormalDistribution();
    double expected =
        normal.cumulativeProbability(0.5 / se - k) + normal.cumulativeProbability(-0.5 / se - k);
    assertThat(Planner.sequentialPower(0.5, 2, 100, 100, 0.05, 200))
        .isCloseTo(expected, within(1e-12));
    // two looks can only add to it
    assertThat(Planner.sequentialPower(0.5, 2, 100, 50, 0.05, 200)).isGreaterThan(expected);
  }
}
