-- Head to head (issue 16 §1): an A/B playground may ask, once per round and after the tester has
-- submitted the form of the round's second agent, which agent they would rather talk to again.
-- Testers answer "Agent 1" or "Agent 2" (in the order they met them); what is stored is the model
-- chosen, and which model was met first, so that a position check (is the agent met first
-- preferred more often?) can be computed from the rows alone.
ALTER TABLE playgrounds
  ADD COLUMN asks_preference boolean NOT NULL DEFAULT false,
  -- A tuning playground has one agent: nothing to prefer.
  ADD CONSTRAINT playgrounds_asks_preference_check CHECK (NOT asks_preference OR type = 'ab_testing');

CREATE TABLE preferences (
  id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  -- RESTRICT, as for evaluations: no answer is ever lost by deleting something else.
  playground_id       uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE RESTRICT,
  user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  round_number        int         NOT NULL,
  -- first: the agent met first in the round; second: the one met second; both_good, both_bad.
  verdict             varchar(10) NOT NULL,
  -- The model chosen; NULL for the two ties.
  preferred_model_key varchar(50),
  -- The model met first in this round (position 1).
  first_model_key     varchar(50) NOT NULL,
  reason              text,
  created_at          timestamp   NOT NULL DEFAULT now(),
  -- One per round: a repeated submit (double click, retry) cannot add a second.
  CONSTRAINT preferences_round_key UNIQUE (playground_id, user_id, round_number),
  CONSTRAINT preferences_round_number_positive CHECK (round_number > 0),
  CONSTRAINT preferences_verdict_check CHECK (verdict IN ('first', 'second', 'both_good', 'both_bad')),
  CONSTRAINT preferences_first_model_key_check CHECK (first_model_key IN ('model_a', 'model_b')),
  CONSTRAINT preferences_preferred_model_key_check
    CHECK (preferred_model_key IN ('model_a', 'model_b')),
  -- The model chosen says the same as the verdict: the first-met one, the other one, or none.
  CONSTRAINT preferences_preferred_matches_verdict CHECK (
    CASE verdict
      WHEN 'first' THEN preferred_model_key IS NOT DISTINCT FROM first_model_key
      WHEN 'second' THEN preferred_model_key IS NOT NULL AND preferred_model_key <> first_model_key
      ELSE preferred_model_key IS NULL
    END),
  CONSTRAINT preferences_reason_length CHECK (char_length(reason) <= 1000)
);

CREATE INDEX idx_preferences_playground_id ON preferences (playground_id);
CREATE INDEX idx_preferences_user_id ON preferences (user_id);

ALTER TABLE preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE preferences FORCE ROW LEVEL SECURITY;

-- A tester's own preferences; the owning admin reads those of their playgrounds. Written once, by
-- their author, to a playground they may see; never updated or deleted.
CREATE POLICY preferences_select ON preferences FOR SELECT
  USING (user_id = (SELECT app_current_user_id())
         OR ((SELECT app_is_admin())
             AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id()))));

CREATE POLICY preferences_insert ON preferences FOR INSERT
  WITH CHECK (user_id = (SELECT app_current_user_id())
              AND playground_id IN (SELECT id FROM playgrounds));

GRANT SELECT, INSERT ON preferences TO ${app_role};

-- A preference exists only for a round its tester completed: both sessions of that round submitted,
-- the one at position 1 on the model the row says was met first, the one at position 2 on the
-- other. Runs as the owner (evaluation_sessions_definer_select, V22), so it checks what is, not
-- what the inserting role happens to see.
CREATE FUNCTION app_check_preference_round() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM evaluation_sessions s
                 WHERE s.playground_id = NEW.playground_id AND s.user_id = NEW.user_id
                   AND s.round_number = NEW.round_number AND s.position = 1
                   AND s.status = 'submitted' AND s.model_key = NEW.first_model_key)
     OR NOT EXISTS (SELECT 1 FROM evaluation_sessions s
                    WHERE s.playground_id = NEW.playground_id AND s.user_id = NEW.user_id
                      AND s.round_number = NEW.round_number AND s.position = 2
                      AND s.status = 'submitted' AND s.model_key <> NEW.first_model_key) THEN
    RAISE EXCEPTION 'a preference needs a complete round: both of its sessions submitted'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'preferences_round_complete';
  END IF;
  RETURN NEW;
END $$;

REVOKE ALL ON FUNCTION app_check_preference_round() FROM PUBLIC;

CREATE TRIGGER preferences_round_complete BEFORE INSERT ON preferences
  FOR EACH ROW EXECUTE FUNCTION app_check_preference_round();
