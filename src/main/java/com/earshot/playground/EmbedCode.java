package com.earshot.playground;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;

/**
 * What Earshot understood of an embed code: the agent (by id or signed URL) and the widget's other
 * attributes. The pasted text is never rendered; {@link #widgetElement()} is built from this.
 *
 * @param agentId the ElevenLabs agent id, or null when a signed URL identifies the agent
 * @param signedUrl a signed conversation URL, or null
 * @param options the widget's other attributes, by name
 */
public record EmbedCode(String agentId, String signedUrl, SortedMap<String, String> options) {

  public EmbedCode {
    if ((agentId == null) == (signedUrl == null)) {
      throw new IllegalArgumentException("An embed code names an agent id or a signed URL");
    }
    options = new TreeMap<>(options);
  }

  /** The canonical {@code <elevenlabs-convai>} element, attribute values escaped. */
  public String widgetElement() {
    Element element = new Element("elevenlabs-convai");
    if (agentId != null) {
      element.attr("agent-id", agentId);
    } else {
      element.attr("signed-url", signedUrl);
    }
    options.forEach(element::attr);
    return element.outerHtml();
  }

  /** One line for the admin: what was understood. */
  public String summary() {
    String agent = agentId != null ? "Agent " + agentId : "Agent by signed URL";
    if (options.isEmpty()) {
      return agent;
    }
    return agent
        + " · "
        + options.entrySet().stream()
            .map(option -> option.getKey() + "=" + option.getValue())
            .collect(Collectors.joining(", "));
  }
}
