-- Refusals (access denied, a forged or stale form, a rate limit) are audited without letting a
-- flood of them flood the log: per action, actor, client address and minute, the first is a row
-- marked coalesced and the others are only counted, beside it. audit_log stays append-only (its
-- rows are never updated), so the count lives in a table of its own.
ALTER TABLE audit_log ADD COLUMN coalesced boolean NOT NULL DEFAULT false;

-- The writer inserts with ON CONFLICT DO NOTHING on this index: concurrent first refusals of one
-- minute leave one row. NULLS NOT DISTINCT: anonymous refusals (no user) coalesce per address.
CREATE UNIQUE INDEX audit_log_coalesced_per_minute
  ON audit_log (action, user_id, ip_address, date_trunc('minute', created_at)) NULLS NOT DISTINCT
  WHERE coalesced;

-- How many more times a coalesced row's refusal happened in its minute.
CREATE TABLE audit_log_repeats (
  minute     timestamp    NOT NULL,
  action     varchar(255) NOT NULL,
  user_id    uuid         REFERENCES users (id) ON DELETE RESTRICT,
  ip_address inet,
  repeats    bigint       NOT NULL,
  CONSTRAINT audit_log_repeats_key UNIQUE NULLS NOT DISTINCT (minute, action, user_id, ip_address)
);

ALTER TABLE audit_log_repeats ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log_repeats FORCE ROW LEVEL SECURITY;

-- A count is read by whoever may read its audit row (audit_log's own policy decides).
CREATE POLICY audit_log_repeats_select ON audit_log_repeats FOR SELECT
  USING (EXISTS (SELECT 1 FROM audit_log a
                 WHERE a.coalesced
                   AND a.action = audit_log_repeats.action
                   AND a.user_id IS NOT DISTINCT FROM audit_log_repeats.user_id
                   AND a.ip_address IS NOT DISTINCT FROM audit_log_repeats.ip_address
                   AND date_trunc('minute', a.created_at) = audit_log_repeats.minute));

-- Only audit_log_count_repeat (SECURITY DEFINER, running as the owner) writes counts, and always
-- for the caller's own refusals: the app cannot count in someone else's name.
CREATE POLICY audit_log_repeats_definer ON audit_log_repeats FOR ALL
  USING (current_user <> '${app_role}') WITH CHECK (current_user <> '${app_role}');

GRANT SELECT ON audit_log_repeats TO ${app_role};

-- Counts one more refusal of the caller, in the minute of the current transaction (the minute its
-- audit row's created_at falls in).
CREATE FUNCTION audit_log_count_repeat(p_action varchar, p_ip_address inet) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO audit_log_repeats AS r (minute, action, user_id, ip_address, repeats)
    VALUES (date_trunc('minute', now()::timestamp), p_action, app_current_user_id(), p_ip_address, 1)
    ON CONFLICT ON CONSTRAINT audit_log_repeats_key DO UPDATE SET repeats = r.repeats + 1
  $$;

REVOKE ALL ON FUNCTION audit_log_count_repeat(varchar, inet) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_log_count_repeat(varchar, inet) TO ${app_role};
