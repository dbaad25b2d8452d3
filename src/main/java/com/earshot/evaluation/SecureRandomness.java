package com.earshot.evaluation;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** The production coin: unpredictable, so testers cannot game which agent comes first. */
@Component
class SecureRandomness implements Randomness {

  private final SecureRandom random = new SecureRandom();

  @Override
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
