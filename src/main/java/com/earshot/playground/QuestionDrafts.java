package com.earshot.playground;

import java.util.ArrayList;
import java.util.List;

/** Drafts for the question builder's forms. */
final class QuestionDrafts {

  /** Blank option rows after the existing ones, so the form works without JavaScript too. */
  static final int SPARE_OPTIONS = 2;

  private QuestionDrafts() {}

  static QuestionDraft blank() {
    QuestionDraft draft = new QuestionDraft();
    draft.setOptions(spare(new ArrayList<>(), SPARE_OPTIONS + 1));
    return draft;
  }

  static QuestionDraft of(Question question) {
    QuestionDraft draft = new QuestionDraft();
    draft.setText(question.text());
    draft.setType(question.type().databaseValue());
    draft.setAskedAbout(question.modelKey() == null ? "both" : question.modelKey().databaseValue());
    draft.setRequired(question.required());
    if (question.type() == QuestionType.RATING) {
      draft.setScaleLow(question.scaleLow());
      draft.setScaleHigh(question.scaleHigh());
    }
    draft.setHelpText(question.helpText() == null ? "" : question.helpText());
    List<QuestionDraft.OptionDraft> options = new ArrayList<>();
    question
        .options()
        .forEach(
            option -> options.add(new QuestionDraft.OptionDraft(option.label(), option.value())));
    draft.setOptions(spare(options, SPARE_OPTIONS));
    return draft;
  }

  /**
   * The typed draft when it comes back with errors: the rows that hold something (a post may number
   * its rows up to 999), then spare rows again.
   */
  static QuestionDraft withSpareRows(QuestionDraft draft) {
    List<QuestionDraft.OptionDraft> typed = new ArrayList<>();
    for (QuestionDraft.OptionDraft option : draft.getOptions()) {
      if (!isBlank(option.getLabel()) || !isBlank(option.getValue())) {
        typed.add(option);
      }
    }
    draft.setOptions(spare(typed, SPARE_OPTIONS));
    return draft;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static List<QuestionDraft.OptionDraft> spare(
      List<QuestionDraft.OptionDraft> options, int count) {
    for (int i = 0; i < count; i++) {
      options.add(new QuestionDraft.OptionDraft());
    }
    return options;
  }
}
