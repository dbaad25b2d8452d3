package com.earshot.playground;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what an admin pasted as a model's embed code: the snippet ElevenLabs gives (an {@code
 * <elevenlabs-convai>} element and, optionally, the widget script from ElevenLabs' own origins) or
 * a bare agent id. Anything else is refused with a sentence that says what was found.
 */
final class EmbedCodeParser {

  public static final int MAX_LENGTH = 10_000;

  private static final String WIDGET = "elevenlabs-convai";
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_-]{4,128}");

  /** The widget's documented attributes that Earshot passes through. */
  private static final Set<String> OPTIONS =
      Set.of(
          "variant",
          "placement",
          "dismissible",
          "server-location",
          "avatar-image-url",
          "avatar-orb-color-1",
          "avatar-orb-color-2",
          "action-text",
          "start-call-text",
          "end-call-text",
          "expand-text",
          "listening-text",
          "speaking-text",
          "default-expanded",
          "always-expanded",
          "override-language",
          "override-prompt",
          "override-first-message",
          "override-voice-id",
          "dynamic-variables",
          "transcript",
          "text-input",
          "mic-muting");

  /**
   * Attributes Earshot sets itself: accepted, so that a pasted snippet is not refused for them, but
   * not used ({@link EmbedCode#ignored}).
   */
  private static final Set<String> EARSHOTS_OWN = Set.of("user-id");

  private static final Set<String> URL_OPTIONS = Set.of("avatar-image-url");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> SCRIPT_ATTRIBUTES = Set.of("src", "async", "defer", "type");
  private static final Set<String> SCRIPT_HOSTS = Set.of("unpkg.com", "elevenlabs.io");

  private EmbedCodeParser() {}

  /**
   * @throws InvalidEmbedCodeException naming what is wrong
   */
  public static EmbedCode parse(String input) {
    String text = input == null ? "" : input.strip();
    if (text.isEmpty()) {
      throw new InvalidEmbedCodeException(
          "Paste the embed code from ElevenLabs, or the agent id (agent_…).");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidEmbedCodeException(
          "The embed code is longer than " + MAX_LENGTH + " characters: paste only the snippet.");
    }
    if (!text.contains("<")) {
      if (AGENT_ID.matcher(text).matches()) {
        return new EmbedCode(text, null, new TreeMap<>());
      }
      throw new InvalidEmbedCodeException(
          "This is neither an embed code nor an agent id: an agent id has only letters, digits,"
              + " '_' and '-' (like agent_01abc…).");
    }
    Document document = Jsoup.parseBodyFragment(text);
    if (!document.head().childNodes().isEmpty()) {
      throw refused(document.head().child(0));
    }
    Element widget = null;
    for (Node node : document.body().childNodes()) {
      if (node instanceof TextNode textNode && textNode.isBlank()) {
        continue;
      }
      if (node instanceof Comment) {
        throw new InvalidEmbedCodeException("Comments are not allowed in the embed code.");
      }
      if (!(node instanceof Element element)) {
        throw new InvalidEmbedCodeException(
            "The embed code contains text outside the widget: \""
                + shorten(node.outerHtml())
                + "\".");
      }
      if (element.normalName().equals(WIDGET)) {
        if (widget != null) {
          throw new InvalidEmbedCodeException("The embed code contains more than one widget.");
        }
        widget = element;
      } else if (element.normalName().equals("script")) {
        checkScript(element);
      } else {
        throw refused(element);
      }
    }
    if (widget == null) {
      throw new InvalidEmbedCodeException(
          "The embed code has no <elevenlabs-convai> element. Copy the whole snippet from the"
              + " agent's Widget tab in ElevenLabs.");
    }
    return readWidget(widget);
  }

  private static EmbedCode readWidget(Element widget) {
    if (!widget.children().isEmpty() || !widget.text().isBlank()) {
      throw new InvalidEmbedCodeException("The <elevenlabs-convai> element must be empty.");
    }
    String agentId = null;
    String signedUrl = null;
    TreeMap<String, String> options = new TreeMap<>();
    TreeSet<String> ignored = new TreeSet<>();
    for (Attribute attribute : widget.attributes()) {
      String name = attribute.getKey().toLowerCase(Locale.ROOT);
      String value = attribute.getValue();
      checkValue(name, value);
      switch (name) {
        case "agent-id" -> {
          if (!AGENT_ID.matcher(value).matches()) {
            throw new InvalidEmbedCodeException(
                "The agent-id \"" + shorten(value) + "\" is not an ElevenLabs agent id.");
          }
          agentId = value;
        }
        case "signed-url" -> {
          requireUrl(name, value, Set.of("https", "wss"), true);
          signedUrl = value;
        }
        case "server-location" -> {
          if (!EmbedCode.API_HOSTS.containsKey(value)) {
            throw new InvalidEmbedCodeException(
                "The server-location \""
                    + shorten(value)
                    + "\" is not one of ElevenLabs': us, eu-residency, in-residency or global.");
          }
          options.put(name, value);
        }
        case "dynamic-variables" -> {
          checkDynamicVariables(value);
          options.put(name, value);
        }
        default -> {
          if (EARSHOTS_OWN.contains(name)) {
            ignored.add(name);
            continue;
          }
          if (!OPTIONS.contains(name)) {
            throw new InvalidEmbedCodeException(
                "The widget attribute \"" + name + "\" is not one Earshot knows; remove it.");
          }
          if (URL_OPTIONS.contains(name)) {
            requireUrl(name, value, Set.of("https"), false);
          }
          options.put(name, value);
        }
      }
    }
    if (agentId == null && signedUrl == null) {
      throw new InvalidEmbedCodeException(
          "The <elevenlabs-convai> element needs an agent-id (or a signed-url).");
    }
    if (agentId != null && signedUrl != null) {
      throw new InvalidEmbedCodeException("Give either an agent-id or a signed-url, not both.");
    }
    return new EmbedCode(agentId, signedUrl, options, ignored);
  }

  /** What the widget sends as the conversation's dynamic variables: names and plain values. */
  private static void checkDynamicVariables(String value) {
    JsonNode variables;
    try {
      variables = JSON.readTree(value);
    } catch (JacksonException e) {
      variables = null;
    }
    boolean plain = variables != null && variables.isObject();
    if (plain) {
      for (JsonNode variable : variables.values()) {
        plain &= variable.isString() || variable.isNumber() || variable.isBoolean();
      }
    }
    if (!plain) {
      throw new InvalidEmbedCodeException(
          "The dynamic-variables must be a JSON object of names and plain values, like"
              + " {\"customer_name\": \"Ann\", \"party_size\": 2}.");
    }
  }

  private static void checkScript(Element script) {
    if (!script.data().isBlank()) {
      throw new InvalidEmbedCodeException(
          "Inline scripts are not allowed: only the ElevenLabs widget script, by its src.");
    }
    for (Attribute attribute : script.attributes()) {
      String name = attribute.getKey().toLowerCase(Locale.ROOT);
      if (!SCRIPT_ATTRIBUTES.contains(name)) {
        throw new InvalidEmbedCodeException(
            "The script's attribute \"" + name + "\" is not allowed.");
      }
      checkValue(name, attribute.getValue());
    }
    String src = script.attr("src");
    if (src.isBlank()) {
      throw new InvalidEmbedCodeException(
          "Inline scripts are not allowed: only the ElevenLabs widget script, by its src.");
    }
    URI uri = requireUrl("src", src, Set.of("https"), false);
    boolean elevenLabsWidget =
        SCRIPT_HOSTS.contains(uri.getHost())
            && (uri.getHost().equals("elevenlabs.io")
                ? uri.getPath().startsWith("/convai-widget/")
                : uri.getPath().startsWith("/@elevenlabs/convai-widget"));
    if (!elevenLabsWidget) {
      throw new InvalidEmbedCodeException(
          "Only the ElevenLabs widget script may be included, not " + shorten(src) + ".");
    }
  }

  /** No event handlers, no script URLs, in any attribute. */
  private static void checkValue(String name, String value) {
    if (name.startsWith("on")) {
      throw new InvalidEmbedCodeException(
          "Event-handler attributes like \"" + name + "\" are not allowed.");
    }
    String squeezed = value.replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
    if (squeezed.contains("javascript:")
        || squeezed.contains("vbscript:")
        || squeezed.contains("data:text/html")) {
      throw new InvalidEmbedCodeException(
          "The attribute \"" + name + "\" contains a script URL, which is not allowed.");
    }
  }

  private static URI requireUrl(
      String name, String value, Set<String> schemes, boolean elevenLabsOnly) {
    try {
      URI uri = new URI(value.strip());
      if (uri.getScheme() == null
          || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        throw new InvalidEmbedCodeException(
            "The " + name + " must be a " + String.join(" or ", schemes) + " address.");
      }
      if (elevenLabsOnly
          && !(uri.getHost().equals("elevenlabs.io") || uri.getHost().endsWith(".elevenlabs.io"))) {
        throw new InvalidEmbedCodeException("The " + name + " must be an ElevenLabs address.");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidEmbedCodeException("The " + name + " is not a valid address.");
    }
  }

  private static InvalidEmbedCodeException refused(Element element) {
    return new InvalidEmbedCodeException(
        "The embed code may contain only the <elevenlabs-convai> element and the ElevenLabs"
            + " widget script, not <"
            + element.normalName()
            + ">.");
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "…" : oneLine;
  }
}
