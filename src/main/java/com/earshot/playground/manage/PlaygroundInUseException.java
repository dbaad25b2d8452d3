package com.earshot.playground.manage;

/** A playground with evaluations is never deleted. */
public class PlaygroundInUseException extends RuntimeException {

  PlaygroundInUseException() {
    super(
        "This playground has evaluations, so it cannot be deleted: every answer is kept."
            + " Deactivate it instead; testers will no longer see it.");
  }
}
