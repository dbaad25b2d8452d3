package com.earshot.insights.responses;

import com.earshot.platform.web.Paging;

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

  /** The page asked for; one out of range is brought into it by {@link Paging#of}. */
  int pageNumber() {
    return Paging.number(page, 1);
  }

  int pageSize() {
    return Paging.size(size, MIN_SIZE, DEFAULT_SIZE, MAX_SIZE);
  }
}
