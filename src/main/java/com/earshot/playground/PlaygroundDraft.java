package com.earshot.playground;

import java.util.ArrayList;
import java.util.List;

/** What the create form holds, as typed: kept whole when it comes back with errors. */
public class PlaygroundDraft {

  private PlaygroundType type = PlaygroundType.AB_TESTING;
  private String name = "";
  private String description = "";
  private String supportText = "";
  private String access = "";
  private List<ModelDraft> models = new ArrayList<>(List.of(new ModelDraft(), new ModelDraft()));

  public PlaygroundType getType() {
    return type;
  }

  public void setType(PlaygroundType type) {
    this.type = type;
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

  /**
   * The draft starts with two blank models (the A/B form), and a tuning form posts only the first:
   * blank models beyond what the type has were never part of the form (nor are the blank rows a
   * post numbered {@code models[300]} grows).
   */
  void dropBlankModelsBeyond(int count) {
    for (int i = models.size() - 1; i >= count; i--) {
      if (models.get(i).blank()) {
        models.remove(i);
      }
    }
  }

  /** One model as typed; the limit stays text so that "ten" comes back as "ten". */
  public static class ModelDraft {

    private String name = "";
    private String embedCode = "";
    private String maxEvaluations = "";

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

    boolean blank() {
      return (name == null || name.isBlank())
          && (embedCode == null || embedCode.isBlank())
          && (maxEvaluations == null || maxEvaluations.isBlank());
    }
  }
}
