-- A study's life (issue 15 §1): draft (invisible to testers) → live → paused → closed, with an
-- optional closing date. is_active stays what testers and row-level security see: it is true
-- exactly while live, which the database keeps so (DESIGN "A study's life").
--
-- status defaults to 'live' because the seed's is_active defaults to true: a row inserted in plain
-- SQL is consistent either way. The app creates drafts (is_active false) itself.
ALTER TABLE playgrounds
  ADD COLUMN status    text        NOT NULL DEFAULT 'live',
  ADD COLUMN closes_at timestamptz;

UPDATE playgrounds SET status = 'paused' WHERE NOT is_active;

ALTER TABLE playgrounds
  ADD CONSTRAINT playgrounds_status_check CHECK (status IN ('draft', 'live', 'paused', 'closed')),
  ADD CONSTRAINT playgrounds_active_exactly_while_live CHECK (is_active = (status = 'live'));

-- Closed is final: a study whose results were read is not extended afterwards (that is how a
-- "peek, then collect more" bias creeps in). Another round is a duplicate.
CREATE FUNCTION playgrounds_closed_is_final() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.status = 'closed' AND NEW.status <> 'closed' THEN
    RAISE EXCEPTION 'a closed playground stays closed'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER playgrounds_closed_is_final BEFORE UPDATE OF status ON playgrounds
  FOR EACH ROW EXECUTE FUNCTION playgrounds_closed_is_final();

-- The closing job's index: the few playgrounds with a closing date.
CREATE INDEX idx_playgrounds_closes_at ON playgrounds (closes_at)
  WHERE closes_at IS NOT NULL AND status IN ('live', 'paused');

-- The preview saw a model's widget load, for this configuration version: part of the checklist
-- before going live. A new version (a changed embed code or name) needs a new preview.
CREATE TABLE widget_checks (
  playground_id         uuid        NOT NULL,
  model_key             varchar(50) NOT NULL,
  configuration_version int         NOT NULL,
  loaded_at             timestamp   NOT NULL DEFAULT now(),
  checked_by            uuid        REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (playground_id, model_key, configuration_version),
  CONSTRAINT widget_checks_model_fkey FOREIGN KEY (playground_id, model_key)
    REFERENCES model_configurations (playground_id, model_key) ON DELETE CASCADE
);

ALTER TABLE widget_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE widget_checks FORCE ROW LEVEL SECURITY;

-- The owning admin's, like the other admin tables (V25).
CREATE POLICY widget_checks_owner ON widget_checks FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT ON widget_checks TO ${app_role};

-- The closing job runs in every instance with no signed-in user: it reaches the playgrounds whose
-- date has come through this function alone, which runs as the owner (the role running this
-- migration, named by the policies as V22 does).
DO $$
DECLARE
  owner_only text := format('current_user = %L', current_user);
BEGIN
  EXECUTE format('CREATE POLICY playgrounds_closing_definer_select ON playgrounds FOR SELECT USING (%s)',
                 owner_only);
  EXECUTE format('CREATE POLICY playgrounds_closing_definer_update ON playgrounds FOR UPDATE'
                 ' USING (%1$s) WITH CHECK (%1$s)', owner_only);
END $$;

-- Closes every live or paused playground whose closing date has come, each with its audit row (no
-- user: the date did it), in one statement. Rows another instance is closing are skipped (SKIP
-- LOCKED), and one it closed meanwhile no longer matches: each is closed and audited once.
CREATE FUNCTION playgrounds_close_due() RETURNS SETOF uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH due AS (
      SELECT id, status FROM playgrounds
      WHERE closes_at <= now() AND status IN ('live', 'paused')
      FOR UPDATE SKIP LOCKED
    ), closed AS (
      UPDATE playgrounds p SET status = 'closed', is_active = false
      FROM due WHERE p.id = due.id
      RETURNING p.id, due.status AS was, p.closes_at
    ), audited AS (
      INSERT INTO audit_log (action, resource_type, resource_id, playground_id, old_values, new_values)
      SELECT 'playground.close', 'playground', id, id, jsonb_build_object('status', was),
             jsonb_build_object('status', 'closed', 'closes_at', closes_at)
      FROM closed
    )
    SELECT id FROM closed
  $$;

REVOKE ALL ON FUNCTION playgrounds_close_due() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION playgrounds_close_due() TO ${app_role};
