package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupportTextTests {

  @Test
  void shouldKeepFormattingHeadingsListsAndSafeLinks() {
    String html =
        "<h2>Scenario</h2><p>Call as a <strong>customer</strong> and <em>ask</em>:</p>"
            + "<ul><li>one</li></ul><ol><li>two</li></ol>"
            + "<a href=\"https://example.com/guide\">guide</a>";
    assertThat(SupportText.sanitize(html))
        .isEqualTo(
            "<h2>Scenario</h2><p>Call as a <strong>customer</strong> and <em>ask</em>:</p>"
                + "<ul><li>one</li></ul><ol><li>two</li></ol>"
                + "<a href=\"https://example.com/guide\" rel=\"noopener noreferrer nofollow\""
                + " target=\"_blank\">guide</a>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">x</p>",
        "<style>body{display:none}</style>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<p onclick=\"alert(1)\">x</p>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<object data=\"x.swf\"></object>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<div class=\"position-fixed top-0\">x</div>"
      })
  void shouldNeverLetScriptsHandlersStylesOrFramesThrough(String hostile) {
    String clean = SupportText.sanitize(hostile + "<p>kept</p>");
    assertThat(clean)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("onclick")
        .doesNotContainIgnoringCase("javascript:")
        .doesNotContainIgnoringCase("<iframe")
        .doesNotContainIgnoringCase("style")
        .doesNotContainIgnoringCase("<form")
        .doesNotContainIgnoringCase("<object")
        .doesNotContainIgnoringCase("<base")
        .doesNotContainIgnoringCase("<meta")
        .doesNotContainIgnoringCase("class=")
        .endsWith("<p>kept</p>");
  }

  @Test
  void shouldTreatBlankAsNoSupportText() {
    assertThat(SupportText.sanitize("  ")).isNull();
    assertThat(SupportText.sanitize("<script>x</script>")).isNull();
  }

  @Test
  void shouldKeepAHeadingOnALineOfItsOwnInTheExcerpt() {
    String html =
        "<h2>Book a table</h2><p>Ask the agent for a table\n   for <strong>four</strong>.</p>"
            + "<ul><li>Be polite</li><li>Then rude<br>and hurried</li></ul>";

    assertThat(SupportText.excerpt(html, 200))
        .isEqualTo(
            "Book a table\nAsk the agent for a table for four.\nBe polite\nThen rude\nand hurried");
  }

  @Test
  void shouldCutALongExcerptWithAnEllipsis() {
    assertThat(SupportText.excerpt("<h1>Title</h1><p>" + "word ".repeat(100) + "</p>", 30))
        .isEqualTo("Title\nword word word word…")
        .hasSizeLessThanOrEqualTo(30);
    assertThat(SupportText.excerpt(null, 30)).isEmpty();
  }

  @Test
  void shouldNestTheAdminsHeadingsRightUnderThePagesOwn() {
    // an h3 right after the page's h1 becomes an h2; the levels below it keep their steps
    assertThat(
            SupportText.nestedUnder(
                "<h3>Scenario</h3><p>Book a table.</p><h4>Details</h4><h3>Then</h3>", 1))
        .isEqualTo("<h2>Scenario</h2><p>Book a table.</p><h3>Details</h3><h2>Then</h2>");
    // under a section's h2, an h1 becomes an h3; a jump from h1 to h4 is closed to one step
    assertThat(SupportText.nestedUnder("<h1>Title</h1><h4>Deep</h4><h5>Deeper</h5>", 2))
        .isEqualTo("<h3>Title</h3><h4>Deep</h4><h5>Deeper</h5>");
    // never past h6; a text without headings is left as it is
    assertThat(SupportText.nestedUnder("<h1>a</h1><h2>b</h2><h3>c</h3>", 4))
        .isEqualTo("<h5>a</h5><h6>b</h6><h6>c</h6>");
    assertThat(SupportText.nestedUnder("<p>Just <em>words</em></p>", 1))
        .isEqualTo("<p>Just <em>words</em></p>");
    assertThat(SupportText.nestedUnder(null, 1)).isNull();
  }
}
