package com.earshot.conversation;

import static com.earshot.conversation.ElevenLabsClient.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A conversation as ElevenLabs sends it (GET conversation, or the webhook's {@code data}), turned
 * into the columns of {@code conversations}: only what Earshot shows, every field optional, unknown
 * ones ignored, texts kept as sent (but for NUL, which PostgreSQL cannot store).
 */
final class ConversationRow {

  /** ElevenLabs' statuses after which the conversation no longer changes. */
  static boolean isFinal(String status) {
    return "done".equals(status) || "failed".equals(status);
  }

  private ConversationRow() {}

  static Map<String, Object> of(UUID session, UUID playground, JsonNode conversation) {
    JsonNode metadata = conversation.path("metadata");
    JsonNode analysis = conversation.path("analysis");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("session_id", session);
    row.put("playground_id", playground);
    row.put("conversation_id", clip(text(conversation, "conversation_id"), 255));
    row.put("agent_id", clip(text(conversation, "agent_id"), 255));
    row.put("status", clip(text(conversation, "status"), 30));
    row.put("version_id", clip(text(conversation, "version_id"), 255));
    row.put("branch_id", clip(text(conversation, "branch_id"), 255));
    if (metadata.path("start_time_unix_secs").canConvertToLong()) {
      row.put("start_time_unix_secs", metadata.path("start_time_unix_secs").asLong());
    }
    if (metadata.path("call_duration_secs").canConvertToInt()
        && metadata.path("call_duration_secs").asInt() >= 0) {
      row.put("duration_secs", metadata.path("call_duration_secs").asInt());
    }
    row.put("termination_reason", clean(text(metadata, "termination_reason")));
    row.put("main_language", clip(text(metadata, "main_language"), 20));
    row.put("call_successful", clip(text(analysis, "call_successful"), 20));
    row.put("transcript_summary", clean(text(analysis, "transcript_summary")));
    row.put("transcript", transcript(conversation.path("transcript")));
    row.put("evaluation_results", results(analysis.path("evaluation_criteria_results"), "result"));
    row.put("data_collection", results(analysis.path("data_collection_results"), "value"));
    row.put("has_audio", conversation.path("has_audio").asBoolean(false));
    return row;
  }

  private static List<Map<String, Object>> transcript(JsonNode turns) {
    List<Map<String, Object>> transcript = new ArrayList<>();
    if (!turns.isArray()) {
      return transcript;
    }
    for (JsonNode turn : turns) {
      Map<String, Object> stored = new LinkedHashMap<>();
      stored.put("role", clip(text(turn, "role"), 30));
      stored.put("message", clean(text(turn, "message")));
      stored.put("time_in_call_secs", turn.path("time_in_call_secs").asInt(0));
      stored.put("interrupted", turn.path("interrupted").asBoolean(false));
      List<String> tools = new ArrayList<>();
      for (JsonNode call : turn.path("tool_calls")) {
        String name = clean(text(call, "tool_name"));
        if (name != null) {
          tools.add(name);
        }
      }
      stored.put("tool_calls", tools);
      transcript.add(stored);
    }
    return transcript;
  }

  /** {id: {result|value, rationale}} of ElevenLabs' evaluation or data collection results. */
  private static Map<String, Object> results(JsonNode results, String valueField) {
    Map<String, Object> stored = new LinkedHashMap<>();
    if (!results.isObject()) {
      return stored;
    }
    for (Map.Entry<String, JsonNode> entry : results.properties()) {
      JsonNode value = entry.getValue().path(valueField);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put(valueField, value.isMissingNode() || value.isNull() ? null : plain(value));
      one.put("rationale", clean(text(entry.getValue(), "rationale")));
      stored.put(clean(entry.getKey()), one);
    }
    return stored;
  }

  private static Object plain(JsonNode value) {
    if (value.isString()) {
      return clean(value.asString());
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return clean(value.toString());
  }

  private static String clean(String text) {
    return text == null ? null : text.replace("\u0000", "");
  }

  private static String clip(String text, int max) {
    String clean = clean(text);
    return clean == null || clean.length() <= max ? clean : clean.substring(0, max);
  }
}
