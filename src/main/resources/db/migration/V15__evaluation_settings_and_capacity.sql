-- How a playground runs its evaluations.
ALTER TABLE playgrounds
  ADD COLUMN reservation_minutes   int     NOT NULL DEFAULT 30,
  ADD COLUMN max_rounds_per_tester int,
  ADD COLUMN require_call          boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT playgrounds_reservation_minutes_check CHECK (reservation_minutes BETWEEN 1 AND 1440),
  ADD CONSTRAINT playgrounds_max_rounds_per_tester_check CHECK (max_rounds_per_tester > 0);

-- Capacity counts every tester's reservations, and a submit moves a counter that testers may not
-- otherwise change. Both happen only inside the SECURITY DEFINER functions below, which run as
-- their owner (the migrating role). These policies admit any role but the runtime role: the app
-- reaches across users only through these functions.
CREATE POLICY evaluation_sessions_definer_select ON evaluation_sessions FOR SELECT
  USING (current_user <> '${app_role}');

CREATE POLICY evaluation_counters_definer_update ON evaluation_counters FOR UPDATE
  USING (current_user <> '${app_role}')
  WITH CHECK (current_user <> '${app_role}');

-- Per model of a playground the caller may see: the limit, what is submitted, and the live
-- reservations (assigned sessions not yet expired).
CREATE FUNCTION app_model_capacity(p_playground uuid)
  RETURNS TABLE (model_key varchar, max_evaluations int, submitted int, reserved bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.model_key, m.max_evaluations, c.current_count,
           (SELECT count(*) FROM evaluation_sessions s
            WHERE s.playground_id = m.playground_id AND s.model_key = m.model_key
              AND s.status = 'assigned' AND s.expires_at > now())
    FROM model_configurations m
    JOIN evaluation_counters c ON c.playground_id = m.playground_id AND c.model_key = m.model_key
    WHERE m.playground_id = p_playground
      AND EXISTS (SELECT 1 FROM playgrounds p WHERE p.id = p_playground)
    ORDER BY m.model_key
  $$;

-- Whether the caller may reserve a slot of a model now. Far from the limit (more free slots than
-- testers could plausibly start at the same instant) it answers without a lock, so reservations do
-- not queue behind each other. Near the limit it locks the model's counter row until the caller's
-- transaction ends, so that the last slots are given one at a time: the caller inserts its session
-- in the same transaction. The limit itself is enforced at submit, by app_count_submission.
CREATE FUNCTION app_reserve_model(p_playground uuid, p_model varchar)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_max      int;
  v_count    int;
  v_reserved bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM playgrounds WHERE id = p_playground AND is_active) THEN
    RETURN false;
  END IF;
  SELECT m.max_evaluations, c.current_count INTO v_max, v_count
  FROM evaluation_counters c
  JOIN model_configurations m ON m.playground_id = c.playground_id AND m.model_key = c.model_key
  WHERE c.playground_id = p_playground AND c.model_key = p_model;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF v_max IS NULL THEN
    RETURN true;
  END IF;
  SELECT count(*) INTO v_reserved FROM evaluation_sessions
  WHERE playground_id = p_playground AND model_key = p_model
    AND status = 'assigned' AND expires_at > now();
  IF v_max - v_count - v_reserved > 200 THEN
    RETURN true;
  END IF;
  SELECT c.current_count INTO v_count
  FROM evaluation_counters c
  WHERE c.playground_id = p_playground AND c.model_key = p_model
  FOR UPDATE OF c;
  SELECT count(*) INTO v_reserved FROM evaluation_sessions
  WHERE playground_id = p_playground AND model_key = p_model
    AND status = 'assigned' AND expires_at > now();
  RETURN v_count + v_reserved < v_max;
END $$;

-- Counts the caller's just-submitted session: the guarded increment that never passes
-- max_evaluations. A session whose reservation lapsed counts only while a slot is free beside the
-- live reservations of others. Returns false (and changes nothing) when it may not count.
CREATE FUNCTION app_count_submission(p_session uuid)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_session evaluation_sessions;
  v_max     int;
  v_count   int;
  v_others  bigint := 0;
BEGIN
  SELECT * INTO v_session FROM evaluation_sessions
  WHERE id = p_session AND user_id = app_current_user_id() AND status = 'submitted';
  IF NOT FOUND
     OR NOT EXISTS (SELECT 1 FROM playgrounds WHERE id = v_session.playground_id AND is_active) THEN
    RETURN false;
  END IF;
  SELECT m.max_evaluations, c.current_count INTO v_max, v_count
  FROM evaluation_counters c
  JOIN model_configurations m ON m.playground_id = c.playground_id AND m.model_key = c.model_key
  WHERE c.playground_id = v_session.playground_id AND c.model_key = v_session.model_key
  FOR UPDATE OF c;
  IF v_max IS NOT NULL AND v_session.expires_at <= now() THEN
    SELECT count(*) INTO v_others FROM evaluation_sessions
    WHERE playground_id = v_session.playground_id AND model_key = v_session.model_key
      AND status = 'assigned' AND expires_at > now() AND id <> p_session;
  END IF;
  UPDATE evaluation_counters
  SET current_count = current_count + 1
  WHERE playground_id = v_session.playground_id AND model_key = v_session.model_key
    AND (v_max IS NULL OR current_count + v_others < v_max);
  RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION app_model_capacity(uuid), app_reserve_model(uuid, varchar),
  app_count_submission(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_model_capacity(uuid), app_reserve_model(uuid, varchar),
  app_count_submission(uuid) TO ${app_role};
