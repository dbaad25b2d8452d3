package com.earshot.platform.web;

import java.util.List;
import java.util.Map;

/**
 * The server-rendered step before a destructive action ({@code confirm.html}): what will happen, in
 * words, and a form that does it. A script dialog would be skipped by a keyboard slip, a screen
 * reader, or a page without scripts.
 *
 * @param title the page's title and heading ("Delete “Voices”?")
 * @param consequences what will happen, a sentence each
 * @param action where the form posts
 * @param button the confirming button's words
 * @param fields hidden fields the form carries
 * @param cancel where "Cancel" leads
 */
public record Confirmation(
    String title,
    List<String> consequences,
    String action,
    String button,
    Map<String, String> fields,
    String cancel) {

  public static final String VIEW = "confirm";

  public Confirmation {
    consequences = List.copyOf(consequences);
    fields = Map.copyOf(fields);
  }
}
