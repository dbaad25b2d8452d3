package com.earshot.identity.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where sign-in lands afterwards: a page of this app, carried through the sign-in form and the
 * emailed link. Only a plain local path passes: no scheme or host ({@code https://evil}, {@code
 * //evil}), no backslash (which browsers read as a slash), no percent-encoding (nothing hidden to
 * be decoded into one of those later), no dot segments, no query; nor the sign-in pages themselves.
 */
final class ReturnPath {

  static final int MAX_LENGTH = 500;

  private static final Pattern LOCAL_PATH = Pattern.compile("(/[A-Za-z0-9_\\-]+)+/?|/");

  private ReturnPath() {}

  /** The path when it is one sign-in may land on; empty otherwise. */
  static Optional<String> of(String candidate) {
    if (candidate == null
        || candidate.length() > MAX_LENGTH
        || !LOCAL_PATH.matcher(candidate).matches()
        || candidate.equals("/login")
        || candidate.startsWith("/login/")
        || candidate.equals("/logout")) {
      return Optional.empty();
    }
    return Optional.of(candidate);
  }

  /** The path of a saved request's absolute URL (the page a signed-out visitor asked for). */
  static Optional<String> ofUrl(String url) {
    if (url == null) {
      return Optional.empty();
    }
    try {
      return of(new URI(url).getRawPath());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
