package com.earshot.playground;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;

/**
 * What Earshot understood of an embed code: the agent (by id or signed URL) and the widget's other
 * attributes. The pasted text is never rendered; {@link #widgetElement} is built from this.
 *
 * @param agentId the ElevenLabs agent id, or null when a signed URL identifies the agent
 * @param signedUrl a signed conversation URL, or null
 * @param options the widget's other attributes, by name
 * @param ignored attributes that were pasted but that Earshot sets itself ({@code user-id})
 */
record EmbedCode(
    String agentId,
    String signedUrl,
    SortedMap<String, String> options,
    SortedSet<String> ignored) {

  /** Each {@code server-location} and the ElevenLabs API host its widget talks to. */
  static final Map<String, String> API_HOSTS =
      Map.of(
          "us", "api.us.elevenlabs.io",
          "eu-residency", "api.eu.residency.elevenlabs.io",
          "in-residency", "api.in.residency.elevenlabs.io",
          "global", "api.elevenlabs.io");

  /** Where the widget sits in its box when the embed code does not say: at the bottom, centred. */
  static final String PLACEMENT = "bottom";

  public EmbedCode {
    if ((agentId == null) == (signedUrl == null)) {
      throw new IllegalArgumentException("An embed code names an agent id or a signed URL");
    }
    options = new TreeMap<>(options);
    ignored = new TreeSet<>(ignored);
  }

  EmbedCode(String agentId, String signedUrl, SortedMap<String, String> options) {
    this(agentId, signedUrl, options, new TreeSet<>());
  }

  /**
   * The canonical {@code <elevenlabs-convai>} element, attribute values escaped.
   *
   * @param userId what ElevenLabs records as the conversation's {@code user_id} (an opaque
   *     reference, never personal data), or null for none
   */
  public String widgetElement(String userId) {
    Element element = new Element("elevenlabs-convai");
    if (agentId != null) {
      element.attr("agent-id", agentId);
    } else {
      element.attr("signed-url", signedUrl);
    }
    options.forEach(element::attr);
    if (!options.containsKey("placement")) {
      element.attr("placement", PLACEMENT);
    }
    if (userId != null) {
      element.attr("user-id", userId);
    }
    return element.outerHtml();
  }

  /** The ElevenLabs API host the widget fetches its configuration from and calls. */
  public String apiHost() {
    return API_HOSTS.getOrDefault(
        options.getOrDefault("server-location", "us"), API_HOSTS.get("us"));
  }

  /**
   * The configuration request the widget makes before it renders anything, or null when a signed
   * URL (which carries its own, expiring signature) names the agent.
   */
  public String configUrl() {
    return agentId == null
        ? null
        : "https://" + apiHost() + "/v1/convai/agents/" + agentId + "/widget";
  }

  /** The https and wss endpoints the widget talks to: its API host, and a signed URL's host. */
  public List<String> endpoints() {
    List<String> endpoints = new ArrayList<>(List.of("https://" + apiHost(), "wss://" + apiHost()));
    if (signedUrl != null) {
      String signedHost = "wss://" + URI.create(signedUrl.strip()).getHost();
      if (!endpoints.contains(signedHost)) {
        endpoints.add(signedHost);
      }
    }
    return endpoints;
  }

  /** One line for the admin: what was understood. */
  public String summary() {
    String agent = agentId != null ? "Agent " + agentId : "Agent by signed URL";
    if (!options.isEmpty()) {
      agent +=
          " · "
              + options.entrySet().stream()
                  .map(option -> option.getKey() + "=" + option.getValue())
                  .collect(Collectors.joining(", "));
    }
    if (!ignored.isEmpty()) {
      agent += " · " + String.join(", ", ignored) + " ignored: Earshot sets its own";
    }
    return agent;
  }

  /** What the admin is told on saving this embed code, or null when nothing needs saying. */
  public String notice() {
    if (!ignored.contains("user-id")) {
      return null;
    }
    return "The embed code's user-id is not used: Earshot gives each session's widget its own"
        + " (an opaque reference, never the tester's email), so that every call can be found in"
        + " ElevenLabs by its session.";
  }
}
