package com.earshot.conversation;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API keys Earshot calls ElevenLabs with: a playground's own (encrypted, write-only for its
 * owning admin) or else the workspace's. A key is never logged, rendered or audited.
 */
@Service
class ApiKeys {

  /** ElevenLabs keys are {@code sk_} and hex; any token-like text is accepted, nothing else. */
  static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{20,200}");

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

  private final JdbcClient jdbc;
  private final KeyCipher cipher;
  private final ElevenLabsProperties properties;
  private final AuditLog audit;

  ApiKeys(JdbcClient jdbc, KeyCipher cipher, ElevenLabsProperties properties, AuditLog audit) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.properties = properties;
    this.audit = audit;
  }

  record KeyState(String playgroundName, LocalDateTime setAt) {}

  /** The current admin's own playground and when its key was set (null: none), or empty. */
  @Transactional(readOnly = true)
  Optional<KeyState> stateOfOwn(UUID playground) {
    return jdbc.sql(
            """
            SELECT p.name, k.set_at FROM playgrounds p
            LEFT JOIN playground_api_keys k ON k.playground_id = p.id
            WHERE p.id = ? AND p.created_by = app_current_user_id() AND app_is_admin()
            """)
        .param(playground)
        .query((rs, n) -> new KeyState(rs.getString(1), rs.getObject(2, LocalDateTime.class)))
        .optional();
  }

  boolean canStore() {
    return cipher.available();
  }

  boolean workspaceKeySet() {
    return properties.apiKey() != null;
  }

  /** Sets or replaces the playground's key; the caller checked it is their own and the format. */
  @Transactional
  void set(UUID playground, String key) {
    byte[] sealed = cipher.encrypt(key, playground);
    jdbc.sql(
            """
            INSERT INTO playground_api_keys (playground_id, encrypted_key, set_by)
            VALUES (?, ?, app_current_user_id())
            ON CONFLICT (playground_id) DO UPDATE
              SET encrypted_key = EXCLUDED.encrypted_key, set_by = EXCLUDED.set_by, set_at = now()
            """)
        .params(playground, sealed)
        .update();
    audit.record(
        AuditEntry.of("playground.api_key_set")
            .on("playground", playground)
            .inPlayground(playground));
  }

  @Transactional
  boolean remove(UUID playground) {
    int removed =
        jdbc.sql("DELETE FROM playground_api_keys WHERE playground_id = ?")
            .param(playground)
            .update();
    if (removed > 0) {
      audit.record(
          AuditEntry.of("playground.api_key_removed")
              .on("playground", playground)
              .inPlayground(playground));
    }
    return removed > 0;
  }

  /**
   * The key for a playground's calls: its own (sealed as stored; null for none) or the workspace's.
   * Empty when neither is there, or its own does not decrypt (said in the log, by playground id
   * only).
   */
  Optional<String> resolve(UUID playground, byte[] sealed) {
    if (sealed != null && cipher.available()) {
      try {
        return Optional.of(cipher.decrypt(sealed, playground));
      } catch (GeneralSecurityException e) {
        LOG.warn(
            "The API key of playground {} does not decrypt with EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY"
                + " (changed?); using the workspace key if there is one",
            playground);
      }
    }
    return Optional.ofNullable(properties.apiKey());
  }

  /** The key for the current admin's own playground (row-level security reads its row). */
  @Transactional(readOnly = true)
  Optional<String> resolveOwn(UUID playground) {
    byte[] sealed =
        jdbc.sql("SELECT encrypted_key FROM playground_api_keys WHERE playground_id = ?")
            .param(playground)
            .query(byte[].class)
            .optional()
            .orElse(null);
    return resolve(playground, sealed);
  }
}
