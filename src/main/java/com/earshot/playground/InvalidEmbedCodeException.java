package com.earshot.playground;

/** An embed code Earshot will not use; the message tells the admin what to change. */
public class InvalidEmbedCodeException extends IllegalArgumentException {

  public InvalidEmbedCodeException(String message) {
    super(message);
  }
}
