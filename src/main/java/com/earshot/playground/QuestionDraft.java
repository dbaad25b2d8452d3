package com.earshot.playground;

import java.util.ArrayList;
import java.util.List;

/** A question as typed in the builder; kept whole when it comes back with errors. */
public class QuestionDraft {

  private String text = "";
  private String type = "select";
  private String askedAbout = "both";
  private boolean required = true;
  private List<OptionDraft> options = new ArrayList<>();

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  /** "both", "model_a" or "model_b". */
  public String getAskedAbout() {
    return askedAbout;
  }

  public void setAskedAbout(String askedAbout) {
    this.askedAbout = askedAbout;
  }

  public boolean isRequired() {
    return required;
  }

  public void setRequired(boolean required) {
    this.required = required;
  }

  public List<OptionDraft> getOptions() {
    return options;
  }

  public void setOptions(List<OptionDraft> options) {
    this.options = options;
  }

  /** One choice as typed. */
  public static class OptionDraft {
    private String label = "";
    private String value = "";

    public OptionDraft() {}

    public OptionDraft(String label, String value) {
      this.label = label;
      this.value = value;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }
  }
}
