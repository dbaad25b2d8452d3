package com.earshot.playground;

import java.util.UUID;

/** The playground was deleted (a second confirmation of its deletion, or a concurrent one). */
class PlaygroundGoneException extends RuntimeException {

  private final UUID id;

  PlaygroundGoneException(UUID id) {
    super("This playground was already deleted.");
    this.id = id;
  }

  UUID id() {
    return id;
  }
}
