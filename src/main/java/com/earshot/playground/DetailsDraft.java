package com.earshot.playground;

import com.earshot.platform.web.StrippedLength;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A playground's name, description and support text, as typed. */
class DetailsDraft {

  @NotBlank(message = "A name is required.")
  @StrippedLength(
      max = PlaygroundService.MAX_NAME,
      message = "At most {max} characters (this has {length}).")
  private String name = "";

  @StrippedLength(max = PlaygroundService.MAX_DESCRIPTION)
  private String description = "";

  @Size(max = SupportText.MAX_LENGTH, message = "At most {max} characters.")
  private String supportText = "";

  static DetailsDraft of(Playground playground) {
    DetailsDraft draft = new DetailsDraft();
    draft.setName(playground.name());
    draft.setDescription(playground.description());
    draft.setSupportText(playground.supportText());
    return draft;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getSupportText() {
    return supportText;
  }

  public void setSupportText(String supportText) {
    this.supportText = supportText;
  }

  /** The name as stored. */
  String name() {
    return name.strip();
  }

  /** The description as stored: null for none. */
  String description() {
    return description == null || description.isBlank() ? null : description.strip();
  }

  /** The support text as stored: only its safe part, null for none. */
  String supportText() {
    return SupportText.sanitize(supportText);
  }
}
