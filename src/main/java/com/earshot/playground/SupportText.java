package com.earshot.playground;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * The HTML shown to testers (instructions, the scenario to play), cleaned with jsoup's safelist:
 * formatting, headings, lists, quotes and links, which always open safely. Scripts, event handlers,
 * styles, iframes and everything else never survive.
 */
public final class SupportText {

  public static final int MAX_LENGTH = 20_000;

  private static final Safelist SAFELIST =
      Safelist.basic()
          .addTags("h1", "h2", "h3", "h4", "h5", "h6", "hr", "br")
          .removeTags("img")
          .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
          .addEnforcedAttribute("a", "target", "_blank")
          .addProtocols("a", "href", "https", "http", "mailto");

  private static final Document.OutputSettings OUTPUT =
      new Document.OutputSettings().prettyPrint(false);

  private SupportText() {}

  /** Safe HTML for testers; blank input gives null (no support text). */
  public static String sanitize(String html) {
    if (html == null || html.isBlank()) {
      return null;
    }
    String clean = Jsoup.clean(html, "", SAFELIST, OUTPUT).strip();
    return clean.isEmpty() ? null : clean;
  }

  /** The first words, as plain text, for a list of playgrounds. */
  public static String excerpt(String html, int maxLength) {
    if (html == null) {
      return "";
    }
    String text = Jsoup.parse(html).text();
    return text.length() <= maxLength ? text : text.substring(0, maxLength - 1).strip() + "…";
  }
}
