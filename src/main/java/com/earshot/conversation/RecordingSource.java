package com.earshot.conversation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which conversation holds a session's recording, as row-level security lets the caller read it.
 */
@Component
class RecordingSource {

  private final JdbcClient jdbc;

  RecordingSource(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The conversation id of the session's call when it has audio; empty for anyone but its owning
   * admin.
   */
  @Transactional(readOnly = true)
  Optional<String> conversationWithAudio(UUID playground, UUID session) {
    return jdbc.sql(
            """
            SELECT conversation_id FROM conversations
            WHERE session_id = ? AND playground_id = ? AND has_audio
            """)
        .params(session, playground)
        .query(String.class)
        .optional();
  }
}
