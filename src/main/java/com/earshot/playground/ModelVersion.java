package com.earshot.playground;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One configuration version of a model: the name and embed code it had, and, for a version made
 * with New version, what changed and why. The name is the admin's label and never shown to testers.
 *
 * @param name null when not known (a version from before the history whose audit rows do not say)
 * @param parsed the embed code as understood, null when there is none or it no longer parses
 * @param changes what changed: {@link Change}s' database values
 * @param createdBy the email of the admin who made it, null when not known
 */
public record ModelVersion(
    ModelKey key,
    int configurationVersion,
    String name,
    String embedCode,
    EmbedCode parsed,
    Origin origin,
    String note,
    List<Change> changes,
    String createdBy,
    LocalDateTime createdAt) {

  /** How the version came about. */
  public enum Origin {
    CREATED("First version"),
    NEW_VERSION("New version"),
    EDITED("Edited in the model's form"),
    BEFORE_HISTORY("Before version history");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Origin fromDatabase(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** What a new version changed in the agent. */
  public enum Change {
    PROMPT("Prompt"),
    VOICE("Voice"),
    LLM("LLM"),
    KNOWLEDGE("Knowledge"),
    OTHER("Other");

    private final String label;

    Change(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public String databaseValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The change of a database value or form value; null for anything else. */
    static Change of(String value) {
      for (Change change : values()) {
        if (change.databaseValue().equals(value)) {
          return change;
        }
      }
      return null;
    }
  }

  /** "v2 · Warm voice", or "v2" when the name is not known. */
  public String label() {
    return name == null || name.isBlank()
        ? "v" + configurationVersion
        : "v" + configurationVersion + " · " + name;
  }
}
