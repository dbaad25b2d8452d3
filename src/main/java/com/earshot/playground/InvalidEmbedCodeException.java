package com.earshot.playground;

/** An embed code Earshot will not use; the message tells the admin what to change. */
class InvalidEmbedCodeException extends IllegalArgumentException {

  public InvalidEmbedCodeException(String message) {
    super(message);
  }
}
