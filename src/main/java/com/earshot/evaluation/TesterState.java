package com.earshot.evaluation;

/** Where a tester stands in a playground, for the home page. */
enum TesterState {
  NEW("New"),
  IN_PROGRESS("In progress"),
  ROUND_COMPLETE("Round complete"),
  FINISHED("Finished for you"),
  CLOSED("Closed: limit reached");

  private final String label;

  TesterState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
