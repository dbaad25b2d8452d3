package com.earshot.playground;

import com.earshot.platform.web.StrippedLength;
import com.earshot.platform.web.WholeNumber;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;

/**
 * What the create form holds, as typed: kept whole when it comes back with errors. Its models are
 * checked by {@link NewPlaygroundRules}, as their number depends on the type.
 */
public class PlaygroundDraft extends DetailsDraft {

  private PlaygroundType type = PlaygroundType.AB_TESTING;

  @ValidAccessList private String access = "";

  private List<ModelDraft> models = new ArrayList<>();

  /** The empty form of a new playground of this type: a blank model for each it has. */
  static PlaygroundDraft blank(PlaygroundType type) {
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(type);
    type.modelKeys().forEach(key -> draft.getModels().add(new ModelDraft()));
    return draft;
  }

  public PlaygroundType getType() {
    return type;
  }

  public void setType(PlaygroundType type) {
    this.type = type;
  }

  public String getAccess() {
    return access;
  }

  public void setAccess(String access) {
    this.access = access;
  }

  public List<ModelDraft> getModels() {
    return models;
  }

  public void setModels(List<ModelDraft> models) {
    this.models = models;
  }

  /** The type; an A/B test when none was sent. */
  PlaygroundType type() {
    return type == null ? PlaygroundType.AB_TESTING : type;
  }

  /**
   * The models the form holds: as many as the type has, and any further one that holds something.
   * Blank ones beyond were never part of the form: rows the binder grew up to a row posted as
   * {@code models[300]}, or the second model of an A/B form turned tuning.
   */
  List<ModelDraft> typedModels() {
    List<ModelDraft> typed = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      if (i < type().modelKeys().size() || !models.get(i).blank()) {
        typed.add(models.get(i));
      }
    }
    return typed;
  }

  /** Drops the blank models beyond the type's, so that the form comes back as it was typed. */
  void keepTypedModels() {
    models = typedModels();
  }

  /** One model as typed; the limit stays text so that "ten" comes back as "ten". */
  public static class ModelDraft {

    @NotBlank(message = "Give the model a name you will recognise (testers never see it).")
    @StrippedLength(max = PlaygroundService.MAX_NAME)
    private String name = "";

    @ValidEmbedCode private String embedCode = "";

    @WholeNumber(
        min = 1,
        max = PlaygroundService.MAX_LIMIT,
        message = "A whole number of at least 1.",
        tooLarge = "At most {max}.")
    private String maxEvaluations = "";

    static ModelDraft of(ModelConfiguration model) {
      ModelDraft draft = new ModelDraft();
      draft.setName(model.name());
      draft.setEmbedCode(model.embedCode());
      draft.setMaxEvaluations(
          model.maxEvaluations() == null ? "" : model.maxEvaluations().toString());
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

    public String getMaxEvaluations() {
      return maxEvaluations;
    }

    public void setMaxEvaluations(String maxEvaluations) {
      this.maxEvaluations = maxEvaluations;
    }

    /** The name as stored. */
    String name() {
      return name.strip();
    }

    /** The embed code as stored: what was pasted, without the white space around it. */
    String embedCode() {
      return embedCode.strip();
    }

    /** The limit as stored: null for none. */
    Integer limit() {
      return WholeNumber.Check.valueOf(maxEvaluations);
    }

    boolean blank() {
      return (name == null || name.isBlank())
          && (embedCode == null || embedCode.isBlank())
          && (maxEvaluations == null || maxEvaluations.isBlank());
    }
  }
}
