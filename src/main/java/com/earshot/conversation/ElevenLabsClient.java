package com.earshot.conversation;

import com.earshot.conversation.ElevenLabsException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ElevenLabs' conversation history API (GET a conversation, list by agent and user, the audio),
 * read leniently: unknown fields and enum values are kept or ignored, absent and null are the same,
 * and an error's {@code detail} may be an object, an array or a string. The key goes in the {@code
 * xi-api-key} header only, never in a URL or a message.
 */
@Component
class ElevenLabsClient {

  /** Pages of a user's conversations read before giving up: a session has a handful of calls. */
  private static final int MAX_PAGES = 5;

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final JsonMapper json;

  ElevenLabsClient(ElevenLabsProperties properties, JsonMapper json) {
    this.timeout = properties.requestTimeout();
    this.http =
        // HTTP/1.1: a plain-http base (a stand-in, a proxy) is then never asked to upgrade to h2c.
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String url = properties.baseUrl().toString();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.json = json;
  }

  JsonNode conversation(String key, String conversationId) {
    return getJson(key, "v1/convai/conversations/" + encode(conversationId));
  }

  /**
   * The first (earliest) conversation of {@code agentId} whose user_id is {@code userId}, the
   * session's call reference.
   */
  Optional<String> findByUser(String key, String agentId, String userId) {
    String cursor = null;
    String earliest = null;
    long earliestStart = Long.MAX_VALUE;
    for (int page = 0; page < MAX_PAGES; page++) {
      String path =
          "v1/convai/conversations?page_size=100&agent_id="
              + encode(agentId)
              + "&user_id="
              + encode(userId)
              + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonNode answer = getJson(key, path);
      JsonNode conversations = answer.path("conversations");
      if (!conversations.isArray()) {
        throw new ElevenLabsException(
            Kind.TRANSIENT, "ElevenLabs' list had no conversations array");
      }
      for (JsonNode summary : conversations) {
        String id = text(summary, "conversation_id");
        long start = summary.path("start_time_unix_secs").asLong(Long.MAX_VALUE - 1);
        if (id != null && start < earliestStart) {
          earliest = id;
          earliestStart = start;
        }
      }
      cursor = text(answer, "next_cursor");
      if (!answer.path("has_more").asBoolean(false) || cursor == null) {
        break;
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** The recording, as a stream the caller must close. */
  HttpResponse<InputStream> audio(String key, String conversationId) {
    HttpResponse<InputStream> response =
        send(
            key,
            "v1/convai/conversations/" + encode(conversationId) + "/audio",
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      try (InputStream body = response.body()) {
        throw failure(response.statusCode(), body.readNBytes(4096), response);
      } catch (IOException e) {
        throw new ElevenLabsException(Kind.TRANSIENT, "HTTP " + response.statusCode());
      }
    }
    return response;
  }

  private JsonNode getJson(String key, String path) {
    HttpResponse<byte[]> response = send(key, path, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw failure(response.statusCode(), response.body(), response);
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw new ElevenLabsException(Kind.TRANSIENT, "ElevenLabs answered with malformed JSON");
      }
      return node;
    } catch (JacksonException e) {
      throw new ElevenLabsException(Kind.TRANSIENT, "ElevenLabs answered with malformed JSON");
    }
  }

  private <T> HttpResponse<T> send(String key, String path, HttpResponse.BodyHandler<T> handler) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("xi-api-key", key)
            .header("Accept", "application/json, audio/mpeg, application/octet-stream")
            .GET()
            .build();
    try {
      return http.send(request, handler);
    } catch (HttpTimeoutException e) {
      throw new ElevenLabsException(
          Kind.TRANSIENT, "ElevenLabs did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new ElevenLabsException(Kind.TRANSIENT, "ElevenLabs could not be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElevenLabsException(Kind.TRANSIENT, "interrupted");
    }
  }

  private ElevenLabsException failure(int status, byte[] body, HttpResponse<?> response) {
    String said = detail(body);
    String message = "ElevenLabs answered HTTP " + status + (said == null ? "" : " (" + said + ")");
    if (status == 429) {
      return new ElevenLabsException(Kind.RATE_LIMITED, message, retryAfter(response));
    }
    if (status >= 500) {
      return new ElevenLabsException(Kind.TRANSIENT, message);
    }
    if (status == 404) {
      return new ElevenLabsException(Kind.NOT_FOUND, message);
    }
    if (status == 401 || status == 403) {
      return new ElevenLabsException(Kind.REFUSED, message);
    }
    return new ElevenLabsException(Kind.CLIENT, message);
  }

  /**
   * ElevenLabs' word for an error: {@code detail.status} of an object, "validation error" for
   * FastAPI's array, a short bare string; its free-text message is left out (it may quote input).
   */
  private String detail(byte[] body) {
    try {
      JsonNode detail = json.readTree(body).path("detail");
      if (detail.isObject()) {
        return shorten(text(detail, "status"));
      }
      if (detail.isArray()) {
        return "validation error";
      }
      return detail.isString() ? shorten(detail.asString()) : null;
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(value -> value.matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)))
        .orElse(null);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asString();
  }

  private static String shorten(String value) {
    if (value == null) {
      return null;
    }
    String clean = value.replaceAll("[^A-Za-z0-9_ .-]", "");
    return clean.length() > 60 ? clean.substring(0, 60) : clean;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
