package com.earshot.platform.database;

/**
 * What someone searches for, matched literally: a pattern for {@code LIKE}/{@code ILIKE … ESCAPE
 * '\'} in which %, _ and \ lose their meaning, so that typing them finds them.
 */
public final class LikePattern {

  private LikePattern() {}

  /** Matches any text that contains {@code text}. */
  public static String containing(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
