CREATE TABLE model_configurations (
  id                    uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id         uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  model_key             varchar(50)  NOT NULL,
  model_name            varchar(255),
  embed_code            text,
  max_evaluations       int,
  -- Earshot's extension: bumped when the embed code or name changes; sessions record it.
  configuration_version int          NOT NULL DEFAULT 1,
  created_at            timestamp    NOT NULL DEFAULT now(),
  updated_at            timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT model_configurations_playground_id_model_key_key UNIQUE (playground_id, model_key),
  CONSTRAINT model_configurations_model_key_check CHECK (model_key IN ('model_a', 'model_b')),
  CONSTRAINT model_configurations_max_evaluations_positive CHECK (max_evaluations > 0),
  CONSTRAINT model_configurations_configuration_version_positive CHECK (configuration_version > 0)
);

CREATE INDEX idx_model_configurations_playground_id ON model_configurations (playground_id);

CREATE TRIGGER model_configurations_set_updated_at BEFORE UPDATE ON model_configurations
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE model_configurations ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_configurations FORCE ROW LEVEL SECURITY;

-- Follows its playground: visible with it, changed by its owning admin. The uncorrelated
-- subqueries are planned once per query, not per row.
CREATE POLICY model_configurations_select ON model_configurations FOR SELECT
  USING (playground_id IN (SELECT id FROM playgrounds));

CREATE POLICY model_configurations_modify ON model_configurations FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT, UPDATE, DELETE ON model_configurations TO ${app_role};
