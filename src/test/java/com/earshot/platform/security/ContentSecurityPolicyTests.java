package com.earshot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A widget page admits the widget's script by its URL, path included (a source expression may carry
 * a path), not every script its host serves.
 */
class ContentSecurityPolicyTests {

  @Test
  void shouldAdmitTheWidgetScriptByItsUrlAndItsOriginOnlyForWhatItLoads() {
    String policy =
        ContentSecurityPolicy.withWidget("https://cdn.example:8443/agents/widget.js?v=2#top");

    assertThat(policy)
        .contains(
            "script-src 'self' https://cdn.example:8443/agents/widget.js blob:;",
            "style-src 'self' https://cdn.example:8443;",
            "connect-src 'self' https://cdn.example:8443 https://*.elevenlabs.io")
        .doesNotContain("v=2", "#top", "script-src 'self' https://cdn.example:8443 ");
  }

  @Test
  void shouldKeepAPathThatWouldEndTheDirectiveInsideTheSource() {
    assertThat(ContentSecurityPolicy.withWidget("https://cdn.example/a;b,c/widget.js"))
        .contains("script-src 'self' https://cdn.example/a%3Bb%2Cc/widget.js blob:;");
  }

  @Test
  void shouldAdmitAScriptOnEarshotItselfThroughSelf() {
    assertThat(ContentSecurityPolicy.withWidget("/test-widget/widget.js"))
        .contains("script-src 'self' blob:;", "style-src 'self';")
        .doesNotContain("test-widget");
  }
}
