package com.earshot.evaluation;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Reading the pages MockMvc returned. */
final class Pages {

  private Pages() {}

  static String body(MvcTestResult result) {
    return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
  }

  static Document html(MvcTestResult result) {
    return Jsoup.parse(body(result));
  }

  /** The text a reader sees, without markup. */
  static String text(MvcTestResult result) {
    return html(result).text();
  }

  static String location(MvcTestResult result) {
    return result.getResponse().getRedirectedUrl();
  }
}
