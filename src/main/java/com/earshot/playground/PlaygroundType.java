package com.earshot.playground;

import com.earshot.platform.database.DatabaseEnum;

/** An A/B test of two agents, or the tuning of one. Fixed when the playground is created. */
public enum PlaygroundType implements DatabaseEnum {
  AB_TESTING("A/B test"),
  TUNING("Tuning");

  private final String label;

  PlaygroundType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public java.util.List<ModelKey> modelKeys() {
    return this == AB_TESTING
        ? java.util.List.of(ModelKey.MODEL_A, ModelKey.MODEL_B)
        : java.util.List.of(ModelKey.MODEL_A);
  }

  /** The model a playground of this type has under {@code databaseValue}, if it has one. */
  public java.util.Optional<ModelKey> modelKey(String databaseValue) {
    return modelKeys().stream()
        .filter(key -> key.databaseValue().equals(databaseValue))
        .findFirst();
  }

  public static PlaygroundType fromDatabase(String value) {
    return DatabaseEnum.fromDatabase(PlaygroundType.class, value);
  }
}
