package com.earshot.playground;

import com.earshot.platform.web.StrippedLength;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A question as typed in the builder; kept whole when it comes back with errors. What it may be in
 * its playground, and once answered, {@link QuestionRules} say.
 */
@ChoiceOptions
public class QuestionDraft {

  @NotBlank(message = "Write the question.")
  @StrippedLength(max = QuestionService.MAX_TEXT)
  private String text = "";

  /** A {@link QuestionType}'s database value. */
  @Pattern(
      regexp = "select|input_string|rating",
      message = "Choose how it is answered: choice, free text or rating.")
  private String type = "select";

  @Pattern(regexp = "both|model_a|model_b", message = "Choose model A, model B or both.")
  private String askedAbout = "both";

  private boolean required = true;
  private List<OptionDraft> options = new ArrayList<>();

  /** The words at the ends of a rating's scale; {@link QuestionRules} require them of a rating. */
  @StrippedLength(max = QuestionService.MAX_SCALE_LABEL)
  private String scaleLow = Question.DEFAULT_LOW;

  @StrippedLength(max = QuestionService.MAX_SCALE_LABEL)
  private String scaleHigh = Question.DEFAULT_HIGH;

  @StrippedLength(max = QuestionService.MAX_HELP)
  private String helpText = "";

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

  public String getScaleLow() {
    return scaleLow;
  }

  public void setScaleLow(String scaleLow) {
    this.scaleLow = scaleLow;
  }

  public String getScaleHigh() {
    return scaleHigh;
  }

  public void setScaleHigh(String scaleHigh) {
    this.scaleHigh = scaleHigh;
  }

  public String getHelpText() {
    return helpText;
  }

  public void setHelpText(String helpText) {
    this.helpText = helpText;
  }

  /** The scale's words and the help text as stored: stripped, null when empty or not a rating. */
  Questions.Wording wording() {
    boolean rating = questionType() == QuestionType.RATING;
    return new Questions.Wording(
        rating ? stripped(scaleLow) : null,
        rating ? stripped(scaleHigh) : null,
        stripped(helpText));
  }

  private static String stripped(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The question's text as stored. */
  String text() {
    return text.strip();
  }

  QuestionType questionType() {
    return QuestionType.fromDatabase(type);
  }

  /** The model it is asked about; null for both. */
  ModelKey modelKey() {
    return askedAbout == null || askedAbout.equals("both")
        ? null
        : ModelKey.fromDatabase(askedAbout);
  }

  /**
   * The options typed, without the white space around their label and value; the rows that hold
   * neither are spare rows of the form, not options.
   */
  List<Question.Option> typedOptions() {
    List<Question.Option> typed = new ArrayList<>();
    for (OptionDraft option : options == null ? List.<OptionDraft>of() : options) {
      String label = option.getLabel() == null ? "" : option.getLabel().strip();
      String value = option.getValue() == null ? "" : option.getValue().strip();
      if (!label.isEmpty() || !value.isEmpty()) {
        typed.add(new Question.Option(label, value));
      }
    }
    return typed;
  }

  /** The options as stored, a label left empty being its value's; none unless it is a choice. */
  List<Question.Option> options() {
    if (questionType() != QuestionType.SELECT) {
      return List.of();
    }
    return typedOptions().stream()
        .map(o -> o.label().isEmpty() ? new Question.Option(o.value(), o.value()) : o)
        .toList();
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
