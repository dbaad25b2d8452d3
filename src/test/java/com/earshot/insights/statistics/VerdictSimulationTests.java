package com.earshot.insights.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of whole studies, looked at after every round of testers as the product does:
 * the confidence sequence keeps false winners under 5% however often it is read, where a plain test
 * read at every look does not, and the planner's sample size finds a real difference with the power
 * it promises.
 */
class VerdictSimulationTests {

  /** A realistic spread of 1–5 ratings: mean 3.65, variance 1.2275. */
  private static final double[] TYPICAL = {0.05, 0.10, 0.25, 0.35, 0.25};

  /** Half a point better: mean 4.15, variance 0.9475. */
  private static final double[] BETTER = {0.02, 0.05, 0.14, 0.34, 0.45};

  private static final int ROUND = 10;

  private static final double ALPHA = 0.05;

  @Test
  void shouldKeepFalseWinnersUnderFivePercentWhereNaivePeekingDoesNot() {
    // 2000 studies of two equal agents, 10 more testers each per look up to 200 each, the sequence
    // tuned to the planned 2 × 100. The binomial standard error of a 5% rate on 2000 studies is
    // 0.0049, so 0.06 is two of them above 5%.
    RandomGenerator random = new Well19937c(20261204L);
    int studies = 2000;
    int sequentialWinners = 0;
    int naiveWinners = 0;
    for (int s = 0; s < studies; s++) {
      long[] a = new long[5];
      long[] b = new long[5];
      boolean sequential = false;
      boolean naive = false;
      for (int n = ROUND; n <= 200; n += ROUND) {
        addRatings(a, TYPICAL, ROUND, random);
        addRatings(b, TYPICAL, ROUND, random);
        sequential |= sequentialDecides(a, b, 2 * 100);
        naive |= Statistics.compareRatings(tally(a), tally(b)).pValue() < ALPHA;
      }
      sequentialWinners += sequential ? 1 : 0;
      naiveWinners += naive ? 1 : 0;
    }
    double sequentialRate = (double) sequentialWinners / studies;
    double naiveRate = (double) naiveWinners / studies;
    System.out.printf(
        "null ratings: sequence %.4f, naive Mann-Whitney peeking %.4f%n",
        sequentialRate, naiveRate);
    assertThat(sequentialRate).isLessThanOrEqualTo(0.06);
    assertThat(naiveRate).isGreaterThan(0.10);
  }

  @Test
  void shouldFindHalfAPointWithThePlannedPower() {
    // pooled sd √((1.2275 + 0.9475) / 2) = 1.0428; a look every 10 testers up to the planned N
    double sd = Math.sqrt((1.2275 + 0.9475) / 2);
    long planned = Planner.sequentialRatingsPerAgent(0.5, sd, ALPHA, 0.8, ROUND);
    RandomGenerator random = new Well19937c(16L);
    int studies = 1000;
    int found = 0;
    for (int s = 0; s < studies; s++) {
      long[] a = new long[5];
      long[] b = new long[5];
      long n = 0;
      boolean decided = false;
      while (n < planned && !decided) {
        int more = (int) Math.min(ROUND, planned - n);
        addRatings(a, TYPICAL, more, random);
        addRatings(b, BETTER, more, random);
        n += more;
        decided = sequentialDecides(a, b, 2 * planned);
      }
      found += decided ? 1 : 0;
    }
    double power = (double) found / studies;
    System.out.printf("power ratings: N = %d per agent, found in %.4f%n", planned, power);
    // the binomial standard error at 80% on 1000 studies is 0.013: ± 6% is over four of them
    assertThat(power).isBetween(0.74, 0.86);
  }

