package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.insights.statistics.Statistics.Kappa;
import org.junit.jupiter.api.Test;

class KappaTests {

  /**
   * The published example of statpsych's ci.kappa (D. G. Bonett, after Fleiss and Paik 2003):
   * {@code ci.kappa(.05, 31, 12, 4, 58)} gives Cohen's kappa 0.6756757, SE 0.07344761, 95% interval
   * 0.5317210 – 0.8196303 (https://dgbonett.github.io/statpsych/reference/ci.kappa.html). f01 is y
   * = 0 and x = 1: the table is transposed or not, kappa and its SE are the same.
   */
  @Test
  void shouldMatchThePublishedExample() {
    Kappa kappa = Statistics.cohensKappa(new long[][] {{31, 12}, {4, 58}});

    assertThat(kappa.n()).isEqualTo(105);
    assertThat(kappa.kappa()).isCloseTo(0.6756757, within(5e-8));
    assertThat(kappa.standardError()).isCloseTo(0.07344761, within(5e-9));
    assertThat(kappa.low()).isCloseTo(0.5317210, within(5e-7));
    assertThat(kappa.high()).isCloseTo(0.8196303, within(5e-7));
    Kappa transposed = Statistics.cohensKappa(new long[][] {{31, 4}, {12, 58}});
    assertThat(transposed.kappa()).isCloseTo(kappa.kappa(), within(1e-12));
    assertThat(transposed.standardError()).isCloseTo(kappa.standardError(), within(1e-12));
  }

  /** Wikipedia's Cohen's kappa example: 20 yes-yes, 5, 10, 15 no-no: po 0.7, pe 0.5, kappa 0.4. */
  @Test
  void shouldComputeTheTextbookKappa() {
    assertThat(Statistics.cohensKappa(new long[][] {{20, 5}, {10, 15}}).kappa())
        .isCloseTo(0.4, within(1e-12));
  }

  @Test
  void shouldSayNothingWithoutItemsOrWithoutChanceToDisagree() {
    assertThat(Statistics.cohensKappa(new long[][] {{0, 0}, {0, 0}}).kappa()).isNaN();
    assertThat(Statistics.cohensKappa(new long[][] {{7, 0}, {0, 0}}).kappa()).isNaN();
  }
}
