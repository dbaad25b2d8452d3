package com.earshot.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored conversations of the current admin's playgrounds and their place in the fetch queue,
 * read only. Row-level security limits every read to the owning admin: for anyone else a
 * conversation is not there.
 */
@Service
public class Conversations {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final boolean workspaceKey;

  Conversations(JdbcClient jdbc, JsonMapper json, ElevenLabsProperties settings) {
    this.jdbc = jdbc;
    this.json = json;
    this.workspaceKey = settings.apiKey() != null;
  }

  /** The conversation stored for a session, if one is (and the current admin may read it). */
  @Transactional(readOnly = true)
  public Optional<Conversation> of(UUID session) {
    return jdbc.sql("SELECT * FROM conversations WHERE session_id = ?")
        .param(session)
        .query(this::conversation)
        .optional();
  }

  /** Where the session's fetch stands; {@link FetchState#NOT_QUEUED} when it was never queued. */
  @Transactional(readOnly = true)
  public FetchState state(UUID session) {
    return jdbc.sql("SELECT * FROM conversation_fetches WHERE session_id = ?")
        .param(session)
        .query((rs, row) -> fetchState(rs))
        .optional()
        .orElse(FetchState.NOT_QUEUED);
  }

  /**
   * A summary per session, in one statement, for every session asked about (one without a
   * conversation or a fetch has {@link ConversationSummary#stored()} false and is not queued).
   */
  @Transactional(readOnly = true)
  public Map<UUID, ConversationSummary> summaries(Collection<UUID> sessions) {
    Map<UUID, ConversationSummary> found = new HashMap<>();
    if (!sessions.isEmpty()) {
      jdbc.sql(
              """
              SELECT coalesce(c.session_id, f.session_id) AS id, c.status, c.duration_secs,
                     c.version_id, f.state, f.attempts, f.next_attempt_at, f.last_error
              FROM (SELECT * FROM conversations WHERE session_id IN (:ids)) c
              FULL JOIN (SELECT * FROM conversation_fetches WHERE session_id IN (:ids)) f
                ON f.session_id = c.session_id
              """)
          .param("ids", List.copyOf(sessions))
          .query(
              (rs, row) ->
                  found.put(
                      rs.getObject("id", UUID.class),
                      new ConversationSummary(
                          rs.getString("status"),
                          (Integer) rs.getObject("duration_secs"),
                          rs.getString("version_id"),
                          rs.getString("state") == null ? FetchState.NOT_QUEUED : fetchState(rs))))
          .list();
    }
    Map<UUID, ConversationSummary> all = new HashMap<>();
    for (UUID session : sessions) {
      all.put(session, found.getOrDefault(session, ConversationSummary.NONE));
    }
    return all;
  }

  /**
   * Whether Earshot can ask ElevenLabs about this playground's calls: a workspace key is configured
   * ({@code EARSHOT_ELEVENLABS_APIKEY}), or the playground has a key of its own.
   */
  @Transactional(readOnly = true)
  public boolean connected(UUID playground) {
    return workspaceKey
        || jdbc.sql("SELECT EXISTS (SELECT 1 FROM playground_api_keys WHERE playground_id = ?)")
            .param(playground)
            .query(Boolean.class)
            .single();
  }

  private static FetchState fetchState(ResultSet rs) throws SQLException {
    FetchState.State state = FetchState.State.of(rs.getString("state"));
    return new FetchState(
        state,
        rs.getInt("attempts"),
        state == FetchState.State.PENDING
            ? rs.getObject("next_attempt_at", LocalDateTime.class)
            : null,
        rs.getString("last_error"));
  }

  private Conversation conversation(ResultSet rs, int row) throws SQLException {
    return new Conversation(
        rs.getObject("session_id", UUID.class),
        rs.getString("conversation_id"),
        rs.getString("agent_id"),
        rs.getString("status"),
        rs.getString("version_id"),
        rs.getString("branch_id"),
        rs.getObject("started_at", LocalDateTime.class),
        (Integer) rs.getObject("duration_secs"),
        rs.getString("termination_reason"),
        rs.getString("main_language"),
        rs.getString("call_successful"),
        rs.getString("transcript_summary"),
        turns(read(rs.getString("transcript"))),
        evaluationResults(read(rs.getString("evaluation_results"))),
        dataCollection(read(rs.getString("data_collection"))),
        rs.getBoolean("has_audio"),
        rs.getObject("fetched_at", LocalDateTime.class));
  }

  private JsonNode read(String stored) {
    try {
      return json.readTree(stored == null ? "null" : stored);
    } catch (JacksonException e) {
      throw new IllegalStateException("A stored conversation is not JSON", e);
    }
  }

  // What the job stored is read leniently: a field missing, null or of another type reads as
  // absent, so that a shape ElevenLabs changes later shows what it can rather than failing the
  // page.

  private static List<Conversation.Turn> turns(JsonNode transcript) {
    List<Conversation.Turn> turns = new ArrayList<>();
    for (JsonNode turn : transcript.isArray() ? transcript : List.<JsonNode>of()) {
      List<String> tools = new ArrayList<>();
      for (JsonNode call :
          turn.path("tool_calls").isArray() ? turn.get("tool_calls") : List.<JsonNode>of()) {
        String name = call.isObject() ? text(call.get("tool_name")) : text(call);
        if (name != null) {
          tools.add(name);
        }
      }
      turns.add(
          new Conversation.Turn(
              text(turn.get("role")),
              text(turn.get("message")),
              turn.path("time_in_call_secs").asInt(0),
              turn.path("interrupted").asBoolean(false),
              tools));
    }
    return turns;
  }

  private static List<Conversation.EvaluationResult> evaluationResults(JsonNode results) {
    List<Conversation.EvaluationResult> all = new ArrayList<>();
    if (results.isObject()) {
      for (Map.Entry<String, JsonNode> entry : results.properties()) {
        all.add(
            new Conversation.EvaluationResult(
                entry.getKey(),
                text(entry.getValue().get("result")),
                text(entry.getValue().get("rationale"))));
      }
    }
    return all;
  }

  private static List<Conversation.CollectedValue> dataCollection(JsonNode collected) {
    List<Conversation.CollectedValue> all = new ArrayList<>();
    if (collected.isObject()) {
      for (Map.Entry<String, JsonNode> entry : collected.properties()) {
        JsonNode value = entry.getValue().get("value");
        all.add(
            new Conversation.CollectedValue(
                entry.getKey(),
                value == null || value.isNull()
                    ? null
                    : value.isString() ? value.asString() : value.toString(),
                text(entry.getValue().get("rationale"))));
      }
    }
    return all;
  }

  /** A string field's text; null when it is absent, null or not a string. */
  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }
}
