-- The key that signs the cookies Earshot reads back as its own (a redirect's one-off messages), so
-- that a visitor needs no session row and a forged cookie is refused. One row, made here once at
-- random, so every app instance on this database signs and checks with the same key and no
-- setting has to be shared by hand. The runtime role may read it, never change it; to rotate it,
-- the owner updates the row and the instances restart (cookies in flight live minutes).
CREATE TABLE cookie_signing_key (
  only_row   boolean   PRIMARY KEY DEFAULT true CHECK (only_row),
  secret     bytea     NOT NULL CHECK (length(secret) >= 32),
  created_at timestamp NOT NULL DEFAULT now()
);

-- 32 bytes from two version-4 UUIDs: 244 bits from PostgreSQL's strong random source, no extension.
INSERT INTO cookie_signing_key (secret)
VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

GRANT SELECT ON cookie_signing_key TO ${app_role};
