package com.earshot.identity.signin;

/**
 * {@code EARSHOT_BASE_URL} is missing or unusable: Earshot does not start; the message says why.
 */
class BaseUrlException extends RuntimeException {

  BaseUrlException(String message) {
    super(message);
  }
}
