package com.earshot.identity.signin;

import org.springframework.security.core.AuthenticationException;

/** Too many sign-in links were tried from one client address: this one was not looked at. */
class RedemptionLimitedException extends AuthenticationException {

  private final long retryAfterMinutes;

  RedemptionLimitedException(long retryAfterMinutes) {
    super("Too many sign-in links were tried from this address.");
    this.retryAfterMinutes = retryAfterMinutes;
  }

  long retryAfterMinutes() {
    return retryAfterMinutes;
  }
}
