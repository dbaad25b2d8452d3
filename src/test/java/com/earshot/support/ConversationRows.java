package com.earshot.support;

import java.time.LocalDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversations, fetches and playground keys written as rows by the superuser, as the fetch job and
 * the key page leave them: for the tests of what is shown of them.
 */
public final class ConversationRows {

  /** Three turns: a greeting, an interrupted answer, and an agent turn that only calls a tool. */
  public static final String TRANSCRIPT =
      """
      [{"role": "agent", "message": "Hello, this is the clinic.", "time_in_call_secs": 0,
        "interrupted": false, "tool_calls": []},
       {"role": "user", "message": "I'd like an appointment on Tuesday.", "time_in_call_secs": 4,
        "interrupted": true, "tool_calls": null},
       {"role": "agent", "message": null, "time_in_call_secs": 75,
        "tool_calls": ["book_slot", {"tool_name": "end_call", "request_id": "r1"}]}]
      """;

  private final JdbcClient jdbc;

  public ConversationRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public ConversationRows() {
    this(TestDatabase.superuserJdbc());
  }

  /** A done, analysed conversation of 74 seconds with {@link #TRANSCRIPT} and a recording. */
  public String stored(UUID session) {
    return stored(session, TRANSCRIPT, true);
  }

  /** A done, analysed conversation of 74 seconds with this transcript; returns its id. */
  public String stored(UUID session, String transcript, boolean hasAudio) {
    String conversationId = "conv_" + UUID.randomUUID().toString().replace("-", "");
    jdbc.sql(
            """
            INSERT INTO conversations (session_id, playground_id, conversation_id, agent_id, status,
                version_id, branch_id, started_at, duration_secs, termination_reason,
                main_language, call_successful, transcript_summary, transcript,
                evaluation_results, data_collection, has_audio, fetched_at)
            SELECT id, playground_id, ?, 'agent_7101k2e0x3f9', 'done', 'agtvrsn_0901k4aa',
                   'agtbrch_main', ?, 74, 'end_call tool was called.', 'en', 'success',
                   'The tester booked Tuesday.', ?::jsonb,
                   '{"booked": {"result": "success", "rationale": "A slot was booked."},
                     "polite": {"result": "unknown", "rationale": null}}'::jsonb,
                   '{"day": {"value": "Tuesday", "rationale": "The tester said so."},
                     "party_size": {"value": 2, "rationale": "Two people."},
                     "phone": {"value": null, "rationale": null}}'::jsonb,
                   ?, ?
            FROM evaluation_sessions WHERE id = ?
            """)
        .params(
            conversationId,
            LocalDateTime.of(2026, 11, 25, 10, 0, 5),
            transcript,
            hasAudio,
            LocalDateTime.of(2026, 11, 25, 10, 7),
            session)
        .update();
    return conversationId;
  }

  /**
   * The session's place in the fetch queue: pending, done or failed (the row its ending queued, if
   * it has one, set to that).
   */
  public void fetch(UUID session, String state, int attempts, String lastError) {
    jdbc.sql(
            """
            INSERT INTO conversation_fetches (session_id, playground_id, state, attempts,
                next_attempt_at, last_error)
            SELECT id, playground_id, ?, ?, '2026-11-25 10:10', ? FROM evaluation_sessions
            WHERE id = ?
            ON CONFLICT (session_id) DO UPDATE SET state = excluded.state,
                attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
                last_error = excluded.last_error
            """)
        .params(state, attempts, lastError, session)
        .update();
  }

  /** The playground has a key of its own (the bytes stand in for an encrypted key). */
  public void apiKey(UUID playground) {
    jdbc.sql("INSERT INTO playground_api_keys (playground_id, encrypted_key) VALUES (?, ?)")
        .params(playground, new byte[] {1, 2, 3})
        .update();
  }
}
