package com.earshot.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-in tokens as the database keeps them: only the SHA-256 (hex) of each token's value. */
public final class StoredTokens {

  private StoredTokens() {}

  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A token for {@code email}, valid five minutes, stored as the superuser: a link as if mailed,
   * for tests whose subject is not the mail.
   */
  public static String issue(JdbcClient superuser, String email) {
    String token = "stored-" + UUID.randomUUID();
    superuser
        .sql(
            """
            INSERT INTO one_time_tokens (token_value, username, expires_at)
            VALUES (?, ?, (now() AT TIME ZONE 'UTC') + interval '5 minutes')
            """)
        .params(sha256(token), email)
        .update();
    return token;
  }

  public static long countFor(JdbcClient superuser, String email) {
    return superuser
        .sql("SELECT count(*) FROM one_time_tokens WHERE username = ?")
        .param(email)
        .query(Long.class)
        .single();
  }
}
