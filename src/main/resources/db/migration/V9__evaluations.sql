CREATE TABLE evaluations (
  id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  -- RESTRICT everywhere: no answer is ever lost by deleting something else.
  playground_id uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE RESTRICT,
  user_id       uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  model_key     varchar(50)  NOT NULL,
  question_id   uuid         NOT NULL REFERENCES questions (id) ON DELETE RESTRICT,
  answer_text   text,
  answer_value  varchar(255),
  rating        int,
  session_id    uuid         NOT NULL REFERENCES evaluation_sessions (id) ON DELETE RESTRICT,
  created_at    timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT evaluations_model_key_check CHECK (model_key IN ('model_a', 'model_b')),
  CONSTRAINT evaluations_rating_check CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT evaluations_answer_text_length CHECK (char_length(answer_text) <= 10000),
  CONSTRAINT evaluations_one_answer CHECK (num_nonnulls(answer_text, answer_value, rating) = 1),
  -- One answer per question per session: a repeated submit cannot add a second set.
  CONSTRAINT evaluations_session_id_question_id_key UNIQUE (session_id, question_id),
  CONSTRAINT evaluations_question_in_playground_fkey FOREIGN KEY (question_id, playground_id)
    REFERENCES questions (id, playground_id) ON DELETE RESTRICT,
  CONSTRAINT evaluations_matches_session_fkey FOREIGN KEY (session_id, playground_id, user_id, model_key)
    REFERENCES evaluation_sessions (id, playground_id, user_id, model_key) ON DELETE RESTRICT
);

CREATE INDEX idx_evaluations_playground_id ON evaluations (playground_id);
CREATE INDEX idx_evaluations_user_id ON evaluations (user_id);
CREATE INDEX idx_evaluations_model_key ON evaluations (model_key);
CREATE INDEX idx_evaluations_session_id ON evaluations (session_id);
CREATE INDEX idx_evaluations_created_at ON evaluations (created_at);
CREATE INDEX idx_evaluations_question_id ON evaluations (question_id);

ALTER TABLE evaluations ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluations FORCE ROW LEVEL SECURITY;

-- Testers see their own answers; the owning admin reads those of their playgrounds. Answers are
-- written once, by their author, to a playground they may see; never updated or deleted.
CREATE POLICY evaluations_select ON evaluations FOR SELECT
  USING (user_id = (SELECT app_current_user_id())
         OR ((SELECT app_is_admin())
             AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id()))));

CREATE POLICY evaluations_insert ON evaluations FOR INSERT
  WITH CHECK (user_id = (SELECT app_current_user_id())
              AND playground_id IN (SELECT id FROM playgrounds));

GRANT SELECT, INSERT ON evaluations TO ${app_role};
