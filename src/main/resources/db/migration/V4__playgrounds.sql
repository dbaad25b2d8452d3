CREATE TABLE playgrounds (
  id                uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
  name              varchar(255)    NOT NULL,
  type              playground_type NOT NULL,
  description       text,
  support_text      text,
  created_by        uuid            NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  is_active         boolean         NOT NULL DEFAULT true,
  restricted_emails text[],
  created_at        timestamp       NOT NULL DEFAULT now(),
  updated_at        timestamp       NOT NULL DEFAULT now(),
  CONSTRAINT playgrounds_name_not_blank CHECK (btrim(name) <> ''),
  -- NULL is "every signed-in user"; a list is never empty and holds lower-cased emails or @domains.
  CONSTRAINT playgrounds_restricted_emails_normalized CHECK (
    restricted_emails IS NULL
    OR (cardinality(restricted_emails) > 0
        AND restricted_emails::text = lower(restricted_emails::text)
        AND array_position(restricted_emails, NULL) IS NULL))
);

CREATE INDEX idx_playgrounds_created_by ON playgrounds (created_by);
CREATE INDEX idx_playgrounds_is_active ON playgrounds (is_active);
CREATE INDEX idx_playgrounds_restricted_emails ON playgrounds USING gin (restricted_emails);

CREATE TRIGGER playgrounds_set_updated_at BEFORE UPDATE ON playgrounds
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE playgrounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE playgrounds FORCE ROW LEVEL SECURITY;

-- Admins see the playgrounds they created. Testers see active ones that are public or list their
-- email or their @domain.
CREATE POLICY playgrounds_select ON playgrounds FOR SELECT
  USING (CASE
           WHEN (SELECT app_is_admin()) THEN created_by = (SELECT app_current_user_id())
           ELSE (SELECT app_current_user_id()) IS NOT NULL
                AND is_active
                AND (restricted_emails IS NULL
                     OR restricted_emails && ARRAY[(SELECT app_current_email()),
                                                   (SELECT app_current_email_domain())])
         END);

CREATE POLICY playgrounds_insert ON playgrounds FOR INSERT
  WITH CHECK ((SELECT app_is_admin()) AND created_by = (SELECT app_current_user_id()));

CREATE POLICY playgrounds_update ON playgrounds FOR UPDATE
  USING ((SELECT app_is_admin()) AND created_by = (SELECT app_current_user_id()))
  WITH CHECK ((SELECT app_is_admin()) AND created_by = (SELECT app_current_user_id()));

CREATE POLICY playgrounds_delete ON playgrounds FOR DELETE
  USING ((SELECT app_is_admin()) AND created_by = (SELECT app_current_user_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON playgrounds TO ${app_role};

