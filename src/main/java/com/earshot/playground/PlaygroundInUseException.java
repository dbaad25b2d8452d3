package com.earshot.playground;

/** A playground with evaluations is never deleted. */
class PlaygroundInUseException extends RuntimeException {

  PlaygroundInUseException() {
    super(
        "This playground has evaluations, so it cannot be deleted: every answer is kept."
            + " Close it instead: testers will no longer see it.");
  }
}
