-- The policies that let the SECURITY DEFINER functions reach across users (V15: capacity and the
-- guarded counter; V16: the tallies and the rating pairs; V18: refusal repeats) admitted any role
-- but the runtime role, so any role added later with a grant on these tables (a reporting login,
-- say) would have read every tester's sessions and answers and written counters and tallies. They
-- name the owner instead: the role running this migration, which owns the tables and the
-- functions, and as which the functions run.
DO $$
DECLARE
  owner_only text := format('current_user = %L', current_user);
  t text;
BEGIN
  EXECUTE format('ALTER POLICY evaluation_sessions_definer_select ON evaluation_sessions USING (%s)',
                 owner_only);
  EXECUTE format('ALTER POLICY evaluations_definer_select ON evaluations USING (%s)', owner_only);
  EXECUTE format('ALTER POLICY evaluation_counters_definer_update ON evaluation_counters'
                 ' USING (%1$s) WITH CHECK (%1$s)', owner_only);
  FOREACH t IN ARRAY ARRAY['answer_tallies', 'session_tallies', 'rating_pair_tallies', 'playground_testers',
                           'tester_tallies', 'audit_log_repeats'] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)',
                   t || '_definer', t, owner_only, owner_only);
  END LOOP;
END $$;
