-- Tuning versions on purpose (issue 15 §7): every configuration version of a model, with the name
-- and embed code it had, so that old versions keep their name in Insights and exports, and, for a
-- version made with New version, what changed and why.
CREATE TABLE model_versions (
  id                    uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id         uuid         NOT NULL,
  model_key             varchar(50)  NOT NULL,
  configuration_version int          NOT NULL,
  -- NULL: not known (a version from before this table whose audit rows do not say).
  model_name            varchar(255),
  embed_code            text,
  -- created: with its playground; new_version: by New version, with its note; edited: by the model's
  -- form (A/B tests); before_history: found when this table was made.
  origin                varchar(20)  NOT NULL,
  change_note           text,
  changes               text[]       NOT NULL DEFAULT '{}',
  created_by            uuid         REFERENCES users (id) ON DELETE SET NULL,
  created_at            timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT model_versions_version_key UNIQUE (playground_id, model_key, configuration_version),
  CONSTRAINT model_versions_model_fkey FOREIGN KEY (playground_id, model_key)
    REFERENCES model_configurations (playground_id, model_key) ON DELETE CASCADE,
  CONSTRAINT model_versions_version_positive CHECK (configuration_version > 0),
  CONSTRAINT model_versions_origin_check
    CHECK (origin IN ('created', 'new_version', 'edited', 'before_history')),
  -- A version made on purpose says why; no other has a note.
  CONSTRAINT model_versions_note_check
    CHECK ((origin = 'new_version') = (change_note IS NOT NULL AND btrim(change_note) <> '')),
  CONSTRAINT model_versions_note_length CHECK (length(change_note) <= 2000),
  CONSTRAINT model_versions_changes_check
    CHECK (changes <@ ARRAY['prompt', 'voice', 'llm', 'knowledge', 'other']::text[])
);

ALTER TABLE model_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_versions FORCE ROW LEVEL SECURITY;

-- Names and embed codes are the admin's: only the admin who owns the playground reads or adds
-- versions. History is never rewritten: no UPDATE or DELETE (a deleted playground takes its
-- versions along through the foreign key, which runs as the owner).
CREATE POLICY model_versions_own ON model_versions FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT ON model_versions TO ${app_role};

-- Whatever starts a version (a new model, an edit that bumps the version) leaves its row, unless
-- New version wrote it first with its note. Runs as the caller: row-level security applies.
CREATE FUNCTION app_record_model_version() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.configuration_version IS DISTINCT FROM OLD.configuration_version THEN
    INSERT INTO model_versions (playground_id, model_key, configuration_version, model_name,
                                embed_code, origin, created_by)
    VALUES (NEW.playground_id, NEW.model_key, NEW.configuration_version, NEW.model_name,
            NEW.embed_code, CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'edited' END,
            app_current_user_id())
    ON CONFLICT (playground_id, model_key, configuration_version) DO NOTHING;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER model_configurations_record_version
  AFTER INSERT OR UPDATE OF configuration_version ON model_configurations
  FOR EACH ROW EXECUTE FUNCTION app_record_model_version();

-- The owner running this is bound by the forced policies too, which admit nobody without a user:
-- lifted for the backfill only, inside this migration's transaction.
ALTER TABLE playgrounds NO FORCE ROW LEVEL SECURITY;
ALTER TABLE model_configurations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
ALTER TABLE model_versions NO FORCE ROW LEVEL SECURITY;

-- The versions that exist, from the current one back to 1: each earlier name and embed code is the
-- old value of the audit row that started the next version, where that row changed it; what no
-- audit row tells stays NULL (not known), never a guess.
DO $$
DECLARE
  m       record;
  bump    record;
  version int;
  name    text;
  embed   text;
  known   boolean;
BEGIN
  FOR m IN SELECT c.*, p.created_by AS owner FROM model_configurations c
           JOIN playgrounds p ON p.id = c.playground_id LOOP
    version := m.configuration_version;
    name := m.model_name;
    embed := m.embed_code;
    known := true;
    WHILE version >= 1 LOOP
      SELECT a.user_id, a.created_at, a.old_values INTO bump FROM audit_log a
      WHERE a.action = 'model.update' AND a.resource_type = 'model_configuration'
        AND a.resource_id = m.id
        AND (a.new_values ->> 'configuration_version') = version::text
      ORDER BY a.created_at DESC LIMIT 1;
      INSERT INTO model_versions (playground_id, model_key, configuration_version, model_name,
                                  embed_code, origin, created_by, created_at)
      VALUES (m.playground_id, m.model_key, version, name, embed, 'before_history',
              CASE WHEN version = 1 THEN m.owner ELSE bump.user_id END,
              CASE WHEN version = 1 THEN m.created_at ELSE coalesce(bump.created_at, m.created_at) END);
      IF bump.old_values IS NULL THEN
        known := false;
      END IF;
      name := CASE WHEN NOT known THEN NULL
                   WHEN bump.old_values -> 'model_name' IS NOT NULL THEN bump.old_values ->> 'model_name'
                   ELSE name END;
      embed := CASE WHEN NOT known THEN NULL
                    WHEN bump.old_values -> 'embed_code' IS NOT NULL THEN bump.old_values ->> 'embed_code'
                    ELSE embed END;
      version := version - 1;
    END LOOP;
  END LOOP;
END $$;

ALTER TABLE playgrounds FORCE ROW LEVEL SECURITY;
ALTER TABLE model_configurations FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
ALTER TABLE model_versions FORCE ROW LEVEL SECURITY;
