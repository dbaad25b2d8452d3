package com.earshot.platform.web;

/**
 * Where a paged list stands: the page shown (1-based, brought into range), how many pages there
 * are, their size and how many rows in all. A list without rows has one, empty, page.
 */
public record Paging(int page, int totalPages, int size, long total) {

  /** The page asked for, brought into 1 … the last page. */
  public static Paging of(int requested, int size, long total) {
    int totalPages = (int) Math.max(1, (total + size - 1) / size);
    return new Paging(Math.min(Math.max(requested, 1), totalPages), totalPages, size, total);
  }

  /** The rows before this page, for {@code OFFSET}. */
  public long offset() {
    return (long) (page - 1) * size;
  }

  /**
   * A number from an address ({@code page=}, {@code size=}), as typed: a whole number; one too
   * large for an int is as large as an int (too small, as small); anything else gives {@code
   * otherwise}.
   */
  public static int number(String typed, int otherwise) {
    String text = typed == null ? "" : typed.strip();
    if (!text.matches("[+-]?\\d+")) {
      return otherwise;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }

  /** A page size from an address, as typed: {@link #number} brought into {@code min … max}. */
  public static int size(String typed, int min, int otherwise, int max) {
    return Math.min(max, Math.max(min, number(typed, otherwise)));
  }
}
