-- The runtime role: owns nothing and never bypasses row-level security. Where the migrating (owner)
-- role may create roles it is created here; otherwise a DBA creates it beforehand (README).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}') THEN
    CREATE ROLE ${app_role} NOLOGIN NOBYPASSRLS;
  END IF;
  -- Lets a deployment with a single (owner) credential run the app as `SET ROLE ${app_role}`.
  IF NOT pg_has_role(current_user, '${app_role}', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT %I TO %I', '${app_role}', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'cannot grant ${app_role} to %; the app must then log in as ${app_role}', current_user;
    END;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO ${app_role};

-- The request context. The app sets these per transaction with set_config(..., true) from the
-- signed-in principal (platform's RlsTransactionManager). Unset means: nobody, and every policy
-- returns no rows. Policies call them as (SELECT fn()) so that each is evaluated once per query.
CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('earshot.user_id', true), '')::uuid $$;

CREATE FUNCTION app_current_email() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT lower(nullif(current_setting('earshot.user_email', true), '')) $$;

CREATE FUNCTION app_current_email_domain() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT '@' || split_part(app_current_email(), '@', 2) WHERE app_current_email() LIKE '%@%' $$;

CREATE FUNCTION app_is_admin() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('earshot.user_role', true) = 'admin', false)
               AND app_current_user_id() IS NOT NULL $$;

-- updated_at is maintained by the database, whatever statement changes the row.
CREATE FUNCTION set_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
