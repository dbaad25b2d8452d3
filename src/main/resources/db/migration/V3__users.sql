CREATE TABLE users (
  id         uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  email      varchar(255) NOT NULL UNIQUE,
  full_name  varchar(255),
  role       user_role    NOT NULL DEFAULT 'tester',
  created_at timestamp    NOT NULL DEFAULT now(),
  updated_at timestamp    NOT NULL DEFAULT now(),
  last_login timestamp,
  -- Stored trimmed and lower-cased, so the plain UNIQUE above is case-insensitive.
  CONSTRAINT users_email_normalized CHECK (email = lower(btrim(email)) AND email LIKE '_%@_%')
);

CREATE INDEX idx_users_role ON users (role);

CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

-- Everyone sees their own row (by id, or by email while signing in); admins see all users.
CREATE POLICY users_select ON users FOR SELECT
  USING (id = (SELECT app_current_user_id())
         OR email = (SELECT app_current_email())
         OR (SELECT app_is_admin()));

-- A row is created at first sign-in, for the email being signed in.
CREATE POLICY users_insert ON users FOR INSERT
  WITH CHECK (email = (SELECT app_current_email()));

-- Users change their own row (name, last sign-in); only admins change roles.
CREATE POLICY users_update ON users FOR UPDATE
  USING (id = (SELECT app_current_user_id()) OR (SELECT app_is_admin()))
  WITH CHECK ((SELECT app_is_admin()) OR (id = (SELECT app_current_user_id()) AND role = 'tester'));

GRANT SELECT, INSERT, UPDATE ON users TO ${app_role};
