package com.earshot.support;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Reading the pages MockMvc returned. */
public final class Pages {

  private Pages() {}

  public static String body(MvcTestResult result) {
    return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
  }

  public static Document page(MvcTestResult result) {
    return Jsoup.parse(body(result));
  }

  /** The text a reader sees, without markup. */
  public static String text(MvcTestResult result) {
    return page(result).text();
  }

  public static String location(MvcTestResult result) {
    return result.getResponse().getRedirectedUrl();
  }

  /** The text of the message shown under the field with this id, or null without one. */
  public static String errorAt(Document page, String fieldId) {
    Element error = page.getElementById(fieldId + "-error");
    return error == null ? null : error.text();
  }

  /** What the field with this id holds: an input's value or a text area's text. */
  public static String valueOf(Document page, String fieldId) {
    Element field = page.getElementById(fieldId);
    if (field == null) {
      throw new AssertionError("No field #" + fieldId + " on the page");
    }
    return field.tagName().equals("textarea") ? field.wholeText() : field.attr("value");
  }
}
