package com.earshot.evaluation;

/** A model's limit (null: unlimited), its submitted evaluations and live reservations. */
record Capacity(Integer max, int submitted, long reserved) {

  public boolean isFree() {
    return max == null || submitted + reserved < max;
  }
}
