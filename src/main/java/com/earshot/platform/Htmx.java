package com.earshot.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request came from htmx (it sends {@code HX-Request}), which swaps a fragment of the
 * page into the page it is on: such a request is answered with the fragment, also after an error,
 * and not with a redirect. A handler takes it as a parameter ({@code Htmx htmx}).
 */
public final class Htmx {

  public static final String REQUEST_HEADER = "HX-Request";

  private final boolean request;

  private Htmx(boolean request) {
    this.request = request;
  }

  public static Htmx of(HttpServletRequest request) {
    return new Htmx(isRequest(request));
  }

  public static boolean isRequest(HttpServletRequest request) {
    return request.getHeader(REQUEST_HEADER) != null;
  }

  /** Whether this request came from htmx. */
  public boolean isRequest() {
    return request;
  }
}
