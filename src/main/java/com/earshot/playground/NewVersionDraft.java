package com.earshot.playground;

import com.earshot.platform.web.StrippedLength;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tuning model's next version as typed: its name and embed code (parsed like the model form's),
 * what changed, and the note that says why. Kept whole when it comes back with errors.
 */
public class NewVersionDraft {

  static final int MAX_NOTE = 2_000;

  @NotBlank(message = "Give the model a name you will recognise (testers never see it).")
  @StrippedLength(max = PlaygroundService.MAX_NAME)
  private String name = "";

  @ValidEmbedCode private String embedCode = "";

  private List<String> changes = new ArrayList<>();

  @NotBlank(
      message =
          "Say what changed and why, e.g. “Shorter greeting; asks for the order number first”.")
  @StrippedLength(max = MAX_NOTE)
  private String note = "";

  static NewVersionDraft of(ModelConfiguration model) {
    NewVersionDraft draft = new NewVersionDraft();
    draft.setName(model.name() == null ? "" : model.name());
    draft.setEmbedCode(model.embedCode() == null ? "" : model.embedCode());
    return draft;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmbedCode() {
    return embedCode;
  }

  public void setEmbedCode(String embedCode) {
    this.embedCode = embedCode;
  }

  public List<String> getChanges() {
    return changes;
  }

  public void setChanges(List<String> changes) {
    this.changes = changes;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  String name() {
    return name.strip();
  }

  String embedCode() {
    return embedCode.strip();
  }

  String note() {
    return note.strip();
  }

  /** The boxes ticked, in their order; values that are no change are dropped. */
  List<ModelVersion.Change> changeList() {
    List<String> ticked = changes == null ? List.of() : changes;
    return java.util.Arrays.stream(ModelVersion.Change.values())
        .filter(change -> ticked.stream().anyMatch(v -> Objects.equals(v, change.databaseValue())))
        .toList();
  }
}
