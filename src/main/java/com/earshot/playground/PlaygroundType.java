package com.earshot.playground;

/** An A/B test of two agents, or the tuning of one. Fixed when the playground is created. */
public enum PlaygroundType {
  AB_TESTING("ab_testing", "A/B test"),
  TUNING("tuning", "Tuning");

  private final String databaseValue;
  private final String label;

  PlaygroundType(String databaseValue, String label) {
    this.databaseValue = databaseValue;
    this.label = label;
  }

  public String databaseValue() {
    return databaseValue;
  }

  public String label() {
    return label;
  }

  public java.util.List<ModelKey> modelKeys() {
    return this == AB_TESTING
        ? java.util.List.of(ModelKey.MODEL_A, ModelKey.MODEL_B)
        : java.util.List.of(ModelKey.MODEL_A);
  }

  public static PlaygroundType fromDatabase(String value) {
    for (PlaygroundType type : values()) {
      if (type.databaseValue.equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown playground type " + value);
  }
}
