package com.earshot.playground;

import com.earshot.identity.Emails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may see a playground: nobody listed means every signed-in user; otherwise the listed emails
 * and whole domains ({@code @acme.com}), compared without case.
 */
final class AccessList {

  public static final int MAX_ENTRIES = 5_000;

  private static final Pattern DOMAIN =
      Pattern.compile(
          "@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  private AccessList() {}

  /**
   * Reads a pasted list (commas, spaces, semicolons or new lines between entries), folding case and
   * duplicates. Empty means public.
   *
   * @throws InvalidAccessListException naming every invalid entry
   */
  public static List<String> parse(String input) {
    if (input == null || input.isBlank()) {
      return List.of();
    }
    Set<String> entries = new LinkedHashSet<>();
    List<String> invalid = new ArrayList<>();
    for (String raw : input.split("[\\s,;]+")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("@")
          ? DOMAIN.matcher(entry).matches()
          : Emails.normalize(entry).isPresent()) {
        entries.add(entry);
      } else {
        invalid.add(raw.strip());
      }
    }
    if (!invalid.isEmpty()) {
      throw new InvalidAccessListException(invalid);
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new InvalidAccessListException(
          "At most " + MAX_ENTRIES + " entries; use @domain entries for whole organisations.");
    }
    return List.copyOf(entries);
  }

  /** One entry per line, for the editor. */
  public static String format(List<String> entries) {
    return entries == null ? "" : String.join("\n", entries);
  }
}
