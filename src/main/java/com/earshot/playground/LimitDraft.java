package com.earshot.playground;

import com.earshot.platform.web.WholeNumber;

/** A tuning model's limit as typed, alone: its name and embed code change by New version. */
public class LimitDraft {

  @WholeNumber(
      min = 1,
      max = PlaygroundService.MAX_LIMIT,
      message = "A whole number of at least 1.",
      tooLarge = "At most {max}.")
  private String maxEvaluations = "";

  public String getMaxEvaluations() {
    return maxEvaluations;
  }

  public void setMaxEvaluations(String maxEvaluations) {
    this.maxEvaluations = maxEvaluations;
  }
}
