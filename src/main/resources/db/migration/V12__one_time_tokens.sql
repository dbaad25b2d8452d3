-- Spring Security's JdbcOneTimeTokenService, in PostgreSQL types: sign-in links any instance can redeem.
CREATE TABLE one_time_tokens (
  token_value varchar(64)  PRIMARY KEY,
  username    varchar(255) NOT NULL,
  expires_at  timestamp    NOT NULL
);

CREATE INDEX idx_one_time_tokens_expires_at ON one_time_tokens (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON one_time_tokens TO ${app_role};
