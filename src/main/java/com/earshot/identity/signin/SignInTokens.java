package com.earshot.identity.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;

/**
 * Sign-in link tokens in PostgreSQL, so that any instance redeems what another issued. Only a
 * SHA-256 of each token is stored (a database dump reveals no working link), and redeeming deletes
 * the row in the same statement that reads it: two simultaneous redemptions cannot both succeed.
 */
@Component
class SignInTokens implements OneTimeTokenService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  SignInTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    LocalDateTime expiresAt =
        jdbc.sql(
                """
                INSERT INTO one_time_tokens (token_value, username, expires_at)
                VALUES (?, ?, now() + make_interval(secs => ?)) RETURNING expires_at
                """)
            .params(hash(token), request.getUsername(), request.getExpiresIn().toSeconds())
            .query(LocalDateTime.class)
            .single();
    return new DefaultOneTimeToken(token, request.getUsername(), utc(expiresAt));
  }

  /** The token's owner if it exists and has not expired; either way it is gone afterwards. */
  @Override
  public OneTimeToken consume(OneTimeTokenAuthenticationToken authenticationToken) {
    String token = authenticationToken.getTokenValue();
    if (token == null || token.length() > 100) {
      return null;
    }
    return jdbc.sql(
            """
            DELETE FROM one_time_tokens WHERE token_value = ?
            RETURNING username, expires_at, expires_at > now() AS valid
            """)
        .param(hash(token))
        .query(
            (rs, row) ->
                rs.getBoolean("valid")
                    ? new DefaultOneTimeToken(
                        token,
                        rs.getString("username"),
                        utc(rs.getObject("expires_at", LocalDateTime.class)))
                    : null)
        .optional()
        .orElse(null);
  }

  /** Tokens nobody redeemed: deleted once expired. */
  int deleteExpired() {
    return jdbc.sql("DELETE FROM one_time_tokens WHERE expires_at < now()").update();
  }

  private static Instant utc(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC);
  }

  private static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
