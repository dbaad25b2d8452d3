package com.earshot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page widens the policy by exactly the sources it names, in the directives it names: a URL
 * admits that URL alone (a source expression may carry a path), never its whole host.
 */
class ContentSecurityPolicyTests {

  @Test
  void shouldAdmitAUrlByItsPathWithoutItsQueryOrFragment() {
    assertThat(ContentSecurityPolicy.source("https://cdn.example:8443/agents/widget.js?v=2#top"))
        .isEqualTo("https://cdn.example:8443/agents/widget.js");
  }

  @Test
  void shouldKeepAPathThatWouldEndTheDirectiveInsideTheSource() {
    assertThat(ContentSecurityPolicy.source("https://cdn.example/a;b,c/widget.js"))
        .isEqualTo("https://cdn.example/a%3Bb%2Cc/widget.js");
  }

  @Test
  void shouldAddSourcesAfterTheBaseOnlyInTheDirectivesNamed() {
    String policy =
        ContentSecurityPolicy.with(
            Map.of(
                "script-src", List.of("https://cdn.example/widget.js", "blob:"),
                "connect-src", List.of("wss://api.example"),
                "img-src", List.of()));

    assertThat(policy)
        .contains(
            "script-src 'self' https://cdn.example/widget.js blob:;",
            "connect-src 'self' wss://api.example;",
            "img-src 'self' data:;",
            "style-src 'self';",
            "frame-ancestors 'none'")
        .startsWith("default-src 'self'; script-src");
    assertThat(ContentSecurityPolicy.base()).doesNotContain("cdn.example", "blob:", "wss:");
  }

  @Test
  void shouldRefuseADirectiveTheBaseDoesNotHaveAndARelativeUrl() {
    assertThatThrownBy(() -> ContentSecurityPolicy.with(Map.of("script-src-elem", List.of("x:"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentSecurityPolicy.source("/widget.js"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
