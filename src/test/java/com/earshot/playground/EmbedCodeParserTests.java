package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmbedCodeParserTests {

  private static final String SNIPPET =
      "<elevenlabs-convai agent-id=\"agent_01jx7abc\"></elevenlabs-convai>"
          + "<script src=\"https://unpkg.com/@elevenlabs/convai-widget-embed\" async"
          + " type=\"text/javascript\"></script>";

  @Test
  void shouldReadTheSnippetElevenLabsGives() {
    EmbedCode code = EmbedCodeParser.parse(SNIPPET);
    assertThat(code.agentId()).isEqualTo("agent_01jx7abc");
    assertThat(code.options()).isEmpty();
    assertThat(code.widgetElement(null))
        .isEqualTo(
            "<elevenlabs-convai agent-id=\"agent_01jx7abc\" placement=\"bottom\"></elevenlabs-convai>");
    assertThat(code.summary()).isEqualTo("Agent agent_01jx7abc");
  }

  @Test
  void shouldAcceptABareAgentIdAndKnownOptions() {
    assertThat(EmbedCodeParser.parse("  agent_01jx7abc \n").agentId()).isEqualTo("agent_01jx7abc");
    EmbedCode code =
        EmbedCodeParser.parse(
            "<elevenlabs-convai agent-id=\"agent_x1\" variant=\"compact\""
                + " avatar-image-url=\"https://cdn.example.com/a.png\"></elevenlabs-convai>");
    assertThat(code.options())
        .containsEntry("variant", "compact")
        .containsEntry("avatar-image-url", "https://cdn.example.com/a.png");
    assertThat(code.summary())
        .isEqualTo(
            "Agent agent_x1 · avatar-image-url=https://cdn.example.com/a.png, variant=compact");
  }

  @Test
  void shouldEscapeAttributeValuesInTheCanonicalElement() {
    EmbedCode code =
        EmbedCodeParser.parse(
            "<elevenlabs-convai agent-id=\"agent_x1\" action-text='Talk \"now\" &lt;b&gt;'>"
                + "</elevenlabs-convai>");
    assertThat(code.widgetElement(null))
        .contains("action-text=\"Talk &quot;now&quot; &lt;b&gt;\"")
        .doesNotContain("<b>");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><img src=x onerror=alert(1)> | not <img>
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><script>alert(1)</script> | Inline scripts
          <elevenlabs-convai agent-id="agent_x1" onclick="alert(1)"></elevenlabs-convai> | Event-handler
          <elevenlabs-convai agent-id="agent_x1" avatar-image-url="javascript:alert(1)"></elevenlabs-convai> | script URL
          <elevenlabs-convai agent-id="agent_x1" avatar-image-url="java&#x09;script:alert(1)"></elevenlabs-convai> | script URL
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><script src="https://evil.example/convai-widget-embed"></script> | Only the ElevenLabs widget script
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><script src="http://unpkg.com/@elevenlabs/convai-widget-embed"></script> | must be a https
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><script src="https://unpkg.com/evil-package"></script> | Only the ElevenLabs widget script
          <elevenlabs-convai agent-id="agent_x1" style="position:fixed"></elevenlabs-convai> | "style" is not one Earshot knows
          <elevenlabs-convai agent-id="agent_x1"><iframe src="https://evil.example"></iframe></elevenlabs-convai> | must be empty
          <iframe src="https://elevenlabs.io"></iframe> | not <iframe>
          <elevenlabs-convai></elevenlabs-convai> | needs an agent-id
          <elevenlabs-convai agent-id="x&quot; onload=&quot;alert(1)"></elevenlabs-convai> | is not an ElevenLabs agent id
          <elevenlabs-convai agent-id="agent_x1" signed-url="https://evil.example/x"></elevenlabs-convai> | must be an ElevenLabs address
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><elevenlabs-convai agent-id="agent_x2"></elevenlabs-convai> | more than one widget
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><!-- x --> | Comments
          <div><elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai></div> | not <div>
          <svg onload="alert(1)"></svg> | not <svg>
          <elevenlabs-convai agent-id="agent_x1"></elevenlabs-convai><script src="https://unpkg.com/@elevenlabs/convai-widget-embed" onload="alert(1)"></script> | not allowed
          <a href="javascript:alert(1)">x</a> | not <a>
          """)
  void shouldRefuseHostileEmbedCodesSayingWhy(String embedCode, String reason) {
    assertThatThrownBy(() -> EmbedCodeParser.parse(embedCode))
        .isInstanceOf(InvalidEmbedCodeException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "agent id with spaces", "<", "javascript:alert(1)"})
  void shouldRefuseWhatIsNeitherSnippetNorAgentId(String input) {
    assertThatThrownBy(() -> EmbedCodeParser.parse(input))
        .isInstanceOf(InvalidEmbedCodeException.class);
  }

  @Test
  void shouldRefuseOverlongInput() {
    assertThatThrownBy(() -> EmbedCodeParser.parse("a".repeat(EmbedCodeParser.MAX_LENGTH + 1)))
        .hasMessageContaining("longer than");
  }

  @Test
  void shouldAcceptAPastedUserIdButUseEarshotsOwnAndSaySo() {
    EmbedCode code =
        EmbedCodeParser.parse(
            "<elevenlabs-convai agent-id=\"agent_x1\" user-id=\"ann@acme.com\"></elevenlabs-convai>");

    assertThat(code.ignored()).containsExactly("user-id");
    assertThat(code.options()).doesNotContainKey("user-id");
    assertThat(code.widgetElement("ref-7")).contains("user-id=\"ref-7\"").doesNotContain("ann@");
    assertThat(code.widgetElement(null)).doesNotContain("user-id");
    assertThat(code.summary()).isEqualTo("Agent agent_x1 · user-id ignored: Earshot sets its own");
    assertThat(code.notice()).startsWith("The embed code's user-id is not used:");
    assertThat(EmbedCodeParser.parse("agent_x1").notice()).isNull();
  }

  @Test
  void shouldPassDynamicVariablesThroughOnlyAsAnObjectOfPlainValues() {
    String variables = "{\"customer_name\": \"Ann\", \"party_size\": 2, \"vip\": false}";
    EmbedCode code =
        EmbedCodeParser.parse(
            "<elevenlabs-convai agent-id=\"agent_x1\" dynamic-variables='"
                + variables
                + "'>"
                + "</elevenlabs-convai>");
    assertThat(code.options()).containsEntry("dynamic-variables", variables);

    for (String bad : List.of("{customer: Ann}", "[1, 2]", "{\"a\": {\"b\": 1}}", "\"Ann\"")) {
      assertThatThrownBy(
              () ->
                  EmbedCodeParser.parse(
                      "<elevenlabs-convai agent-id=\"agent_x1\" dynamic-variables='"
                          + bad
                          + "'></elevenlabs-convai>"))
          .as(bad)
          .isInstanceOf(InvalidEmbedCodeException.class)
          .hasMessageContaining(
              "The dynamic-variables must be a JSON object of names and plain values");
    }
  }

  @Test
  void shouldKnowElevenLabsServerLocationsAndNoOthers() {
    assertThat(
            EmbedCodeParser.parse(
                    "<elevenlabs-convai agent-id=\"agent_x1\" server-location=\"in-residency\">"
                        + "</elevenlabs-convai>")
                .apiHost())
        .isEqualTo("api.in.residency.elevenlabs.io");
    assertThat(EmbedCodeParser.parse("agent_x1").apiHost()).isEqualTo("api.us.elevenlabs.io");
    assertThatThrownBy(
            () ->
                EmbedCodeParser.parse(
                    "<elevenlabs-convai agent-id=\"agent_x1\" server-location=\"mars\">"
                        + "</elevenlabs-convai>"))
        .hasMessage(
            "The server-location \"mars\" is not one of ElevenLabs': us, eu-residency, in-residency"
                + " or global.");
  }
}
