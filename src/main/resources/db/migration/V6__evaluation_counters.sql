CREATE TABLE evaluation_counters (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  model_key     varchar(50) NOT NULL,
  current_count int         NOT NULL DEFAULT 0,
  created_at    timestamp   NOT NULL DEFAULT now(),
  updated_at    timestamp   NOT NULL DEFAULT now(),
  CONSTRAINT evaluation_counters_playground_id_model_key_key UNIQUE (playground_id, model_key),
  CONSTRAINT evaluation_counters_model_key_check CHECK (model_key IN ('model_a', 'model_b')),
  CONSTRAINT evaluation_counters_current_count_not_negative CHECK (current_count >= 0),
  -- A counter counts an existing model of its playground.
  CONSTRAINT evaluation_counters_model_fkey FOREIGN KEY (playground_id, model_key)
    REFERENCES model_configurations (playground_id, model_key) ON DELETE CASCADE
);

CREATE INDEX idx_evaluation_counters_playground_id ON evaluation_counters (playground_id);

CREATE TRIGGER evaluation_counters_set_updated_at BEFORE UPDATE ON evaluation_counters
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE evaluation_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluation_counters FORCE ROW LEVEL SECURITY;

CREATE POLICY evaluation_counters_select ON evaluation_counters FOR SELECT
  USING (playground_id IN (SELECT id FROM playgrounds));

CREATE POLICY evaluation_counters_modify ON evaluation_counters FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT, UPDATE, DELETE ON evaluation_counters TO ${app_role};
