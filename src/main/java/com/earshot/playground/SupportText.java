package com.earshot.playground;

import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;

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

  /**
   * The text as shown on a page whose own headings reach {@code pageLevel} (an {@code <h1>}: 1):
   * its headings shifted so that its top one comes right under the page's, and none skips a level
   * after the one before it. The admin writes headings for the text alone; the page's outline
   * (screen readers navigate by it, axe-core's heading-order checks it) is the page's.
   */
  public static String nestedUnder(String html, int pageLevel) {
    if (html == null) {
      return null;
    }
    Document document = Jsoup.parseBodyFragment(html);
    document.outputSettings(OUTPUT);
    Elements headings = document.body().select("h1, h2, h3, h4, h5, h6");
    if (headings.isEmpty()) {
      return html;
    }
    int top = headings.stream().mapToInt(SupportText::levelOf).min().orElseThrow();
    int previous = pageLevel;
    for (Element heading : headings) {
      int level = Math.min(6, Math.min(previous + 1, levelOf(heading) - top + pageLevel + 1));
      heading.tagName("h" + level);
      previous = level;
    }
    return document.body().html();
  }

  private static int levelOf(Element heading) {
    return heading.normalName().charAt(1) - '0';
  }

  /**
   * The first words, as plain text, for a list of playgrounds: one line per heading, paragraph or
   * list item, so that a heading does not run into the paragraph after it.
   */
  public static String excerpt(String html, int maxLength) {
    if (html == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode words) {
            text.append(words.text());
          } else if (node instanceof Element element
              && (element.isBlock() || element.normalName().equals("br"))) {
            text.append('\n');
          }
        },
        Jsoup.parseBodyFragment(html).body());
    String lines =
        text.toString()
            .lines()
            .map(line -> line.replaceAll("\\s+", " ").strip())
            .filter(line -> !line.isEmpty())
            .collect(Collectors.joining("\n"));
    if (lines.length() <= maxLength) {
      return lines;
    }
    // cut between words where there is a space to cut at
    String cut = lines.substring(0, maxLength - 1);
    int space = Character.isWhitespace(lines.charAt(maxLength - 1)) ? -1 : cut.lastIndexOf(' ');
    return (space > 0 ? cut.substring(0, space) : cut).strip() + "…";
  }
}
