CREATE TABLE questions (
  id            uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id uuid          NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  -- NULL: asked about every model of the playground (the only choice in tuning).
  model_key     varchar(50),
  question_text text          NOT NULL,
  question_type question_type NOT NULL,
  options       jsonb,
  order_index   int           NOT NULL DEFAULT 0,
  required      boolean       NOT NULL DEFAULT true,
  created_at    timestamp     NOT NULL DEFAULT now(),
  CONSTRAINT questions_model_key_check CHECK (model_key IN ('model_a', 'model_b')),
  CONSTRAINT questions_text_not_blank CHECK (btrim(question_text) <> ''),
  CONSTRAINT questions_select_has_options CHECK (
    (question_type = 'select') = (options IS NOT NULL AND jsonb_typeof(options) = 'array')),
  CONSTRAINT questions_model_fkey FOREIGN KEY (playground_id, model_key)
    REFERENCES model_configurations (playground_id, model_key) ON DELETE CASCADE,
  -- Lets evaluations prove that the question they answer belongs to their playground.
  CONSTRAINT questions_id_playground_id_key UNIQUE (id, playground_id)
);

CREATE INDEX idx_questions_playground_id ON questions (playground_id);
CREATE INDEX idx_questions_model_key ON questions (model_key);
CREATE INDEX idx_questions_playground_id_order_index ON questions (playground_id, order_index);

ALTER TABLE questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE questions FORCE ROW LEVEL SECURITY;

CREATE POLICY questions_select ON questions FOR SELECT
  USING (playground_id IN (SELECT id FROM playgrounds));

CREATE POLICY questions_modify ON questions FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT, UPDATE, DELETE ON questions TO ${app_role};
