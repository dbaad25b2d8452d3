package com.earshot.insights.responses;

import com.earshot.playground.Model;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundType;

/** What the session page shows: the session, and the playground it belongs to. */
record SessionPage(Playground playground, SessionDetail session) {

  public boolean abTest() {
    return playground.type() == PlaygroundType.AB_TESTING;
  }

  /** The model's letter and the admin's label for it (the label as it is now). */
  public String modelLabel() {
    String name =
        playground
            .model(session.model())
            .map(Model::name)
            .filter(n -> n != null && !n.isBlank())
            .orElse(null);
    String letter = abTest() ? "Model " + session.model().letter() : "The model";
    return name == null ? letter : letter + " · " + name;
  }
}
