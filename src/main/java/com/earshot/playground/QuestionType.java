package com.earshot.playground;

/** How a question is answered. */
public enum QuestionType {
  SELECT("select", "Choice"),
  INPUT_STRING("input_string", "Free text"),
  RATING("rating", "Rating 1–5");

  private final String databaseValue;
  private final String label;

  QuestionType(String databaseValue, String label) {
    this.databaseValue = databaseValue;
    this.label = label;
  }

  public String databaseValue() {
    return databaseValue;
  }

  public String label() {
    return label;
  }

  public static QuestionType fromDatabase(String value) {
    for (QuestionType type : values()) {
      if (type.databaseValue.equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown question type " + value);
  }
}
