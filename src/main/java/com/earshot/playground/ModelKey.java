package com.earshot.playground;

import com.earshot.platform.database.DatabaseEnum;

/** Which of a playground's models: A and B in an A/B test, A alone in tuning. */
public enum ModelKey implements DatabaseEnum {
  MODEL_A("A"),
  MODEL_B("B");

  private final String letter;

  ModelKey(String letter) {
    this.letter = letter;
  }

  /** For admins only: testers never learn which model they talk to. */
  public String letter() {
    return letter;
  }

  public ModelKey other() {
    return this == MODEL_A ? MODEL_B : MODEL_A;
  }

  public static ModelKey fromDatabase(String value) {
    return DatabaseEnum.fromDatabase(ModelKey.class, value);
  }
}
