package com.earshot.playground;

/** Which of a playground's models: A and B in an A/B test, A alone in tuning. */
public enum ModelKey {
  MODEL_A("model_a", "A"),
  MODEL_B("model_b", "B");

  private final String databaseValue;
  private final String letter;

  ModelKey(String databaseValue, String letter) {
    this.databaseValue = databaseValue;
    this.letter = letter;
  }

  public String databaseValue() {
    return databaseValue;
  }

  /** For admins only: testers never learn which model they talk to. */
  public String letter() {
    return letter;
  }

  public ModelKey other() {
    return this == MODEL_A ? MODEL_B : MODEL_A;
  }

  public static ModelKey fromDatabase(String value) {
    for (ModelKey key : values()) {
      if (key.databaseValue.equals(value)) {
        return key;
      }
    }
    throw new IllegalArgumentException("Unknown model key " + value);
  }
}
