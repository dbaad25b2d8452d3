package com.earshot.insights.sessions;

import com.earshot.platform.web.Paging;

/**
 * The sessions page's query string exactly as sent: nothing here has been checked yet, and whatever
 * it holds must come back as a page, never as an error.
 */
record SessionsRequest(
    String model,
    String status,
    String version,
    String email,
    String tester,
    String flag,
    String page,
    String size) {

  static final int DEFAULT_SIZE = 25;
  static final int MIN_SIZE = 10;
  static final int MAX_SIZE = 100;

  SessionsRequest {
    model = model == null ? "" : model.strip();
    status = status == null ? "" : status.strip();
    version = version == null ? "" : version.strip();
    email = email == null ? "" : email.strip();
    tester = tester == null ? "" : tester.strip();
    flag = flag == null ? "" : flag.strip();
    page = page == null ? "" : page.strip();
    size = size == null ? "" : size.strip();
  }

  int pageNumber() {
    return Paging.number(page, 1);
  }

  int pageSize() {
    return Paging.size(size, MIN_SIZE, DEFAULT_SIZE, MAX_SIZE);
  }
}
