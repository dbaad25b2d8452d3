package com.earshot.evaluation;

import com.earshot.playground.Playground;
import com.earshot.playground.SupportText;

/** A playground as one tester stands in it. */
public record PlaygroundState(Playground playground, TesterState state) {

  /** The support text's first words, as plain text. */
  public String excerpt() {
    return SupportText.excerpt(playground.supportText(), 180);
  }
}
