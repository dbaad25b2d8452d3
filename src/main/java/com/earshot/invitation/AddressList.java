package com.earshot.invitation;

import com.earshot.identity.Emails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Addresses typed or pasted for an invitation: commas, semicolons, spaces or new lines between
 * them; case and repeats folded.
 */
final class AddressList {

  /** Malformed entries named in a message, at most; the rest are counted. */
  private static final int NAMED = 20;

  private AddressList() {}

  /**
   * The addresses, or a message naming what is wrong (nothing is sent then).
   *
   * @param max how many addresses one send may go to
   */
  static Parsed parse(String input, int max) {
    List<String> entries = new ArrayList<>();
    for (String raw : (input == null ? "" : input).split("[\\s,;]+")) {
      if (!raw.isBlank()) {
        entries.add(raw.strip());
      }
    }
    if (entries.isEmpty()) {
      return Parsed.refused("Enter at least one email address, like name@example.com.");
    }
    Set<String> addresses = new LinkedHashSet<>();
    List<String> malformed = new ArrayList<>();
    for (String entry : entries) {
      Emails.normalize(entry).ifPresentOrElse(addresses::add, () -> malformed.add(entry));
    }
    if (addresses.size() + malformed.size() > max) {
      return Parsed.refused(
          "At most %d addresses at once; you entered %,d. Nothing was sent."
              .formatted(max, addresses.size() + malformed.size()));
    }
    if (!malformed.isEmpty()) {
      return Parsed.refused(
          (malformed.size() == 1 ? "Not an email address: " : "Not email addresses: ")
              + named(malformed)
              + ". Nothing was sent.");
    }
    return new Parsed(List.copyOf(addresses), null);
  }

  /** The first few, and how many more. */
  static String named(List<String> entries) {
    String first = String.join(", ", entries.subList(0, Math.min(NAMED, entries.size())));
    return entries.size() > NAMED ? first + " and " + (entries.size() - NAMED) + " more" : first;
  }

  /** The addresses, or (when {@code error} is set) why there are none to send to. */
  record Parsed(List<String> addresses, String error) {

    static Parsed refused(String error) {
      return new Parsed(List.of(), error);
    }
  }
}
