package com.earshot.playground;

import com.earshot.platform.database.DatabaseEnum;

/**
 * Where a playground is in its life: a draft testers cannot see, live (the only state in which they
 * can: {@code is_active}), paused, or closed for good.
 */
public enum PlaygroundStatus implements DatabaseEnum {
  DRAFT("Draft", "Testers cannot see it yet."),
  LIVE("Live", "Testers can see it and take part."),
  PAUSED("Paused", "Testers cannot see it until it is resumed."),
  CLOSED("Closed", "Testers cannot see it any more; every answer is kept.");

  private final String label;
  private final String meaning;

  PlaygroundStatus(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  /** The status in a word, as lists and the editor show it. */
  public String label() {
    return label;
  }

  /** What the status means for testers, in a sentence. */
  public String meaning() {
    return meaning;
  }

  public static PlaygroundStatus fromDatabase(String value) {
    return DatabaseEnum.fromDatabase(PlaygroundStatus.class, value);
  }
}
