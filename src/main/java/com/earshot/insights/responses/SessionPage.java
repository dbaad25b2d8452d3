package com.earshot.insights.responses;

import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundType;

/** What the session page shows: the session, and the playground it belongs to. */
record SessionPage(Playground playground, SessionDetail session) {

  public boolean abTest() {
    return playground.type() == PlaygroundType.AB_TESTING;
  }

  public String modelLabel() {
    return playground.modelLabel(session.model());
  }
}
