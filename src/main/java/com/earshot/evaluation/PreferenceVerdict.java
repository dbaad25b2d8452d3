package com.earshot.evaluation;

import com.earshot.platform.database.DatabaseEnum;
import com.earshot.playground.ModelKey;
import java.util.Optional;

/**
 * A tester's answer to "Which agent would you rather talk to again?", as they saw the agents: in
 * the order they met them, never by model. Stored as the database's {@code preferences.verdict}.
 */
enum PreferenceVerdict implements DatabaseEnum {
  FIRST("Agent 1"),
  SECOND("Agent 2"),
  BOTH_GOOD("Both equally good"),
  BOTH_BAD("Both bad");

  private final String label;

  PreferenceVerdict(String label) {
    this.label = label;
  }

  /** What the tester reads: "Agent 1", never a model. */
  public String label() {
    return label;
  }

  /** The posted value (the stored one), if it is one of these. */
  static Optional<PreferenceVerdict> of(String value) {
    return DatabaseEnum.find(PreferenceVerdict.class, value);
  }

  /** The model chosen, given the one met first; null for the two ties. */
  ModelKey preferred(ModelKey first) {
    return switch (this) {
      case FIRST -> first;
      case SECOND -> first.other();
      case BOTH_GOOD, BOTH_BAD -> null;
    };
  }
}
