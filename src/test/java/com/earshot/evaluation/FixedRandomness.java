package com.earshot.evaluation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The assignment's coin, made repeatable: a {@link Random} with a seed the test sets, or values the
 * test forces one by one. Every evaluation test class imports this same configuration, so they
 * share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixedRandomness {

  @Bean
  @Primary
  SeededRandomness seededRandomness() {
    return new SeededRandomness();
  }

  /** A {@link Randomness} whose sequence the test decides. */
  public static final class SeededRandomness implements Randomness {

    private final Deque<Integer> forced = new ArrayDeque<>();
    private Random random = new Random(1);

    /** From now on, the sequence of {@code new Random(seed)}. */
    public synchronized void seed(long seed) {
      forced.clear();
      random = new Random(seed);
    }

    /** The next draws return these values (each must be below the bound asked for). */
    public synchronized void force(int... values) {
      for (int value : values) {
        forced.addLast(value);
      }
    }

    @Override
    public synchronized int nextInt(int bound) {
      Integer next = forced.pollFirst();
      if (next == null) {
        return random.nextInt(bound);
      }
      if (next < 0 || next >= bound) {
        throw new IllegalStateException("Forced " + next + " but the bound is " + bound);
      }
      return next;
    }
  }
}