  @Test
  void shouldKeepFalsePreferencesUnderFivePercentWhereNaivePeekingDoesNot() {
    // 2000 head-to-head studies with no preference: 10 votes per look up to 200, the sequence
    // tuned to 200, against naive peeking with the exact binomial test
    RandomGenerator random = new Well19937c(7L);
    int studies = 2000;
    int sequentialWinners = 0;
    int naiveWinners = 0;
    for (int s = 0; s < studies; s++) {
      long forB = 0;
      boolean sequential = false;
      boolean naive = false;
      for (int n = ROUND; n <= 200; n += ROUND) {
        for (int v = 0; v < ROUND; v++) {
          forB += random.nextBoolean() ? 1 : 0;
        }
        sequential |= ConfidenceSequence.proportion(forB, n, 0.5, ALPHA, 200).excludes(0.5);
        naive |= Proportions.binomialTest(forB, n, 0.5) < ALPHA;
      }
      sequentialWinners += sequential ? 1 : 0;
      naiveWinners += naive ? 1 : 0;
    }
    double sequentialRate = (double) sequentialWinners / studies;
    double naiveRate = (double) naiveWinners / studies;
    System.out.printf(
        "null preference: sequence %.4f, naive binomial peeking %.4f%n", sequentialRate, naiveRate);
    assertThat(sequentialRate).isLessThanOrEqualTo(0.06);
    assertThat(naiveRate).isGreaterThan(0.10);
  }

  @Test
  void shouldFindADifferenceInSharesWithThePlannedPower() {
    // yes shares .5 and .75 in the two arms, a look every 10 up to the planned N
    long planned = Planner.sequentialProportionsPerAgent(0.5, 0.75, ALPHA, 0.8, ROUND);
    RandomGenerator random = new Well19937c(75L);
    int studies = 1000;
    int found = 0;
    for (int s = 0; s < studies; s++) {
      long yesA = 0;
      long yesB = 0;
      long n = 0;
      boolean decided = false;
      while (n < planned && !decided) {
        int more = (int) Math.min(ROUND, planned - n);
        for (int i = 0; i < more; i++) {
          yesA += random.nextDouble() < 0.5 ? 1 : 0;
          yesB += random.nextDouble() < 0.75 ? 1 : 0;
        }
        n += more;
        decided =
            ConfidenceSequence.differenceOfMeans(
                    n,
                    (double) yesA / n,
                    shareVariance(yesA, n),
                    n,
                    (double) yesB / n,
                    shareVariance(yesB, n),
                    ALPHA,
                    2 * planned)
                .excludes(0);
      }
      found += decided ? 1 : 0;
    }
    double power = (double) found / studies;
    System.out.printf("power shares: N = %d per agent, found in %.4f%n", planned, power);
    assertThat(power).isBetween(0.74, 0.86);
  }

  /** The sample variance of n answers of which yes are 1. */
  private static double shareVariance(long yes, long n) {
    double p = (double) yes / n;
    return n * p * (1 - p) / (n - 1);
  }

  private static boolean sequentialDecides(long[] a, long[] b, long tuning) {
    double[] momentsA = moments(a);
    double[] momentsB = moments(b);
    return ConfidenceSequence.differenceOfMeans(
            (long) momentsA[0],
            momentsA[1],
            momentsA[2],
            (long) momentsB[0],
            momentsB[1],
            momentsB[2],
            ALPHA,
            tuning)
        .excludes(0);
  }

  /** n, mean and sample variance of a tally of 1–5 ratings. */
  private static double[] moments(long[] counts) {
    double n = 0;
    double sum = 0;
    for (int k = 0; k < counts.length; k++) {
      n += counts[k];
      sum += counts[k] * (k + 1.0);
    }
    double mean = sum / n;
    double squares = 0;
    for (int k = 0; k < counts.length; k++) {
      squares += counts[k] * (k + 1 - mean) * (k + 1 - mean);
    }
    return new double[] {n, mean, squares / (n - 1)};
  }

  private static void addRatings(long[] counts, double[] shares, int how, RandomGenerator random) {
    for (int i = 0; i < how; i++) {
      double u = random.nextDouble();
      int k = 0;
      double cumulative = shares[0];
      while (u >= cumulative && k < shares.length - 1) {
        k++;
        cumulative += shares[k];
      }
      counts[k]++;
    }
  }

  private static SortedMap<Double, Long> tally(long[] counts) {
    SortedMap<Double, Long> tally = new TreeMap<>();
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        tally.put(k + 1.0, counts[k]);
      }
    }
    return tally;
  }
}
