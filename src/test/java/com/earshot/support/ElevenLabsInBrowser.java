package com.earshot.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.earshot.playground.WidgetSettings;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ElevenLabs as a browser meets it, answered by the test: ElevenLabs' real widget (the vendored
 * copy of 0.5.4, {@code src/test/resources/elevenlabs}) at Earshot's default script URL, so the app
 * runs with its real configuration; the widget's configuration request; its orb's image; and the
 * conversation socket, speaking enough of ElevenLabs' protocol for a call to connect, carry the
 * tester's (fake) microphone and end. Every other request that would leave the machine is refused.
 * One per browser context ({@link Journey} installs it in each).
 *
 * <p>The protocol, as the widget's bundle speaks it: the client's first message is {@code
 * conversation_initiation_client_data} (with the widget's {@code user-id} as {@code user_id}); the
 * server must answer {@code conversation_initiation_metadata} with a {@code conversation_id}; the
 * client then streams {@code user_audio_chunk}s every 250 ms, until the tester ends the call (the
 * client closes) or the server closes.
 *
 * <p>The page's {@code securitypolicyviolation} events are collected ({@link #policyViolations}).
 * Blocked audio worklets raise none (the browser reports nothing), so a call only proves the policy
 * right when its microphone chunks arrived ({@link Call#audioChunks}).
 */
public final class ElevenLabsInBrowser {

  static final String BUNDLE = "/elevenlabs/convai-widget-embed-0.5.4.js";

  /** The app's own requests (the journey's base URL) go through; nothing else leaves. */
  private static final Pattern EXTERNAL = Pattern.compile("^(?!http://localhost[:/]).*");

  private static final Pattern API =
      Pattern.compile(
          "^https://api\\.(us\\.|eu\\.residency\\.|in\\.residency\\.)?elevenlabs\\.io/.*");
  private static final Pattern CONFIG = Pattern.compile("/v1/convai/agents/([^/?]+)/widget");
  private static final Pattern CONVERSATION =
      Pattern.compile(
          "^wss://api\\.(us\\.|eu\\.residency\\.|in\\.residency\\.)?elevenlabs\\.io/v1/convai/conversation.*");
  private static final Pattern AGENT_ID = Pattern.compile("[?&]agent_id=([^&]+)");
  private static final Pattern IMAGES =
      Pattern.compile("^https://storage\\.googleapis\\.com/eleven-public-cdn/images/.*");

  private static final byte[] WIDGET = read(BUNDLE);
  private static final byte[] PIXEL =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
  private static final Map<String, String> CORS = Map.of("Access-Control-Allow-Origin", "*");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An agent's widget settings, as ElevenLabs' configuration request returns them. */
  public static final String WIDGET_CONFIG =
      """
      {"agent_id":"%s","widget_config":{"variant":"compact","placement":"bottom-right",
      "avatar":{"type":"orb","color_1":"#2792dc","color_2":"#9ce6e6"},"feedback_mode":"none",
      "end_feedback":null,"language":"en","supported_language_overrides":[],"terms_html":null,
      "terms_key":null,"mic_muting_enabled":false,"transcript_enabled":false,
      "text_input_enabled":false,"default_expanded":false,"always_expanded":false,
      "text_contents":{},"styles":{},"language_presets":{},"disable_banner":false,
      "override_link":null,"text_only":false,"supports_text_only":false,
      "first_message":"Hi! What can I do for you?","use_rtc":false}}
      """;

  /** How the configuration request of an agent is answered. */
  public record ConfigAnswer(int status, String body, boolean networkFailure, boolean held) {

    /** The agent's widget settings (the default). */
    public static ConfigAnswer widget() {
      return new ConfigAnswer(200, null, false, false);
    }

    public static ConfigAnswer status(int status, String body) {
      return new ConfigAnswer(status, body, false, false);
    }

    /** No answer at all: the connection fails. */
    public static ConfigAnswer networkDown() {
      return new ConfigAnswer(0, null, true, false);
    }

    /** Held until {@link #releaseHeldConfigs()}: a slow network. */
    public static ConfigAnswer heldBack() {
      return new ConfigAnswer(200, null, false, true);
    }
  }

  /** One call: what the widget sent, what this stand-in answered, how it went. */
  public static final class Call {
    private final WebSocketRoute socket;
    private final String agentId;
    private final String conversationId = "conv_" + UUID.randomUUID().toString().replace("-", "");
    private final AtomicInteger audioChunks = new AtomicInteger();
    private volatile String userId;
    private volatile boolean connected;
    private volatile boolean closed;

    Call(WebSocketRoute socket, String agentId) {
      this.socket = socket;
      this.agentId = agentId;
    }

    public String agentId() {
      return agentId;
    }

    /** The conversation id this stand-in gave the call. */
    public String conversationId() {
      return conversationId;
    }

    /** The {@code user_id} of the widget's first message: its {@code user-id} attribute. */
    public String userId() {
      return userId;
    }

    public boolean connected() {
      return connected;
    }

    /** Microphone chunks received: the worklets ran, the tester was heard. */
    public int audioChunks() {
      return audioChunks.get();
    }

    /** Whether the socket closed (the tester pressed End, or the agent hung up). */
    public boolean closed() {
      return closed;
    }
  }

  private final Map<String, ConfigAnswer> answers = new ConcurrentHashMap<>();
  private final List<Route> held = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> configRequests = new CopyOnWriteArrayList<>();

  private ElevenLabsInBrowser() {}

  static ElevenLabsInBrowser install(BrowserContext context) {
    ElevenLabsInBrowser elevenLabs = new ElevenLabsInBrowser();
    context.grantPermissions(List.of("microphone"));
    context.addInitScript(
        """
        window.__policyViolations = [];
        document.addEventListener("securitypolicyviolation", event => {
          window.__policyViolations.push(event.effectiveDirective + " refused " + event.blockedURI
            + (event.sample ? " (" + event.sample + ")" : ""));
        });
        """);
    // The newest matching route runs first: the refusal is the last resort.
    context.route(EXTERNAL, route -> route.abort("blockedbyclient"));
    context.routeWebSocket(Pattern.compile("^wss?://.*"), WebSocketRoute::close);
    context.route(
        WidgetSettings.PINNED_SCRIPT_URL,
        route ->
            route.fulfill(
                new Route.FulfillOptions()
                    .setStatus(200)
                    .setHeaders(
                        Map.of(
                            "Content-Type", "text/javascript", "Access-Control-Allow-Origin", "*"))
                    .setBodyBytes(WIDGET)));
    context.route(
        IMAGES,
        route ->
            route.fulfill(
                new Route.FulfillOptions()
                    .setStatus(200)
                    .setHeaders(
                        Map.of("Content-Type", "image/png", "Access-Control-Allow-Origin", "*"))
                    .setBodyBytes(PIXEL)));
    context.route(API, elevenLabs::answerApi);
    context.routeWebSocket(CONVERSATION, elevenLabs::converse);
    return elevenLabs;
  }

  // --- what the test decides ----------------------------------------------------------------

  /** How the configuration request of {@code agentId} is answered from now on. */
  public void answerConfig(String agentId, ConfigAnswer answer) {
    answers.put(agentId, answer);
  }

  /** Answers the held configuration requests with the widget settings: the slow network arrives. */
  public void releaseHeldConfigs() {
    for (Route route : held) {
      held.remove(route);
      fulfillWidget(route);
    }
  }

  /** The agent ends the live call: the server closes the socket with {@code code}. */
  public void hangUp(int code, String reason) {
    lastCall().socket.close(new WebSocketRoute.CloseOptions().setCode(code).setReason(reason));
  }

  // --- what the test observes ---------------------------------------------------------------

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public Call lastCall() {
    if (calls.isEmpty()) {
      throw new AssertionError("No call reached ElevenLabs");
    }
    return calls.get(calls.size() - 1);
  }

  /** The agent ids whose configuration was requested, in order (the widget's and the page's). */
  public List<String> configRequests() {
    return List.copyOf(configRequests);
  }

  /** The Content-Security-Policy violations {@code page} saw since it loaded. */
  @SuppressWarnings("unchecked")
  public static List<String> policyViolations(Page page) {
    return (List<String>) page.evaluate("() => window.__policyViolations || []");
  }

  /**
   * Starts a call in {@code page}'s widget as a tester does, and waits until this stand-in hears
   * the microphone; the widget then shows its End button. Returns the call.
   */
  public Call startCall(Page page) {
    int before = calls.size();
    widgetButton(page, "Start a call").click();
    page.waitForCondition(
        () -> calls.size() > before && calls.get(before).audioChunks() > 1,
        new Page.WaitForConditionOptions().setTimeout(15_000));
    assertThat(widgetButton(page, "End")).isVisible();
    return calls.get(before);
  }

  /** Ends the call with the widget's End button, and waits until the socket closed. */
  public void endCall(Page page) {
    Call call = lastCall();
    widgetButton(page, "End").click();
    page.waitForCondition(call::closed);
    assertThat(widgetButton(page, "End")).hasCount(0);
  }

  /** A button of the widget (in its shadow root), by its exact accessible name. */
  public static Locator widgetButton(Page page, String name) {
    return page.locator("elevenlabs-convai")
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  // --- ElevenLabs' side ---------------------------------------------------------------------

  private void answerApi(Route route) {
    Matcher config = CONFIG.matcher(route.request().url());
    if (!config.find()) {
      route.fulfill(new Route.FulfillOptions().setStatus(404).setHeaders(CORS).setBody("{}"));
      return;
    }
    String agentId = config.group(1);
    configRequests.add(agentId);
    ConfigAnswer answer = answers.getOrDefault(agentId, ConfigAnswer.widget());
    if (answer.held()) {
      held.add(route);
    } else if (answer.networkFailure()) {
      route.abort("connectionfailed");
    } else if (answer.body() == null) {
      fulfillWidget(route);
    } else {
      route.fulfill(
          new Route.FulfillOptions()
              .setStatus(answer.status())
              .setHeaders(
                  Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*"))
              .setBody(answer.body()));
    }
  }

  private static void fulfillWidget(Route route) {
    Matcher config = CONFIG.matcher(route.request().url());
    String agentId = config.find() ? config.group(1) : "agent";
    route.fulfill(
        new Route.FulfillOptions()
            .setStatus(200)
            .setHeaders(
                Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*"))
            .setBody(WIDGET_CONFIG.formatted(agentId)));
  }

  private void converse(WebSocketRoute socket) {
    Matcher agent = AGENT_ID.matcher(socket.url());
    Call call = new Call(socket, agent.find() ? agent.group(1) : null);
    calls.add(call);
    socket.onMessage(
        frame -> {
          String text = frame.text();
          if (text == null) {
            return;
          }
          if (text.startsWith("{\"user_audio_chunk\"")) {
            call.audioChunks.incrementAndGet();
            return;
          }
          JsonNode message = JSON.readTree(text);
          if ("conversation_initiation_client_data".equals(message.path("type").asString())) {
            call.userId = message.path("user_id").asString(null);
            socket.send(
                """
                {"type":"conversation_initiation_metadata","conversation_initiation_metadata_event":\
                {"conversation_id":"%s","agent_output_audio_format":"pcm_16000",\
                "user_input_audio_format":"pcm_16000"}}"""
                    .formatted(call.conversationId));
            socket.send(
                "{\"type\":\"agent_response\",\"agent_response_event\":"
                    + "{\"agent_response\":\"Hello, I can book a table for you.\"}}");
            call.connected = true;
          }
        });
    socket.onClose((code, reason) -> call.closed = true);
  }

  private static byte[] read(String resource) {
    try (InputStream in = ElevenLabsInBrowser.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No " + resource + " on the test class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
