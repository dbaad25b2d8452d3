package com.earshot.playground;

import com.earshot.platform.web.InvalidInputException;
import java.util.Objects;

/** What the plain model form may change: in tuning, a new name or embed code is a new version. */
final class VersionRules {

  private VersionRules() {}

  /**
   * @throws InvalidInputException at the field, when a tuning model's name or embed code would
   *     change without New version (its note)
   */
  static void checkModelEdit(
      Playground playground, ModelConfiguration current, PlaygroundDraft.ModelDraft draft) {
    if (playground.type() != PlaygroundType.TUNING) {
      return;
    }
    String why =
        "In tuning, a new name or embed code is a new version: use New version and say what"
            + " changed.";
    if (!Objects.equals(current.name(), draft.name())) {
      throw InvalidInputException.of("name", why);
    }
    if (!Objects.equals(current.embedCode(), draft.embedCode())) {
      throw InvalidInputException.of("embedCode", why);
    }
  }
}
