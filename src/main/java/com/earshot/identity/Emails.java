package com.earshot.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email addresses as Earshot stores and compares them: trimmed, lower-cased, plausible. */
public final class Emails {

  public static final int MAX_LENGTH = 254;

  private static final Pattern PLAUSIBLE =
      Pattern.compile(
          "[^\\s@<>()\\[\\]\\\\,;:\"]+@[^\\s@<>()\\[\\]\\\\,;:\"]+\\.[^\\s@<>()\\[\\]\\\\,;:\".]{2,}");

  private Emails() {}

  /** The normalized address, or empty when the input is not a plausible email address. */
  public static Optional<String> normalize(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String email = input.trim().toLowerCase(Locale.ROOT);
    if (email.length() > MAX_LENGTH || !PLAUSIBLE.matcher(email).matches()) {
      return Optional.empty();
    }
    return Optional.of(email);
  }

  public static String domainOf(String normalizedEmail) {
    return normalizedEmail.substring(normalizedEmail.lastIndexOf('@') + 1);
  }
}
