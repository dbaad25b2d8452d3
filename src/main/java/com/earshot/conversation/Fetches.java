package com.earshot.conversation;

import static com.earshot.conversation.ElevenLabsClient.text;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue's statements, all through the SECURITY DEFINER functions of V26 (the job and the
 * webhook act for no signed-in user), and the one way a fetched conversation is stored.
 */
@Component
class Fetches {

  /** A claimed row: what one fetch needs. */
  record Claim(
      UUID session,
      UUID playground,
      String agentId,
      String conversationId,
      UUID callReference,
      int attempts,
      byte[] sealedKey) {}

  /** A queued session that a webhook's conversation belongs to. */
  record Queued(UUID session, UUID playground, String agentId, String state) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Fetches(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * @param workspaceKey whether a workspace key is configured: without one, only rows of
   *     playgrounds with their own key are claimed
   */
  List<Claim> claim(int limit, Duration lease, boolean workspaceKey) {
    return jdbc.sql("SELECT * FROM conversation_fetches_claim(?, ?, ?)")
        .params(limit, (int) lease.toSeconds(), workspaceKey)
        .query(
            (rs, n) ->
                new Claim(
                    rs.getObject("session_id", UUID.class),
                    rs.getObject("playground_id", UUID.class),
                    rs.getString("agent_id"),
                    rs.getString("conversation_id"),
                    rs.getObject("call_reference", UUID.class),
                    rs.getInt("attempts"),
                    rs.getBytes("encrypted_key")))
        .list();
  }

  void retry(UUID session, boolean attempted, Duration delay, String error) {
    report(session, "pending", attempted, delay, error);
  }

  void fail(UUID session, String error) {
    report(session, "failed", true, Duration.ZERO, error);
  }

  private void report(UUID session, String state, boolean attempted, Duration delay, String error) {
    jdbc.sql("SELECT conversation_fetches_report(?, ?, ?, ?, ?)")
        .params(session, state, attempted, (int) delay.toSeconds(), error)
        .query()
        .listOfRows();
  }

  Optional<Queued> find(String conversationId, String userId) {
    return jdbc.sql("SELECT * FROM conversation_fetches_find(?, ?)")
        .params(conversationId, userId)
        .query(
            (rs, n) ->
                new Queued(
                    rs.getObject("session_id", UUID.class),
                    rs.getObject("playground_id", UUID.class),
                    rs.getString("agent_id"),
                    rs.getString("state")))
        .optional();
  }

  /**
   * What came of storing a conversation: stored as final, stored while ElevenLabs still works on
   * it, or refused.
   */
  enum Stored {
    DONE,
    IN_PROGRESS,
    ANOTHER_AGENT
  }

  /**
   * Stores {@code conversation} as the session's, unless it is another agent's (then the fetch
   * fails for good: no retry makes it the session's). The same for the job and the webhook.
   */
  Stored store(UUID session, UUID playground, String expectedAgent, JsonNode conversation) {
    String agent = text(conversation, "agent_id");
    if (expectedAgent == null || !expectedAgent.equals(agent)) {
      fail(session, "Another agent's conversation: the model's agent is " + expectedAgent + ".");
      return Stored.ANOTHER_AGENT;
    }
    Map<String, Object> row = ConversationRow.of(session, playground, conversation);
    boolean done = ConversationRow.isFinal(text(conversation, "status"));
    jdbc.sql("SELECT conversations_store(?::jsonb, ?)")
        .params(json.writeValueAsString(row), done)
        .query()
        .listOfRows();
    return done ? Stored.DONE : Stored.IN_PROGRESS;
  }
}
