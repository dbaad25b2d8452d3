package com.earshot.insights.responses;

/**
 * The open-responses page's query string exactly as sent: nothing here has been checked yet, and
 * whatever it holds must come back as a page, never as an error.
 */
record ResponsesRequest(String q, String model, String question, String page, String size) {

  static final int DEFAULT_SIZE = 20;
  static final int MIN_SIZE = 10;
  static final int MAX_SIZE = 100;

  ResponsesRequest {
    q = q == null ? "" : q;
    model = model == null ? "" : model.strip();
    question = question == null ? "" : question.strip();
    page = page == null ? "" : page.strip();
    size = size == null ? "" : size.strip();
  }

  /** At least 1; a page beyond the end is brought back to the last one by the caller. */
  int pageNumber() {
    return Math.max(1, number(page, 1));
  }

  int pageSize() {
    return Math.min(MAX_SIZE, Math.max(MIN_SIZE, number(size, DEFAULT_SIZE)));
  }

  /** A whole number; one too large for an int is as large as an int; anything else: the default. */
  private static int number(String text, int otherwise) {
    if (!text.matches("[+-]?\\d+")) {
      return otherwise;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }
}
