-- Email invitations to a playground (issue 15 §2): one row per playground and address, however often
-- it was sent; the invitee's progress is read from their sessions, not kept here.
CREATE TABLE invitations (
  id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  playground_id uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  email         varchar(254) NOT NULL,
  invited_by    uuid         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  invited_at    timestamp    NOT NULL DEFAULT now(),
  -- The last invitation or reminder mailed: none is sent again within the resend window.
  last_sent_at  timestamp    NOT NULL DEFAULT now(),
  times_sent    int          NOT NULL DEFAULT 1,
  reminded_at   timestamp,
  CONSTRAINT invitations_email_normalized CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
  CONSTRAINT invitations_times_sent_positive CHECK (times_sent > 0),
  CONSTRAINT invitations_playground_id_email_key UNIQUE (playground_id, email)
);

CREATE INDEX idx_invitations_email ON invitations (email);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;

-- Only the admin who owns the playground sees and writes its invitations: another admin sees none,
-- and a tester none (not even their own: whether they were invited is answered by
-- app_has_invitation, below, as a yes or no).
CREATE POLICY invitations_owner ON invitations FOR ALL
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin())
              AND invited_by = (SELECT app_current_user_id())
              AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

-- What app_has_invitation reads, as the owner it runs as (V22: the owner named, no other role).
DO $$
BEGIN
  EXECUTE format('CREATE POLICY invitations_definer_select ON invitations FOR SELECT USING (current_user = %L)',
                 current_user);
END $$;

-- Whether anyone invited the signed-in user to any playground: the tester's empty home page says
-- "follow the link you were sent" only then. Nothing else of the invitation is revealed.
CREATE FUNCTION app_has_invitation() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM invitations WHERE email = app_current_email()) $$;

REVOKE ALL ON FUNCTION app_has_invitation() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_has_invitation() TO ${app_role};

-- No DELETE: an invitation once sent stays on record (the playground's deletion takes it along).
GRANT SELECT, INSERT, UPDATE ON invitations TO ${app_role};
