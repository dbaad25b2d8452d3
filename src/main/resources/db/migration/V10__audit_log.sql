CREATE TABLE audit_log (
  id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid         REFERENCES users (id) ON DELETE RESTRICT,
  action        varchar(255) NOT NULL,
  resource_type varchar(100),
  resource_id   uuid,
  old_values    jsonb,
  new_values    jsonb,
  ip_address    inet,
  created_at    timestamp    NOT NULL DEFAULT now(),
  -- Earshot's extension: the playground a row concerns (no foreign key: the log outlives it),
  -- so that an admin reads what was done to their playgrounds.
  playground_id uuid
);

CREATE INDEX idx_audit_log_user_id ON audit_log (user_id);
CREATE INDEX idx_audit_log_resource_type_resource_id ON audit_log (resource_type, resource_id);
CREATE INDEX idx_audit_log_created_at ON audit_log (created_at);
CREATE INDEX idx_audit_log_playground_id ON audit_log (playground_id);

-- Append-only, for every role that is not a superuser: no update, delete or truncate.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;

-- Anyone may record what they do (security events before sign-in carry no user).
CREATE POLICY audit_log_insert ON audit_log FOR INSERT
  WITH CHECK (user_id IS NULL OR user_id = (SELECT app_current_user_id()));

-- An admin reads their own actions and everything done to their playgrounds.
CREATE POLICY audit_log_select ON audit_log FOR SELECT
  USING ((SELECT app_is_admin())
         AND (user_id = (SELECT app_current_user_id())
              OR playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id()))));

GRANT SELECT, INSERT ON audit_log TO ${app_role};
