-- Earshot's extension: one tester meeting one model once. Its id is the seed's evaluations.session_id.
CREATE TABLE evaluation_sessions (
  id                    uuid                      PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id         uuid                      NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  user_id               uuid                      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  model_key             varchar(50)               NOT NULL,
  status                evaluation_session_status NOT NULL DEFAULT 'assigned',
  round_number          int                       NOT NULL DEFAULT 1,
  position              smallint                  NOT NULL DEFAULT 1,
  configuration_version int                       NOT NULL,
  started_at            timestamp                 NOT NULL DEFAULT now(),
  expires_at            timestamp,
  submitted_at          timestamp,
  call_started_at       timestamp,
  conversation_id       varchar(255),
  created_at            timestamp                 NOT NULL DEFAULT now(),
  updated_at            timestamp                 NOT NULL DEFAULT now(),
  CONSTRAINT evaluation_sessions_model_key_check CHECK (model_key IN ('model_a', 'model_b')),
  CONSTRAINT evaluation_sessions_round_number_positive CHECK (round_number > 0),
  CONSTRAINT evaluation_sessions_position_check CHECK (position IN (1, 2)),
  CONSTRAINT evaluation_sessions_submitted_at_check CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
  CONSTRAINT evaluation_sessions_model_fkey FOREIGN KEY (playground_id, model_key)
    REFERENCES model_configurations (playground_id, model_key),
  -- Lets evaluations prove that they agree with their session.
  CONSTRAINT evaluation_sessions_identity_key UNIQUE (id, playground_id, user_id, model_key)
);

CREATE INDEX idx_evaluation_sessions_playground_id_user_id ON evaluation_sessions (playground_id, user_id);
CREATE INDEX idx_evaluation_sessions_user_id ON evaluation_sessions (user_id);
CREATE INDEX idx_evaluation_sessions_capacity ON evaluation_sessions (playground_id, model_key, status);

CREATE TRIGGER evaluation_sessions_set_updated_at BEFORE UPDATE ON evaluation_sessions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE evaluation_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluation_sessions FORCE ROW LEVEL SECURITY;

-- A tester's own sessions; the owning admin reads those of their playgrounds.
CREATE POLICY evaluation_sessions_select ON evaluation_sessions FOR SELECT
  USING (user_id = (SELECT app_current_user_id())
         OR ((SELECT app_is_admin())
             AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id()))));

CREATE POLICY evaluation_sessions_insert ON evaluation_sessions FOR INSERT
  WITH CHECK (user_id = (SELECT app_current_user_id())
              AND playground_id IN (SELECT id FROM playgrounds));

CREATE POLICY evaluation_sessions_update ON evaluation_sessions FOR UPDATE
  USING (user_id = (SELECT app_current_user_id()))
  WITH CHECK (user_id = (SELECT app_current_user_id()));

GRANT SELECT, INSERT, UPDATE ON evaluation_sessions TO ${app_role};
