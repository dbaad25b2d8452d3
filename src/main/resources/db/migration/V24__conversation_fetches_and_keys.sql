-- The fetch queue: one row per session whose conversation Earshot reads from ElevenLabs, after its
-- call ended (or its session ended without the page reporting a conversation id: then it is found
-- by the session's call_reference, the widget's user-id). Instances claim due rows with
-- FOR UPDATE SKIP LOCKED, so any number of them share the work and each row is worked by one.
CREATE TABLE conversation_fetches (
  session_id      uuid         PRIMARY KEY REFERENCES evaluation_sessions (id) ON DELETE CASCADE,
  playground_id   uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  -- pending: to fetch at next_attempt_at (also while ElevenLabs is still processing);
  -- done: the conversation is stored; failed: attempts exhausted, or a refusal no retry can
  -- change (another agent's conversation, no key) — last_error says which.
  state           varchar(20)  NOT NULL DEFAULT 'pending',
  attempts        int          NOT NULL DEFAULT 0,
  next_attempt_at timestamp    NOT NULL DEFAULT now(),
  last_error      varchar(500),
  created_at      timestamp    NOT NULL DEFAULT now(),
  updated_at      timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT conversation_fetches_state_check CHECK (state IN ('pending', 'done', 'failed')),
  CONSTRAINT conversation_fetches_attempts_check CHECK (attempts >= 0)
);

CREATE INDEX idx_conversation_fetches_due ON conversation_fetches (next_attempt_at)
  WHERE state = 'pending';
CREATE INDEX idx_conversation_fetches_playground_id ON conversation_fetches (playground_id);

CREATE TRIGGER conversation_fetches_set_updated_at BEFORE UPDATE ON conversation_fetches
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE conversation_fetches ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_fetches FORCE ROW LEVEL SECURITY;

CREATE POLICY conversation_fetches_select ON conversation_fetches FOR SELECT
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT ON conversation_fetches TO ${app_role};

-- A playground's own ElevenLabs API key (its agents may live in another workspace than the one
-- EARSHOT_ELEVENLABS_APIKEY belongs to), encrypted by the app (AES-256-GCM with a key from the
-- environment): the database, its backups and its logs never hold a key in clear. Write-only for
-- the owning admin: they may set or remove it, and know that one is set, never read it back.
CREATE TABLE playground_api_keys (
  playground_id uuid      PRIMARY KEY REFERENCES playgrounds (id) ON DELETE CASCADE,
  encrypted_key bytea     NOT NULL,
  set_by        uuid      REFERENCES users (id) ON DELETE SET NULL,
  set_at        timestamp NOT NULL DEFAULT now()
);

ALTER TABLE playground_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE playground_api_keys FORCE ROW LEVEL SECURITY;

CREATE POLICY playground_api_keys_owner ON playground_api_keys FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
              AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT, UPDATE, DELETE ON playground_api_keys TO ${app_role};
