package com.earshot.identity.signin;

import java.util.Set;

/** What became of a request for a sign-in link. */
sealed interface LinkRequest {

  /** A link is on its way (or, for an unknown address, would be: the answer is the same). */
  record Sent(String email) implements LinkRequest {}

  /** Not an email address; nothing was stored or sent. */
  record Invalid(String input) implements LinkRequest {}

  /** The address's domain may not sign in here; nothing was stored or sent. */
  record DomainRefused(String email, Set<String> allowedDomains) implements LinkRequest {}

  /** Too many links asked for, for this address or from this network address. */
  record Limited(String email, long retryAfterMinutes) implements LinkRequest {}
}
