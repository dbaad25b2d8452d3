package com.earshot.evaluation;

/** Where the assignment's coin flips come from: injectable, so tests can fix the sequence. */
interface Randomness {

  /** A uniformly distributed int in [0, bound). */
  int nextInt(int bound);
}
