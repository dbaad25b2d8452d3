package com.earshot.playground;

import com.earshot.platform.database.DatabaseEnum;

/** How a question is answered. */
public enum QuestionType implements DatabaseEnum {
  SELECT("Choice"),
  INPUT_STRING("Free text"),
  RATING("Rating 1–5");

  private final String label;

  QuestionType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static QuestionType fromDatabase(String value) {
    return DatabaseEnum.fromDatabase(QuestionType.class, value);
  }
}
